"""`manage.py load_demo_contact`: what contact shows on the demo places (after `load_demo`):
listings checked by their hosts at various dates (a few too long ago, for the coordinators'
list) and a correction waiting for La Filature Commune's hosts. Idempotent."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from places.contact.models import Suggestion
from places.contact.selectors import months_ago
from places.models import Place

DEMO_AUTHOR = "Visiteuse (démonstration)"
DEMO_PLACE = "la-filature-commune"


class Command(BaseCommand):
    help = "Ajoute aux lieux de démonstration des dates de vérification et une correction."

    def handle(self, *args, **options):
        now = timezone.now()
        unchecked = Place.objects.filter(is_demo=True, checked_at__isnull=True).order_by("slug")
        checked = 0
        for index, place in enumerate(unchecked.only("pk", "slug")):
            # One listing in four was last checked eight months ago; the others lately.
            when = now - months_ago(8) if index % 4 == 3 else now - timedelta(days=3 + index * 5)
            Place.objects.filter(pk=place.pk).update(checked_at=when)
            checked += 1
        place = Place.objects.filter(slug=DEMO_PLACE).first()
        created = False
        if (
            place is not None
            and not Suggestion.objects.filter(place=place, name=DEMO_AUTHOR).exists()
        ):
            Suggestion.objects.create(
                place=place,
                name=DEMO_AUTHOR,
                email="visiteuse@demo.fabrique-du-bocage.fr",
                changes={
                    "phone": {"before": place.phone, "after": "02 33 64 18 30"},
                    "summary": {
                        "before": place.summary,
                        "after": place.summary.rstrip(".") + ", ouvert aussi le samedi matin.",
                    },
                },
                comment="Le standard a changé de numéro à la rentrée, et vous ouvrez le samedi.",
            )
            created = True
        self.stdout.write(
            f"{checked} fiche(s) datée(s) ; correction de démonstration : "
            f"{'ajoutée' if created else 'déjà là'}."
        )
