"""Writes of contact: a message relayed to a place's hosts (and its copy to the sender).

Nothing of the message is kept but the mails themselves, in the outbox until they leave
(places/outbox wipes them once sent): the site keeps no archive of what visitors write.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places.contact import selectors
from places.models import Place
from places.outbox.services import mail_queue

NO_RECIPIENT = gettext_lazy(
    "Ce lieu ne peut pas recevoir de message pour l’instant. Réessayez plus tard."
)


class NoRecipient(Exception):
    """Nobody to write to: no host, no address, no coordinator."""


def contact_relay(*, place: Place, name: str, email: str, subject: str, message: str) -> int:
    """Queues the message to each recipient of `place`, Reply-To the sender, and a copy to
    the sender (who never learns the recipients' addresses). Returns how many received it."""
    recipients = selectors.recipients_of(place=place)
    if not recipients:
        raise NoRecipient
    context = {"place": place, "name": name, "email": email, "subject": subject, "message": message}
    with transaction.atomic():
        for address in recipients:  # one mail each: no recipient sees the others' addresses
            mail_queue(
                kind="contact",
                to=address,
                subject=_("[%(place)s] %(subject)s") % {"place": place.name, "subject": subject},
                template="mail/contact_relay",
                context=context,
                reply_to=[email],
            )
        mail_queue(
            kind="contact-copy",
            to=email,
            subject=_("Copie de votre message à « %(place)s »") % {"place": place.name},
            template="mail/contact_copy",
            context=context,
        )
    return len(recipients)
