"""Freshness: the reminder's mail and its two links, the command that sends them (once per
period), "vérifié le" on the place page, the coordinators' list."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from places.contact import freshness
from places.contact.models import FreshnessReminder
from places.models import Place
from tests.contact.conftest import host_of
from tests.factories import PlaceFactory, UserFactory

LINK = re.compile(r"https?://\S+")


def long_ago(place, days=400):
    Place.objects.filter(pk=place.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def place(db):
    place = PlaceFactory(slug="la-grange", name="La Grange")
    long_ago(place)
    return place


@pytest.fixture
def host(place):
    return host_of(place, email="hote@example.org", name="Camille")


def remind(capture) -> str:
    with capture(execute=True):
        call_command("send_freshness_reminders", stdout=(out := io.StringIO()))
    return out.getvalue()


@pytest.fixture
def reminder_mail(place, host, django_capture_on_commit_callbacks):
    remind(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    return message


def yes_path(message) -> str:
    url = next(link for link in LINK.findall(message.body) if "/a-jour/" in link)
    return url.removeprefix("http://127.0.0.1:8000")


def test_a_host_of_a_listing_not_checked_for_months_gets_the_two_links(reminder_mail, place):
    assert reminder_mail.to == ["hote@example.org"]
    assert reminder_mail.subject == "Votre fiche « La Grange » est-elle toujours à jour ?"
    links = LINK.findall(reminder_mail.body)
    assert any(f"/lieux/{place.slug}/a-jour/" in link for link in links)
    assert any(link.endswith(f"/lieux/{place.slug}/modifier/") for link in links)


def test_oui_toujours_a_jour_records_the_check_without_signing_in(client, reminder_mail, place):
    path = yes_path(reminder_mail)

    page = client.get(path)
    assert page.status_code == 200
    assert "Oui, toujours à jour" in page.text
    assert Place.objects.get(pk=place.pk).checked_at is None  # opening it is not confirming

    done = client.post(path)
    assert done.status_code == 200
    assert "marquée vérifiée" in done.text
    checked = Place.objects.get(pk=place.pk).checked_at
    assert checked is not None and timezone.now() - checked < timedelta(minutes=1)


def test_the_link_works_once(client, reminder_mail, place):
    path = yes_path(reminder_mail)
    client.post(path)
    first = Place.objects.get(pk=place.pk).checked_at

    again = client.post(path)
    assert again.status_code == 410
    assert "déjà servi" in again.text
    assert client.get(path).status_code == 410
    assert Place.objects.get(pk=place.pk).checked_at == first


def test_the_link_expires(client, place, host, settings, monkeypatch):
    settings.FRESHNESS_LINK_DAYS = 30
    reminder = FreshnessReminder.objects.create(place=place, user=host)
    month_ago = time.time() - 31 * 86400
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: month_ago)
        token = freshness.link_token(reminder)

    response = client.post(f"/lieux/{place.slug}/a-jour/{token}/")

    assert response.status_code == 410
    assert "a expiré" in response.text
    assert Place.objects.get(pk=place.pk).checked_at is None


def test_a_forged_link_or_another_places_link_is_refused(client, place, host):
    other = PlaceFactory(slug="le-fournil")
    reminder = FreshnessReminder.objects.create(place=other, user=host_of(other))
    token = freshness.link_token(reminder)

    for path in [
        f"/lieux/{place.slug}/a-jour/{token}/",  # the other place's link on this place
        f"/lieux/{place.slug}/a-jour/{token[:-2]}xx/",
        f"/lieux/{place.slug}/a-jour/n-importe-quoi/",
    ]:
        response = client.post(path)
        assert response.status_code == 400, path
        assert "pas valide" in response.text
    assert Place.objects.filter(checked_at__isnull=False).count() == 0
    assert FreshnessReminder.objects.get().used_at is None


def test_the_command_sends_no_second_reminder_within_the_period(
    reminder_mail, django_capture_on_commit_callbacks
):
    out = remind(django_capture_on_commit_callbacks)

    assert out.startswith("0 rappel(s)")
    assert len(mail.outbox) == 1
    assert FreshnessReminder.objects.count() == 1


def test_a_host_added_since_the_last_reminder_gets_their_own(
    reminder_mail, place, django_capture_on_commit_callbacks
):
    host_of(place, email="co-hote@example.org")

    out = remind(django_capture_on_commit_callbacks)

    assert out.startswith("1 rappel(s)")
    assert [m.to for m in mail.outbox] == [["hote@example.org"], ["co-hote@example.org"]]


def test_the_command_asks_again_once_the_period_is_over(
    reminder_mail, django_capture_on_commit_callbacks
):
    FreshnessReminder.objects.update(sent_at=timezone.now() - timedelta(days=200))

    remind(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2


def test_recently_checked_or_new_listings_and_places_without_host_get_nothing(
    db, django_capture_on_commit_callbacks
):
    checked = PlaceFactory()
    long_ago(checked)
    Place.objects.filter(pk=checked.pk).update(checked_at=timezone.now() - timedelta(days=30))
    host_of(checked)
    host_of(PlaceFactory())  # created today
    long_ago(PlaceFactory())  # no host
    retired = PlaceFactory()
    long_ago(retired)
    host_of(retired, is_active=False)

    out = remind(django_capture_on_commit_callbacks)

    assert out.startswith("0 rappel(s)")
    assert mail.outbox == []


def test_the_command_also_sends_the_mails_left_in_the_outbox(db, settings):
    from places.outbox.models import OutgoingMail

    OutgoingMail.objects.create(
        kind="test", to=["x@example.org"], subject="S", body="B", send_after=timezone.now()
    )

    call_command("send_freshness_reminders", stdout=io.StringIO())

    assert [m.to for m in mail.outbox] == [["x@example.org"]]


def test_the_place_page_says_when_it_was_checked(client, place):
    assert "vérifiée par ses hôtes" not in client.get(f"/lieux/{place.slug}/").text
    Place.objects.filter(pk=place.pk).update(
        checked_at=timezone.make_aware(timezone.datetime(2026, 11, 1, 10, 0))
    )

    page = client.get(f"/lieux/{place.slug}/")

    assert "Fiche vérifiée par ses hôtes le 1er novembre 2026." in page.text


def test_a_confirmed_check_changes_the_place_pages_etag(client, reminder_mail, place):
    first = client.get(f"/lieux/{place.slug}/")
    client.post(yes_path(reminder_mail))

    again = client.get(f"/lieux/{place.slug}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Fiche vérifiée par ses hôtes le" in again.text


def test_saving_the_edit_page_counts_as_a_check(place, host):
    from places.accounts.editing import services
    from places.accounts.editing.forms import EDITED_FIELDS

    changes = {name: getattr(place, name) for name in EDITED_FIELDS}
    changes.update(
        types=list(place.types.all()), services=list(place.services.all()), location=place.location
    )
    services.place_update(place=place, changes=changes, by=host)

    assert Place.objects.get(pk=place.pk).checked_at is not None


def test_coordinators_list_stale_listings_and_places_without_host(client, place, host):
    orphan = PlaceFactory(name="Orphelin")
    fresh = PlaceFactory(name="Tout frais")
    host_of(fresh)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get("/espace-hote/a-verifier/")

    assert page.status_code == 200
    stale = [p.name for p in page.context["stale"]]
    assert stale == ["La Grange"]
    assert [p.name for p in page.context["orphans"]] == ["Orphelin"]
    assert orphan.name in page.text
    assert "/espace-hote/a-verifier/" in client.get("/espace-hote/").text


@pytest.mark.parametrize("who", ["anonymous", "host", "staff_without_permission"])
def test_only_coordinators_see_that_list(client, host, who):
    if who == "host":
        client.force_login(host)
    elif who == "staff_without_permission":
        client.force_login(UserFactory(is_staff=True))

    response = client.get("/espace-hote/a-verifier/")

    assert response.status_code == (302 if who == "anonymous" else 403)


def test_the_demo_gets_check_dates_and_a_correction_once(db):
    from places.contact.models import Suggestion

    PlaceFactory(slug="la-filature-commune", is_demo=True, phone="02 33 64 18 27")
    PlaceFactory.create_batch(4, is_demo=True)

    call_command("load_demo_contact", stdout=io.StringIO())
    dates = dict(Place.objects.values_list("slug", "checked_at"))
    call_command("load_demo_contact", stdout=io.StringIO())

    assert all(dates.values())
    assert dict(Place.objects.values_list("slug", "checked_at")) == dates
    [suggestion] = Suggestion.objects.all()
    assert suggestion.changes["phone"] == {"before": "02 33 64 18 27", "after": "02 33 64 18 30"}


def test_the_coordinators_lists_sort_names_the_french_way(client, db):
    for name in ["Les Champs", "L’Atelier", "L’Enclume", "Le Bourg"]:
        PlaceFactory(name=name)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get("/espace-hote/a-verifier/")

    names = [p.name for p in page.context["orphans"]]
    assert names.index("L’Atelier") < names.index("Les Champs")
    assert names.index("L’Enclume") < names.index("Les Champs")
