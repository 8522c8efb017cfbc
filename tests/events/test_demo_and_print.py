"""The demo agenda (idempotent, every kind of event) and the printable agenda (A4 PDF)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import ImageFile
from pypdf import PdfReader

from places.events.models import Event, Status
from tests.factories import PlaceFactory, ensure_taxonomy, make_event

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_demo_agenda_twice_the_same():
    ensure_taxonomy()
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    events = Event.objects.all()
    assert events.count() == 11
    assert events.filter(all_day=True).exists()
    assert events.filter(rule__startswith="FREQ=WEEKLY").exclude(exdates=[]).exists()
    assert events.filter(rule__startswith="FREQ=MONTHLY").exists()
    assert events.filter(status=Status.CANCELLED).exists()
    assert events.filter(status=Status.FULL).exists()
    assert events.filter(off_site=True).exists()
    repair = events.get(slug="demo-repair-cafe-repar-vere")
    (change,) = repair.changes.all()
    assert change.start.date() == change.original_date + timedelta(days=7)  # not moved twice
    assert all(e.occurrences.filter(end__gt=timezone.now()).exists() for e in events)


def test_the_printable_week_is_an_a4_pdf_with_the_weeks_events(client):
    place = PlaceFactory(name="La Grange", commune="Flers")
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    make_event(
        place=place,
        title="Atelier soudure",
        start=timezone.make_aware(
            timezone.datetime.combine(monday + timedelta(days=2), timezone.datetime.min.time())
        )
        + timedelta(hours=18),
    )
    make_event(place=place, title="Pas cette semaine", start=timezone.now() + timedelta(days=30))
    html = client.get(f"/agenda/imprimer/?debut={monday}")
    assert html.status_code == 200 and "Atelier soudure" in html.content.decode()
    response = client.get(f"/agenda/imprimer/?debut={monday}&format=pdf&commune=flers")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Atelier soudure" in text and "Pas cette semaine" not in text
    # Importing WeasyPrint left the photos' checks as they were (truncated images refused).
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    month = client.get(f"/agenda/imprimer/?debut={monday}&periode=mois").content.decode()
    assert "Atelier soudure" in month


def test_bad_print_parameters_are_a_400(client):
    assert client.get("/agenda/imprimer/?debut=hier").status_code == 400
    response = client.get("/agenda/imprimer/?debut=0001-01-01")
    assert response.status_code == 400 and "2000-01-01" in response.content.decode()
    assert client.get("/agenda/imprimer/?debut=2027-01-04").status_code == 200
    assert client.get("/agenda/imprimer/?periode=annee").status_code == 400
