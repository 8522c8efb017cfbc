"""The hosts' side of the agenda: the event form (its recurrence in words), duplicate,
cancel a whole event or one date; and every write path refused to anyone else."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from places.accounts.models import Hosting
from places.events.models import Event, EventFeed, OccurrenceChange, Status
from places.events.recurrence import PARIS
from places.models import Place
from tests.factories import PlaceFactory, UserFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return PlaceFactory(slug="la-grange", name="La Grange")


@pytest.fixture
def host(place):
    user = UserFactory(email="camille@example.org")
    Hosting.objects.create(place=place, user=user)
    return user


@pytest.fixture
def event(place):
    return make_event(place=place, title="Repair café", rule="FREQ=WEEKLY;COUNT=4")


def first_saturday_after(day: date) -> date:
    day = day.replace(day=1)
    while True:
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)  # next month
        saturday = day + timedelta(days=(5 - day.weekday()) % 7)
        return saturday


def form(place, **fields) -> dict:
    return {
        "place": place.pk,
        "title": "Repair café du premier samedi",
        "category": "reparation",
        "description": "On répare **ensemble**.",
        "day": "",
        "start_time": "14:00",
        "end_time": "17:00",
        "attendance": "offline",
        "status": "scheduled",
        **fields,
    }


def test_a_host_creates_every_first_saturday_until_june_with_a_skipped_date(client, host, place):
    client.force_login(host)
    first = first_saturday_after(timezone.localdate())
    until = date(first.year + 1, 6, 30)
    second = first_saturday_after(first)
    response = client.post(
        "/espace-hote/evenements/nouveau/",
        form(
            place,
            day=first.isoformat(),
            repeat="monthly_weekday",
            until=until.isoformat(),
            skipped=f"{second:%d/%m/%Y}",
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    event = Event.objects.get()
    assert event.rule.startswith("FREQ=MONTHLY;UNTIL=") and event.rule.endswith("BYDAY=1SA")
    assert event.exdates == [second]
    days = [o.start.astimezone(PARIS) for o in event.occurrences.order_by("start")]
    assert days[0].date() == first and second not in {d.date() for d in days}
    assert all(d.weekday() == 5 and d.day <= 7 and d.hour == 14 for d in days)
    assert days[-1].date() <= until


def test_every_tuesday_and_an_all_day_event(client, host, place):
    client.force_login(host)
    tuesday = timezone.localdate() + timedelta(days=(1 - timezone.localdate().weekday()) % 7 + 7)
    client.post(
        "/espace-hote/evenements/nouveau/",
        form(place, title="Couture", day=tuesday.isoformat(), repeat="weekly", until=""),
    )
    assert Event.objects.get(title="Couture").rule == "FREQ=WEEKLY;BYDAY=TU"
    client.post(
        "/espace-hote/evenements/nouveau/",
        form(
            place,
            title="Fête",
            day=tuesday.isoformat(),
            last_day=(tuesday + timedelta(days=1)).isoformat(),
            all_day="on",
            start_time="",
            end_time="",
        ),
    )
    fete = Event.objects.get(title="Fête")
    assert fete.all_day and fete.end - fete.start == timedelta(days=2)


def test_bad_input_is_a_form_error_and_nothing_is_written(client, host, place):
    client.force_login(host)
    for fields in [
        {"day": "pas une date"},
        {"day": "2027-01-05", "end_time": "10:00"},
        {"day": "2027-01-05", "repeat": "custom", "custom_rule": "FREQ=SECONDLY"},
        {"day": "2027-01-05", "repeat": "weekly", "skipped": "le 12"},
        {"day": "2027-01-05", "off_site": "on", "commune": "Briouze", "latitude": "123"},
    ]:
        response = client.post("/espace-hote/evenements/nouveau/", form(place, **fields))
        assert response.status_code == 200, fields
        assert "L’évènement n’est pas enregistré" in response.content.decode()
    assert not Event.objects.exists()


def test_a_host_edits_duplicates_and_cancels(client, host, event):
    client.force_login(host)
    page = client.get(f"/espace-hote/evenements/{event.slug}/")
    assert page.status_code == 200 and page.context["form"].initial["repeat"] == "custom"
    second = event.occurrences.order_by("start")[1]
    client.post(
        f"/espace-hote/evenements/{event.slug}/annuler-une-date/",
        {"original_date": second.original_date.isoformat()},
    )
    second = event.occurrences.get(original_date=second.original_date)  # rebuilt
    assert second.status == Status.CANCELLED
    assert event.occurrences.filter(status=Status.SCHEDULED).count() == 3
    response = client.post(f"/espace-hote/evenements/{event.slug}/dupliquer/")
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == f"/espace-hote/evenements/{copy.slug}/"
    assert copy.uid != event.uid and copy.occurrences.count() == 4
    client.post(f"/espace-hote/evenements/{event.slug}/annuler/")
    event.refresh_from_db()
    assert event.status == Status.CANCELLED
    assert set(event.occurrences.values_list("status", flat=True)) == {Status.CANCELLED}
    assert client.get(event.get_absolute_url()).status_code == 200  # still shown


@pytest.fixture(params=["anonymous", "stranger", "other_host"])
def outsider(request, client):
    if request.param == "stranger":
        client.force_login(UserFactory())
    elif request.param == "other_host":
        user = UserFactory()
        Hosting.objects.create(place=PlaceFactory(), user=user)
        client.force_login(user)
    return request.param


def snapshot():
    return (
        list(Event.objects.order_by("pk").values_list("title", "status", "sequence", "rule")),
        list(OccurrenceChange.objects.values_list("original_date", "status")),
        EventFeed.objects.count(),
    )


def test_every_write_path_is_refused_to_others_and_nothing_changes(client, outsider, event, place):
    before = snapshot()
    day = event.occurrences.order_by("start")[1].original_date.isoformat()
    feed = EventFeed.objects.create(place=place, url="https://example.org/a.ics")
    before = snapshot()
    attempts = [
        ("get", f"/espace-hote/evenements/{event.slug}/", {}),
        ("post", f"/espace-hote/evenements/{event.slug}/", form(place, day="2027-01-05")),
        ("post", f"/espace-hote/evenements/{event.slug}/dupliquer/", {}),
        ("post", f"/espace-hote/evenements/{event.slug}/annuler/", {}),
        ("post", f"/espace-hote/evenements/{event.slug}/annuler-une-date/", {"original_date": day}),
        ("post", "/espace-hote/evenements/nouveau/", form(place, day="2027-01-05")),
        (
            "post",
            "/espace-hote/evenements/calendriers/",
            {"place": place.pk, "url": "https://x.org/b.ics"},
        ),
        ("post", f"/espace-hote/evenements/calendriers/{feed.pk}/supprimer/", {}),
    ]
    for method, path, data in attempts:
        response = getattr(client, method)(path, data)
        if outsider == "anonymous":
            assert response.status_code == 302 and "/compte/login/" in response["Location"], path
        else:
            # Someone else's event: 403. A form naming someone else's place: refused by the
            # form (its choices are the person's own places), or 403 with no place at all.
            allowed = {403} if event.slug in path else {403, 200, 302}
            assert response.status_code in allowed, (path, response.status_code)
        assert snapshot() == before, path


def test_the_dashboard_lists_the_hosts_events_and_feeds_and_no_one_elses(client, host, event):
    elsewhere = PlaceFactory(name="Ailleurs")
    make_event(place=elsewhere, title="Pas le mien")
    EventFeed.objects.create(place=event.place, url="https://example.org/mien.ics")
    EventFeed.objects.create(place=elsewhere, url="https://example.org/autre.ics")
    client.force_login(host)
    page = client.get("/espace-hote/").content.decode()
    assert "Mes évènements" in page and "Repair café" in page
    assert "/espace-hote/evenements/nouveau/" in page
    assert "https://example.org/mien.ics" in page
    assert "Pas le mien" not in page and "https://example.org/autre.ics" not in page


def test_an_event_of_a_place_still_pending_is_saved_and_the_host_told_where_it_is(
    client, host, place
):
    """A host of a proposal and of a published place: the form offers the published one
    first, and an event of the pending one leads to the dashboard, not to a page that is
    not public yet."""
    pending = PlaceFactory(slug="a-venir", name="Aaa à venir", status=Place.Status.PENDING)
    Hosting.objects.create(place=pending, user=host)
    client.force_login(host)
    page = client.get("/espace-hote/evenements/nouveau/").content.decode()
    assert page.index("La Grange") < page.index("Aaa à venir")
    tuesday = timezone.localdate() + timedelta(days=(1 - timezone.localdate().weekday()) % 7 + 7)
    response = client.post(
        "/espace-hote/evenements/nouveau/", form(pending, title="Portes ouvertes", day=tuesday)
    )
    assert response.status_code == 302 and response["Location"] == "/espace-hote/"
    assert Event.objects.get(title="Portes ouvertes").place == pending
    assert "quand « Aaa à venir » sera publié" in client.get("/espace-hote/").content.decode()
