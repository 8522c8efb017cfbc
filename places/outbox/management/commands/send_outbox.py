"""`manage.py send_outbox`: sends every mail still waiting whose next try has come.

Meant for a timer too (every few minutes): the worker's tasks send mails as they come, this
sends what a stopped worker or a long failure of the mail server left behind."""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand

from places.outbox import services


class Command(BaseCommand):
    help = "Envoie les courriels en attente dont le prochain essai est venu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Aussi ceux dont le prochain essai n’est pas venu."
        )

    def handle(self, *args, **options):
        now = datetime.max.replace(tzinfo=UTC) if options["all"] else None
        sent, waiting = services.deliver_due(now=now)
        self.stdout.write(f"{sent} envoyé(s), {waiting} en attente.")
