"""A mail server that is down, failing or slow delays mails; it loses none."""

import io
import time
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from places.outbox import services
from places.outbox.models import OutgoingMail
from tests.contact.conftest import contact_data
from tests.factories import PlaceFactory
from tests.outbox.conftest import FakeSMTP, closed_port

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queue(capture, **overrides) -> OutgoingMail:
    with capture(execute=True):
        return services.mail_queue(
            kind="test",
            to="hote@example.org",
            subject="Bonjour",
            template="mail/contact_relay",
            context={
                "place": PlaceFactory(),
                "name": "Léa",
                "email": "lea@example.net",
                "subject": "Une salle ?",
                "message": "Pour mardi.",
            },
            reply_to=["lea@example.net"],
            **overrides,
        )


def test_a_mail_queued_while_the_server_is_down_is_kept_then_delivered(
    db, smtp, django_capture_on_commit_callbacks
):
    smtp(closed_port())
    outgoing = queue(django_capture_on_commit_callbacks)

    outgoing.refresh_from_db()
    assert outgoing.sent_at is None
    assert outgoing.attempts == 1
    assert "ConnectionRefusedError" in outgoing.last_error
    assert outgoing.send_after > timezone.now() + timedelta(seconds=50)
    assert outgoing.body  # kept whole for the next try

    with FakeSMTP("ok") as server:
        smtp(server.port)
        call_command("send_outbox", stdout=io.StringIO())  # not due yet: waits its turn
        assert server.messages == []
        out = io.StringIO()
        call_command("send_outbox", "--all", stdout=out)

    assert out.getvalue().strip() == "1 envoyé(s), 0 en attente."
    [delivered] = server.messages
    assert "Reply-To: lea@example.net" in delivered
    assert "To: hote@example.org" in delivered
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None and outgoing.attempts == 2
    assert (outgoing.to, outgoing.body) == ([], "")


def test_a_server_that_says_try_later_delays_the_mail_and_the_next_try_waits_longer(
    db, smtp, django_capture_on_commit_callbacks
):
    with FakeSMTP("busy") as server:
        smtp(server.port)
        outgoing = queue(django_capture_on_commit_callbacks)
        later = timezone.now() + timedelta(hours=1)
        services.deliver_due(now=later)

    outgoing.refresh_from_db()
    assert outgoing.sent_at is None
    assert outgoing.attempts == 2
    assert "451" in outgoing.last_error
    assert outgoing.send_after > timezone.now() + timedelta(seconds=110)  # 2 minutes now
    assert server.messages == []


def test_a_mute_server_holds_no_page_and_the_mail_waits(
    client, db, smtp, django_capture_on_commit_callbacks
):
    place = PlaceFactory(email="lieu@example.org")
    with FakeSMTP("mute") as server:
        smtp(server.port)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/lieux/{place.slug}/contact/", contact_data())
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 5  # EMAIL_TIMEOUT (1 s here) bounds each try
    assert OutgoingMail.objects.unsent().count() == 2
    assert all("timed out" in o.last_error for o in OutgoingMail.objects.all())


def test_the_database_queue_keeps_the_mail_before_the_page_answers(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    place = PlaceFactory(email="lieu@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/lieux/{place.slug}/contact/", contact_data())

    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent by the page itself
    assert OutgoingMail.objects.unsent().count() == 2
    assert DBTaskResult.objects.filter(status="READY").count() == 2


def test_a_failed_try_queues_the_next_one_for_later(
    db, settings, smtp, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    smtp(closed_port())
    outgoing = queue(django_capture_on_commit_callbacks)
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliver(outgoing.pk) is False

    [retry] = DBTaskResult.objects.all()
    outgoing.refresh_from_db()
    assert retry.run_after == outgoing.send_after
    assert retry.args_kwargs["args"] == [outgoing.pk]


def test_a_sent_mail_is_not_sent_again(db, django_capture_on_commit_callbacks):
    outgoing = queue(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    assert services.deliver(outgoing.pk) is False
    call_command("send_outbox", "--all", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_the_delay_between_tries_doubles_up_to_six_hours():
    delays = [services.retry_delay(n) for n in (1, 2, 3, 4, 20)]
    assert delays == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
        timedelta(hours=6),
    ]
