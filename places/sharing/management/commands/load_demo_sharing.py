"""`manage.py load_demo_sharing`: spaces, equipment and accessibility of the demo places
(fixtures/sharing.json), created or refreshed by place and name; `load_demo` calls it."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from places.models import Place
from places.sharing.models import Equipment, Space

ACCESSIBILITY = ["wheelchair", "hearing_notes", "sight_notes", "acceslibre_url"]


class Command(BaseCommand):
    help = "Charge (ou rafraîchit) les salles, le matériel et l’accessibilité des lieux de démo."

    def handle(self, *args, **options):
        data = json.loads((Path(settings.BASE_DIR) / "fixtures" / "sharing.json").read_text())
        counts = {"places": 0, "spaces": 0, "equipment": 0}
        with transaction.atomic():
            for slug, shared in data["places"].items():
                place = Place.objects.filter(slug=slug).first()
                if place is None:
                    continue
                Place.objects.filter(pk=place.pk).update(
                    **{name: shared["accessibility"][name] for name in ACCESSIBILITY}
                )
                counts["places"] += 1
                for model, key in ((Space, "spaces"), (Equipment, "equipment")):
                    names = []
                    for position, row in enumerate(shared[key]):
                        fields = {name: value for name, value in row.items() if name != "name"}
                        model.objects.update_or_create(
                            place=place, name=row["name"], defaults={**fields, "position": position}
                        )
                        names.append(row["name"])
                        counts[key] += 1
                    model.objects.filter(place=place).exclude(name__in=names).delete()
        self.stdout.write(
            f"Démo : accessibilité de {counts['places']} lieux, {counts['spaces']} espaces, "
            f"{counts['equipment']} matériels."
        )
