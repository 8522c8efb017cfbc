"""Mails that never block a page nor get lost: written to the outbox, sent by the queue.

`mail_queue(...)` renders a mail and writes its row in the caller's transaction; once that
commits, a task (django-tasks) sends it. When the mail server refuses, fails or is too slow
(EMAIL_TIMEOUT), the row stays, with its next try later and later (backoff), and a task is
queued for then; `manage.py send_outbox` (and the reminders' command) sends whatever is
still due, so a mail survives a worker's restart too.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from places import mail
from places.outbox.models import OutgoingMail

logger = logging.getLogger(__name__)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


def retry_delay(attempts: int) -> timedelta:
    """1 min, 2, 4, 8... after each failed try, never more than 6 hours apart."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def mail_queue(
    *,
    kind: str,
    to: list[str] | str,
    subject: str,
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
) -> OutgoingMail:
    """Renders the mail now (in the page's language) and keeps it until it is sent."""
    rendered = mail.render_message(
        to=to, subject=subject, template=template, context=context, reply_to=reply_to
    )
    outgoing = OutgoingMail.objects.create(
        kind=kind,
        to=rendered.to,
        reply_to=rendered.reply_to,
        subject=rendered.subject[:255],
        body=rendered.body,
        html=rendered.html,
        send_after=timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue(outgoing.pk))
    return outgoing


def _enqueue(pk: int, *, at: datetime | None = None) -> None:
    # Imported here: the tasks module imports this one.
    from places.outbox.tasks import deliver_mail

    try:
        if at is not None and default_task_backend.supports_defer:
            deliver_mail.using(run_after=at).enqueue(pk)
        elif at is None:
            deliver_mail.enqueue(pk)
    except Exception:
        # The row is written: send_outbox will send it. A queue that is down loses nothing.
        logger.exception("Could not queue outgoing mail %s", pk)


def deliver(pk: int) -> bool:
    """Sends one waiting mail; True when it left. A failure keeps it for a later try."""
    with transaction.atomic():
        # Locked while it is sent: a task and the command never send it twice.
        outgoing = (
            OutgoingMail.objects.select_for_update(skip_locked=True).unsent().filter(pk=pk).first()
        )
        if outgoing is None:
            return False
        try:
            mail.send_rendered(
                mail.Rendered(
                    to=outgoing.to,
                    subject=outgoing.subject,
                    body=outgoing.body,
                    html=outgoing.html,
                    reply_to=outgoing.reply_to,
                )
            )
        except Exception as error:
            outgoing.attempts += 1
            outgoing.last_error = f"{type(error).__name__}: {error}"[:500]
            outgoing.send_after = timezone.now() + retry_delay(outgoing.attempts)
            outgoing.save(update_fields=["attempts", "last_error", "send_after"])
            logger.warning("Mail %s not sent (try %s): %s", pk, outgoing.attempts, error)
            at = outgoing.send_after
            transaction.on_commit(lambda: _enqueue(pk, at=at))
            return False
        # Sent: nothing personal stays (addresses, texts), only that it was sent.
        outgoing.sent_at = timezone.now()
        outgoing.attempts += 1
        outgoing.to, outgoing.reply_to = [], []
        outgoing.subject = outgoing.body = outgoing.html = outgoing.last_error = ""
        outgoing.save()
        return True


def deliver_due(*, now: datetime | None = None) -> tuple[int, int]:
    """Tries every mail whose time has come: (sent, still waiting)."""
    now = now or timezone.now()
    sent = 0
    for pk in OutgoingMail.objects.due(now).order_by("send_after").values_list("pk", flat=True):
        sent += deliver(pk)
    return sent, OutgoingMail.objects.unsent().count()
