"""`manage.py load_demo`: the Bocage demo places (fixtures/), created or refreshed by slug."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_FILES = ["bocage.geojson"]
# What the apps nested in places add to the demo places, by command name (places imports
# none of their apps): spaces and equipment, events, resources.
DEMO_COMMANDS = ["load_demo_sharing", "load_demo_events", "load_demo_resources"]


class Command(BaseCommand):
    help = "Charge (ou rafraîchit) les données de démonstration du Pays du Bocage ornais."

    def handle(self, *args, **options):
        for name in DEMO_FILES:
            call_command(
                "import_places",
                str(Path(settings.BASE_DIR) / "fixtures" / name),
                stdout=self.stdout,
                stderr=self.stderr,
            )
        for command in DEMO_COMMANDS:
            call_command(command, stdout=self.stdout, stderr=self.stderr)
