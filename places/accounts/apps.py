"""App configuration of the accounts (the custom user model, AUTH_USER_MODEL)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "places.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        # Registers the rules, and the token scheme of the OpenAPI description.
        from places.accounts import permissions, schema  # noqa: F401
