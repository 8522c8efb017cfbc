"""A person with an account: signs in with an e-mail address (no user name)."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(DjangoUserManager):
    """Django's manager, with the e-mail address in the user name's place."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser is staff and superuser.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """Hosts of places and coordinators (staff) are users; an e-mail address is their name."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    name = models.CharField(
        _("nom affiché"),
        max_length=150,
        blank=True,
        help_text=_("Comment vous présenter aux autres (prénom, nom ou pseudonyme)."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("compte")
        verbose_name_plural = _("comptes")
        constraints = [
            # Two accounts may not differ only by the case of their address.
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email.split("@")[0]


class Hosting(models.Model):
    """A person who keeps a place's listing (one of its hosts); a person may host several."""

    place = models.ForeignKey(
        "places.Place", verbose_name=_("lieu"), on_delete=models.CASCADE, related_name="hostings"
    )
    user = models.ForeignKey(
        User, verbose_name=_("hôte"), on_delete=models.CASCADE, related_name="hostings"
    )
    added_at = models.DateTimeField(_("depuis le"), auto_now_add=True)
    added_by = models.ForeignKey(
        User,
        verbose_name=_("ajouté par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who became or stopped being a host, when, and by whom (django-simple-history).
    history = HistoricalRecords(
        verbose_name=_("version d’un hôte"), verbose_name_plural=_("versions des hôtes")
    )

    class Meta:
        verbose_name = _("hôte d’un lieu")
        verbose_name_plural = _("hôtes des lieux")
        constraints = [
            models.UniqueConstraint(fields=["place", "user"], name="hosting_once_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.place}"


class Invitation(models.Model):
    """An invitation to become a host of a place, sent by e-mail as a signed, expiring,
    single-use link (places/accounts/invitations.py). The address is only where it was sent:
    the signed-in person who opens the link accepts it."""

    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("lieu"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("envoyée à"))
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invité par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("acceptée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # Nobody accepted what is not accepted (the acceptor may since have left: NULL).
            models.CheckConstraint(
                condition=models.Q(accepted_by__isnull=True) | models.Q(accepted_at__isnull=False),
                name="invitation_accepted_by_when_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.place}"


class ApiToken(models.Model):
    """A personal key for the API (`Authorization: Token <key>`), acting as its owner. Only
    its SHA-256 is kept: the key itself is shown once, when it is made."""

    user = models.ForeignKey(
        User, verbose_name=_("titulaire"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nom"), max_length=80)
    prefix = models.CharField(_("début de la clé"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d’API")
        verbose_name_plural = _("jetons d’API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Decision(models.Model):
    """One step of a proposal's moderation: its author sent it (or sent it again), or a
    coordinator published it, asked for changes or refused it, with a message. The latest
    step is the proposal's state; every step stays, with who and when."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("proposé")
        RESUBMITTED = "resubmitted", _("renvoyé après modifications")
        PUBLISHED = "published", _("publié")
        CHANGES_REQUESTED = "changes", _("modifications demandées")
        REFUSED = "refused", _("refusé")

    place = models.ForeignKey(
        "places.Place", verbose_name=_("lieu"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("étape"), max_length=12, choices=Kind.choices)
    message = models.TextField(_("message"), blank=True)
    by = models.ForeignKey(
        User,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape de modération")
        verbose_name_plural = _("étapes de modération")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["place", "-at"], name="decision_place_latest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["submitted", "resubmitted", "published", "changes", "refused"]
                ),
                name="decision_kind_valid",
            ),
            # Asking for changes and refusing say why.
            models.CheckConstraint(
                condition=~models.Q(kind__in=["changes", "refused"]) | ~models.Q(message=""),
                name="decision_message_when_asked_or_refused",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} — {self.get_kind_display()}"
