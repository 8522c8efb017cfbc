"""What keeps robots out of the forms anyone may send: a honeypot field, a minimum time
between showing a form and sending it (a signed timestamp), a limit per address and per IP.

Nothing is kept in clear: the counters are keyed by a keyed hash of the address or the IP,
in Django's cache (Redis when several app servers share it), and forget themselves."""

import hashlib
import hmac
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

SALT = "places.contact.form-started"
# A form left open longer than this is shown again (its token is stale), not refused.
MAX_FORM_AGE = 24 * 3600
TOO_FAST = _(
    "Votre message est parti trop vite pour avoir été écrit par une personne. Relisez-le, "
    "puis envoyez-le de nouveau."
)
STALE = _("Ce formulaire est resté ouvert trop longtemps : envoyez-le de nouveau.")
TOO_MANY = _(
    "Vous avez envoyé beaucoup de messages en peu de temps : réessayez dans %(minutes)d minutes."
)


def started_token(*, at: float | None = None) -> str:
    """The signed time a form was shown at."""
    return signing.dumps({"t": time.time() if at is None else at}, salt=SALT)


def _hidden_attrs() -> dict:
    return {"autocomplete": "off", "tabindex": "-1"}


class ProtectedForm(forms.Form):
    """A form with the honeypot and the time check. `is_robot` says the honeypot was filled
    (the view then pretends all went well and sends nothing)."""

    # Named like a field robots love to fill; hidden from people (CSS, aria-hidden).
    homepage = forms.CharField(
        required=False,
        label=_("Ne remplissez pas ce champ"),
        widget=forms.TextInput(_hidden_attrs()),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = started_token()

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("homepage"))

    def clean(self):
        data = super().clean()
        try:
            started = signing.loads(data.get("started") or "", salt=SALT, max_age=MAX_FORM_AGE)
            seconds = time.time() - float(started["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self._renew_token()
            raise forms.ValidationError(STALE, code="stale") from None
        # Checked once the fields are right: a person correcting a field is not hurried,
        # and the time still counts from the form's first display (its token is kept).
        if seconds < settings.CONTACT_MIN_SECONDS and not self.errors:
            raise forms.ValidationError(TOO_FAST, code="too_fast")
        return data

    def _renew_token(self) -> None:
        # The form shown again carries a fresh token.
        self.data = self.data.copy()
        self.data["started"] = started_token()


def _key(scope: str, kind: str, value: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{kind}:{value.strip().lower()}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"antispam:{scope}:{digest}"


def _keys(scope: str, *, email: str, ip: str) -> list[str]:
    return [_key(scope, "email", email), *([_key(scope, "ip", ip)] if ip else [])]


def limit_reached(scope: str, *, email: str, ip: str) -> bool:
    """Whether this address or this IP already sent CONTACT_RATE_LIMIT messages lately."""
    counts = cache.get_many(_keys(scope, email=email, ip=ip))
    return any(count >= settings.CONTACT_RATE_LIMIT for count in counts.values())


def count_message(scope: str, *, email: str, ip: str) -> None:
    window = settings.CONTACT_RATE_WINDOW_MINUTES * 60
    for key in _keys(scope, email=email, ip=ip):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, window)


def limit_message() -> str:
    return TOO_MANY % {"minutes": settings.CONTACT_RATE_WINDOW_MINUTES}
