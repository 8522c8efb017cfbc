"""API authentication by a personal token: `Authorization: Token <key>` (made in /espace-hote/)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from places.accounts import tokens
from places.accounts.models import ApiToken

KEYWORD = "Token"
# Last use is written at most once a minute per token: not one UPDATE per request.
LAST_USE_PRECISION = timedelta(minutes=1)


class InvalidToken(exceptions.AuthenticationFailed):
    """A 401 that says how to authenticate, whatever the first authentication class is.

    DRF turns an authentication failure into a 403 when the first class of
    DEFAULT_AUTHENTICATION_CLASSES (the session's) names no scheme; a wrong token is a 401
    with `WWW-Authenticate: Token`, so this one keeps its status."""

    auth_header = KEYWORD

    @property
    def status_code(self) -> int:
        return 401

    @status_code.setter
    def status_code(self, value: int) -> None:
        pass


class TokenAuthentication(BaseAuthentication):
    """Authenticates as the owner of an active (not revoked) token; records its last use."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != KEYWORD.lower().encode():
            return None  # not ours: another class, or anonymous
        if len(words) != 2:
            raise InvalidToken(
                _("En-tête Authorization invalide : écrivez « Token » puis la clé, sans espace.")
            )
        try:
            key = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise InvalidToken(_("Jeton inconnu ou révoqué.")) from None
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=tokens.key_hash(key), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            raise InvalidToken(_("Jeton inconnu ou révoqué."))
        now = timezone.now()
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_PRECISION)
        ).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return KEYWORD
