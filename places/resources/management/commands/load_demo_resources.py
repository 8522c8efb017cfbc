"""`manage.py load_demo_resources`: the demo resources (fixtures/resources/), by slug."""

import importlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from places.models import Place
from places.resources import services
from places.resources.models import Resource, Stage, Theme

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "resources"


class Command(BaseCommand):
    help = "Charge (ou rafraîchit) les ressources de démonstration du centre de ressources."

    @transaction.atomic
    def handle(self, *args, **options):
        if not Stage.objects.exists():
            # A flushed database (as transactional tests leave it) lost the themes and stages
            # of the data migration: they come back from it.
            importlib.import_module("places.resources.migrations.0002_triggers_and_taxonomy").add(
                apps, None
            )
        rows = json.loads((FOLDER / "resources.json").read_text(encoding="utf-8"))
        for row in rows:
            self._load(row)
        self.stdout.write(f"{len(rows)} ressources de démonstration chargées.")

    def _load(self, row: dict) -> None:
        place = Place.objects.filter(slug=row.get("place")).first() if row.get("place") else None
        resource, created = Resource.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "title": row["title"],
                "summary": row["summary"],
                "body": row.get("body", ""),
                "kind": row["kind"],
                "link": row.get("link", ""),
                "author": row.get("author", ""),
                "licence": row.get("licence", ""),
                "place": place,
                "status": Resource.Status.PUBLISHED,
            },
        )
        if resource.published_at is None:
            resource.published_at = timezone.now()
            resource.save(update_fields=["published_at"])
        resource.themes.set(Theme.objects.filter(slug__in=row["themes"]))
        resource.stages.set(Stage.objects.filter(slug__in=row["stages"]))
        if not resource.files.exists():
            for filename, name in row.get("files", []):
                with (FOLDER / filename).open("rb") as handle:
                    upload = File(handle, name=filename)
                    upload.size = (FOLDER / filename).stat().st_size
                    services.resource_file_add(resource=resource, upload=upload, name=name)
