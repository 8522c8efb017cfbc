"""`manage.py load_demo_events`: the demo agenda, dated from today (run by load_demo)."""

from django.core.management.base import BaseCommand

from places.events import demo


class Command(BaseCommand):
    help = "Charge (ou rafraîchit) les évènements de démonstration, datés à partir d’aujourd’hui."

    def handle(self, *args, **options):
        self.stdout.write(f"{demo.load()} évènements de démonstration.")
