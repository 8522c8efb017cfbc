"""Demo accounts for trying the host side locally: never on a real site (see load_demo_accounts)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from places.accounts.models import Hosting, User
from places.models import Place


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    name: str
    places: tuple[str, ...] = ()
    coordinator: bool = False


# Documented in the README; printed by `make run`. Local trials only.
ACCOUNTS = (
    DemoAccount(
        email="hote.filature@demo.fabrique-du-bocage.fr",
        password="demo-hote-bocage",
        name="Camille (hôte de démonstration)",
        places=("la-filature-commune", "repar-vere", "les-ateliers-de-la-vee"),
    ),
    DemoAccount(
        email="hote.etabli@demo.fabrique-du-bocage.fr",
        password="demo-hote-bocage",
        name="Dominique (hôte de démonstration)",
        places=("l-etabli-fertois", "le-grenier-des-fertois"),
    ),
    DemoAccount(
        email="coordination@demo.fabrique-du-bocage.fr",
        password="demo-coordination-bocage",
        name="Coordination (démonstration)",
        coordinator=True,
    ),
)


@transaction.atomic
def demo_accounts_load() -> list[DemoAccount]:
    """Creates or refreshes the demo accounts (address confirmed, known password) and their
    hosting of demo places present in the database."""
    for account in ACCOUNTS:
        user = User.objects.filter(email__iexact=account.email).first() or User(email=account.email)
        user.name = account.name
        user.is_active = True
        user.is_staff = user.is_superuser = account.coordinator
        user.set_password(account.password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        for place in Place.objects.filter(slug__in=account.places, is_demo=True):
            Hosting.objects.get_or_create(place=place, user=user)
    return list(ACCOUNTS)
