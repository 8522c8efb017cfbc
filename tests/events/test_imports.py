"""Events from elsewhere: a host's iCalendar feed imported by UID from a local server."""

import time as clock
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from places.accounts.models import Hosting
from places.events.models import Event, EventFeed, Status
from places.events.recurrence import PARIS
from tests.conftest import LocalServer
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = date.today() + timedelta(days=30)


def day(offset: int) -> str:
    return f"{BASE + timedelta(days=offset):%Y%m%d}"


def vevent(uid: str, summary: str, offset: int, *, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"DTSTART;TZID=Europe/Paris:{day(offset)}T180000\r\n"
        f"DTEND;TZID=Europe/Paris:{day(offset)}T200000\r\n{extra}END:VEVENT\r\n"
    )


def calendar(*events: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mobilizon//FR\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    ).encode()


class FakeFeed(LocalServer):
    def __init__(self):
        super().__init__()
        self.status, self.body, self.delay = 200, calendar(), 0.0
        self.url = f"http://127.0.0.1:{self.server.server_port}/agenda.ics"

    def respond(self, path, query):
        clock.sleep(self.delay)
        return self.status, self.body


@pytest.fixture
def feed_server():
    with FakeFeed() as fake:
        yield fake


@pytest.fixture
def feed(feed_server):
    place = PlaceFactory(slug="la-grange")
    Hosting.objects.create(place=place, user=UserFactory(email="camille@example.org"))
    return EventFeed.objects.create(place=place, url=feed_server.url)


def run():
    call_command("import_event_feeds")


def test_a_feed_is_imported_then_updated_by_uid_without_duplicates(feed_server, feed):
    feed_server.body = calendar(
        vevent("a@mobilizon", "Atelier vélo", 3, extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
        vevent("b@mobilizon", "Concert", 10),
    )
    run()
    run()  # the same feed again: nothing new
    assert sorted(Event.objects.values_list("title", flat=True)) == ["Atelier vélo", "Concert"]
    velo = Event.objects.get(feed_uid="a@mobilizon")
    assert velo.occurrences.count() == 3 and velo.place == feed.place and velo.sequence == 0
    feed_server.body = calendar(
        vevent(
            "a@mobilizon",
            "Atelier vélo et réparation",
            3,
            extra=f"RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Europe/Paris:{day(10)}T180000\r\n",
        ),
        vevent("b@mobilizon", "Concert", 10, extra="STATUS:CANCELLED\r\n"),
    )
    run()
    velo.refresh_from_db()
    assert velo.title == "Atelier vélo et réparation" and velo.sequence == 1
    assert velo.occurrences.count() == 2
    assert Event.objects.get(feed_uid="b@mobilizon").status == Status.CANCELLED
    assert Event.objects.count() == 2
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.last_success_at is not None


def test_what_the_feed_dropped_is_removed(feed_server, feed):
    feed_server.body = calendar(vevent("a@x", "Un", 3), vevent("b@x", "Deux", 4))
    run()
    assert sorted(Event.objects.values_list("feed_uid", flat=True)) == ["a@x", "b@x"]
    feed_server.body = calendar(vevent("b@x", "Deux", 4))
    run()
    assert list(Event.objects.values_list("feed_uid", flat=True)) == ["b@x"]


def test_a_moved_occurrence_of_the_feed_is_kept(feed_server, feed):
    feed_server.body = calendar(
        vevent("a@x", "Atelier", 3, extra="RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
        vevent("a@x", "Atelier", 11, extra=f"RECURRENCE-ID;TZID=Europe/Paris:{day(10)}T180000\r\n"),
    )
    run()
    days = [
        f"{o.start.astimezone(PARIS):%Y%m%d}"
        for o in Event.objects.get().occurrences.order_by("start")
    ]
    assert days == [day(3), day(11), day(17)]


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda fake: setattr(fake, "status", 500), "500"),
        (lambda fake: setattr(fake, "body", b"<html>Not found</html>"), "iCalendar"),
        (lambda fake: setattr(fake, "body", calendar(vevent("a@x", "Un", 3)) * 2000), "Mo"),
        (lambda fake: setattr(fake, "delay", 1.5), "temps"),
        (
            lambda fake: setattr(
                fake,
                "body",
                calendar(
                    "BEGIN:VEVENT\r\nUID:z@x\r\nSUMMARY:Z\r\nDTSTART:demain\r\nEND:VEVENT\r\n"
                ),
            ),
            "illisible",
        ),
    ],
    ids=["broken", "not-a-calendar", "too-large", "timeout", "bad-date"],
)
def test_a_broken_feed_changes_nothing_and_the_hosts_are_told(
    feed_server, feed, settings, setup, words, django_capture_on_commit_callbacks
):
    settings.EVENT_FEED_TIMEOUT = 0.5
    settings.EVENT_FEED_MAX_BYTES = 100_000
    feed_server.body = calendar(vevent("a@x", "Un", 3))
    run()
    setup(feed_server)
    with django_capture_on_commit_callbacks(execute=True):
        run()
        run()  # broken twice: one mail, not one an hour
    assert list(Event.objects.values_list("title", flat=True)) == ["Un"]
    feed.refresh_from_db()
    assert words in feed.last_error
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille@example.org"] and feed.url in mail.outbox[0].body


def test_an_unreachable_feed_is_told_on_the_dashboard(client, feed):
    feed.url = "http://127.0.0.1:9/rien.ics"
    feed.save()
    run()
    client.force_login(feed.place.hostings.get().user)
    page = client.get("/espace-hote/").content.decode()
    assert "Ce calendrier n’a pas pu être lu" in page
