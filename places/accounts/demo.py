"""Demo accounts for trying the host side locally: never on a real site (see load_demo_accounts)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from places import geo, history
from places.accounts.models import Decision, Hosting, User
from places.models import Place, PlaceType


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
    demo_proposals_load(author=User.objects.get(email__iexact=ACCOUNTS[0].email))
    return list(ACCOUNTS)


# Proposals of the first demo host, to try the moderation queue: one waits for a decision
# (close to a demo place, so flagged as a possible duplicate), one was sent back for changes.
PROPOSALS = (
    {
        "slug": "filature-commune-atelier-textile",
        "name": "Filature commune — atelier textile",
        "summary": "L’atelier textile de la Filature, proposé comme un lieu à part (démonstration).",
        "near": "la-filature-commune",
        "type": "ateliers-partages",
        "asked": "",
    },
    {
        "slug": "le-jardin-des-possibles",
        "name": "Le Jardin des Possibles",
        "summary": "Un jardin partagé et sa serre, ouverts le samedi (démonstration).",
        "near": None,
        "type": "jardin-partage",
        "asked": "Précisez les horaires d’ouverture et ajoutez une photo du jardin, s’il vous plaît.",
    },
)


def demo_proposals_load(*, author: User) -> None:
    """The demo proposals, each made once (a later run leaves them as they are)."""
    coordinator = User.objects.filter(email__iexact=ACCOUNTS[-1].email).first()
    for demo in PROPOSALS:
        if Place.objects.filter(slug=demo["slug"]).exists():
            continue
        near = Place.objects.filter(slug=demo["near"]).first() if demo["near"] else None
        # About 30 m north of the place it may duplicate; in Briouze otherwise.
        lat, lon = (near.latitude + 0.0003, near.longitude) if near else (48.7001, -0.3652)
        place = Place(
            slug=demo["slug"],
            name=demo["name"],
            summary=demo["summary"],
            commune=near.commune if near else "Briouze",
            postcode=near.postcode if near else "61220",
            location=geo.make_point(lat=lat, lon=lon),
            status=Place.Status.DRAFT if demo["asked"] else Place.Status.PENDING,
            is_demo=True,
        )
        with history.one_version(place, by=author, reason="Proposition d’un nouveau lieu"):
            place.save()
            place.types.set(PlaceType.objects.filter(slug=demo["type"]))
        Hosting.objects.get_or_create(place=place, user=author, defaults={"added_by": author})
        Decision.objects.create(place=place, kind=Decision.Kind.SUBMITTED, by=author)
        if demo["asked"]:
            Decision.objects.create(
                place=place,
                kind=Decision.Kind.CHANGES_REQUESTED,
                by=coordinator,
                message=demo["asked"],
            )
