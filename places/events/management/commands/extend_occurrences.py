"""`manage.py extend_occurrences`: the occurrences of every series up to the horizon (daily)."""

from django.core.management.base import BaseCommand

from places.events import services


class Command(BaseCommand):
    help = "Matérialise les séances des évènements répétés jusqu’à l’horizon de l’agenda."

    def handle(self, *args, **options):
        count = services.occurrences_extend()
        self.stdout.write(f"{count} séances.")
