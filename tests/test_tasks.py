"""The task queue for real: tasks stored by the database backend, run by `manage.py db_worker`."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from places import tasks
from places.models import DataVersion, Place, PlaceImport
from tests.factories import UserFactory, ensure_taxonomy

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker() -> subprocess.CompletedProcess:
    """`db_worker --batch`: every task waiting in the test database, then exit."""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgis:///{connection.settings_dict['NAME']}",
        "MEDIA_ROOT": settings.MEDIA_ROOT,
        "CONN_MAX_AGE": "0",
        "TASKS_BACKEND": "database",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_upload_is_checked_then_imported_by_the_database_queue_and_its_worker(settings):
    settings.TASKS = DATABASE_TASKS
    ensure_taxonomy()
    DataVersion.objects.get_or_create(concept="places", defaults={"changed_at": timezone.now()})
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-0.57, 48.75]},
            "properties": {"name": f"Lieu {n}", "slug": f"lieu-{n}", "types": ["fablab"]},
        }
        for n in range(3)
    ]
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    upload = PlaceImport.objects.create(
        filename="lieux.geojson",
        fmt="geojson",
        file=ContentFile(content, name="lieux.geojson"),
        created_by=UserFactory(),
    )

    tasks.check_place_import.enqueue(upload.pk)
    assert DBTaskResult.objects.get().status == "READY"  # stored, not run
    checked = run_worker()

    assert checked.returncode == 0, checked.stderr
    upload.refresh_from_db()
    assert upload.status == PlaceImport.Status.CHECKED
    assert upload.report["summary"] == "créés : 3, modifiés : 0, inchangés : 0"
    assert (upload.rows_total, upload.rows_checked) == (3, 3)
    assert not Place.objects.exists()

    tasks.apply_place_import.enqueue(upload.pk)
    imported = run_worker()

    assert imported.returncode == 0, imported.stderr
    upload.refresh_from_db()
    assert upload.status == PlaceImport.Status.DONE
    assert upload.rows_written == 3
    assert sorted(Place.objects.values_list("slug", flat=True)) == ["lieu-0", "lieu-1", "lieu-2"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
