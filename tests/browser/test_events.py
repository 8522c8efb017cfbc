"""A host announces a monthly event with one date skipped: the agenda shows it on the right
days (not on the skipped one), on its map, on the place's page and in the place's feed."""

from datetime import timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from places.accounts.models import Hosting
from tests.factories import PlaceFactory, UserFactory, ensure_taxonomy

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def first_saturdays(count: int) -> list:
    days, month = [], timezone.localdate().replace(day=1)
    while len(days) < count:
        month = (month + timedelta(days=32)).replace(day=1)
        days.append(month + timedelta(days=(5 - month.weekday()) % 7))
    return days


@pytest.fixture
def host_page(transactional_db, new_page, live_server):
    ensure_taxonomy()
    place = PlaceFactory(slug="la-grange", name="La Grange", lat=48.7483, lon=-0.5694)
    host = UserFactory(name="Camille")
    Hosting.objects.create(place=place, user=host)
    client = Client()
    client.force_login(host)
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_a_host_creates_a_monthly_event_with_one_date_skipped(host_page, live_server):
    page = host_page
    saturdays = first_saturdays(4)
    page.goto(f"{live_server.url}/espace-hote/")
    page.get_by_role("link", name="Annoncer un évènement").click()
    page.get_by_label("Titre").fill("Repair café du premier samedi")
    page.get_by_label("Catégorie").select_option("reparation")
    page.get_by_label("Date (ou premier jour)").fill(saturdays[0].isoformat())
    page.get_by_label("Heure de début").fill("14:00")
    page.get_by_label("Heure de fin").fill("17:00")
    page.get_by_label("Répétition").select_option("monthly_weekday")
    page.get_by_label("Jusqu’au").fill(saturdays[3].isoformat())
    page.get_by_label("Dates sans séance").fill(f"{saturdays[1]:%d/%m/%Y}")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Repair café du premier samedi")

    page.goto(f"{live_server.url}/agenda/?place=la-grange")
    days = page.locator(".agenda-day time").evaluate_all("els => els.map(e => e.dateTime)")
    assert days == [saturdays[0].isoformat(), saturdays[2].isoformat(), saturdays[3].isoformat()]
    expect(page.locator(".agenda-day")).to_have_count(3)
    # On the map: one marker per date, at the place.
    expect(page.locator("#agenda-map path.leaflet-interactive")).to_have_count(3)

    page.goto(f"{live_server.url}/lieux/la-grange/")
    events = page.get_by_role("region", name="Prochains évènements")
    expect(events.get_by_role("link", name="Repair café du premier samedi").first).to_be_visible()

    feed = page.request.get(f"{live_server.url}/lieux/la-grange/agenda.ics")
    assert feed.ok
    (vevent,) = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert "BYDAY=1SA" in vevent["RRULE"].to_ical().decode()
    assert [d.dt.date() for d in vevent["EXDATE"].dts] == [saturdays[1]]
