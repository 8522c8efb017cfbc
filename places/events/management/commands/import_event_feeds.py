"""`manage.py import_event_feeds`: the hosts' iCalendar feeds read and kept in step (hourly)."""

from django.core.management.base import BaseCommand

from places.events import imports
from places.events.models import EventFeed


class Command(BaseCommand):
    help = "Importe les calendriers iCalendar donnés par les hôtes (mise à jour par UID)."

    def add_arguments(self, parser):
        parser.add_argument("--feed", type=int, help="Un seul calendrier (son numéro).")

    def handle(self, *args, feed=None, **options):
        feeds = EventFeed.objects.select_related("place").order_by("pk")
        if feed is not None:
            feeds = feeds.filter(pk=feed)
        broken = 0
        for each in feeds:
            try:
                report = imports.import_feed(each)
            except imports.FeedError as error:
                broken += 1
                self.stderr.write(f"{each.url}: {error}")
            else:
                self.stdout.write(
                    f"{each.url}: {report.created} ajoutés, {report.updated} modifiés, "
                    f"{report.deleted} retirés, {report.unchanged} inchangés."
                )
        if broken:
            self.stderr.write(f"{broken} calendrier(s) illisible(s) : leurs hôtes sont prévenus.")
