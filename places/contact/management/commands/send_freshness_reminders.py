"""`manage.py send_freshness_reminders`: asks the hosts of listings not checked for
FRESHNESS_MONTHS months whether they are still right (meant for a daily timer; idempotent),
then sends what the outbox still holds."""

from django.core.management.base import BaseCommand

from places.contact import freshness
from places.outbox import services


class Command(BaseCommand):
    help = "Envoie les rappels « Votre fiche est-elle toujours à jour ? » qui sont dus."

    def handle(self, *args, **options):
        queued = freshness.send_reminders()
        sent, waiting = services.deliver_due()
        self.stdout.write(
            f"{queued} rappel(s) mis en file ; courriels : {sent} envoyé(s), {waiting} en attente."
        )
