"""App configuration of the accounts (the custom user model, AUTH_USER_MODEL)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "places.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        from places.accounts import permissions  # noqa: F401  (registers the rules)
