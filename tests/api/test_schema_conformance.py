"""schemathesis over every GET operation of /api/schema/, against the live server: the API
answers what its OpenAPI description says, and never a 500."""

import json
import re
import subprocess
import sys
import urllib.request
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from places.events import services
from places.events.recurrence import PARIS
from places.models import Place
from places.resources import services as resource_services
from tests.factories import (
    EquipmentFactory,
    PlaceFactory,
    SpaceFactory,
    ensure_taxonomy,
    make_event,
)
from tests.resources import files
from tests.resources.factories import ResourceFactory

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CHECKS = "--checks=response_schema_conformance,not_a_server_error"


@pytest.fixture
def places(transactional_db):
    """A few places of every shape the API shows, committed so the live server sees them."""
    ensure_taxonomy()
    grange = PlaceFactory(slug="la-grange", types=["fablab", "coworking"], services=["wifi"])
    PlaceFactory(
        slug="cafe-des-pres",
        name="Café des Prés",
        commune="Domfront",
        lat=48.5922,
        lon=-0.6464,
        types=["cafe-associatif"],
        opening_hours="Mo-Su 08:00-20:00",
        website="https://cafe.example",
        welcomes_founders=True,
    )
    PlaceFactory(slug="brouillon", status=Place.Status.DRAFT)
    # What places share, of every price shape.
    grange = Place.objects.get(slug="la-grange")
    SpaceFactory(place=grange, surface_m2=40, equipment="Vidéoprojecteur")
    SpaceFactory(place=grange, kind="outdoor", capacity=None, price_kind="free", price_amount=None)
    EquipmentFactory(place=grange, training_required=True, price_kind="on_request")
    # Events of every shape: a weekly series, an all-day one, a cancelled one.
    make_event(place=grange, rule="FREQ=WEEKLY;COUNT=3", is_free=True)
    day = datetime.combine(timezone.localdate() + timedelta(days=2), time(0), tzinfo=PARIS)
    make_event(place=grange, title="Marché", all_day=True, start=day, end=day + timedelta(days=1))
    services.event_cancel(event=make_event(place=grange, title="Concert", category="concert"))
    guide = ResourceFactory(slug="statuts", place=grange)
    resource_services.resource_file_add(resource=guide, upload=files.pdf())
    ResourceFactory(slug="lien", kind="lien", link="https://pop.eu.com/", themes=["financement"])


def schemathesis_run(schema: str, url: str, *options: str, cwd: Path):
    """schemathesis's own runner (its CLI), with a fixed seed, no example database and a fresh
    working directory (its cache of past failures lives there): every run sends the same
    requests."""
    return subprocess.run(
        [
            SCHEMATHESIS,
            "run",
            schema,
            f"--url={url}",
            "--seed=8",
            "--generation-database=none",
            "--workers=1",
            "--no-color",
            "--continue-on-failure",
            *options,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_get_operation_answers_what_the_schema_says(places, live_server, tmp_path):
    # The examples, coverage and fuzzing phases, valid and invalid inputs; bounded so that CI
    # stays well under a minute.
    run = schemathesis_run(
        f"{live_server.url}/api/schema/?format=json",
        live_server.url,
        "--include-method=GET",
        CHECKS,
        "--phases=examples,coverage,fuzzing",
        "--max-examples=40",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # Every GET operation was tested (today 6: the list, a place, the GeoJSON, the markers,
    # a popup and the resources), none left out as unusable.
    selected = int(re.search(r"Selected: (\d+)/", run.stdout).group(1))
    tested = int(re.search(r"Tested: (\d+)", run.stdout).group(1))
    assert tested == selected >= 6, run.stdout


def test_the_check_fails_when_the_schema_lies(places, live_server, tmp_path):
    """The lie the schema once told: `distance_km` required, though absent without `near`."""
    with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as answer:
        schema = json.load(answer)
    schema["components"]["schemas"]["Place"]["required"].append("distance_km")
    lying = tmp_path / "schema.json"
    lying.write_text(json.dumps(schema))
    run = schemathesis_run(
        str(lying),
        live_server.url,
        "--include-path=/api/places/",
        CHECKS,
        "--phases=fuzzing",
        "--max-examples=10",
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stdout
    assert '"distance_km" is a required property' in run.stdout
