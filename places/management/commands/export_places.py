"""`manage.py export_places FILE`: the published places to GeoJSON or CSV (the import format)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from places import io, services
from places.db import without_statement_timeout
from places.models import Place


class Command(BaseCommand):
    help = (
        "Exporte les lieux publiés vers un fichier .geojson ou .csv, au format que "
        "import_places relit (les courriels des lieux ne sont pas exportés)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier .geojson ou .csv à écrire")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        try:
            fmt = io.file_format(path.name)
        except io.FormatError as error:
            raise CommandError(str(error)) from None
        with without_statement_timeout():
            records = services.place_records(Place.objects.published().order_by("slug"))
        try:
            path.write_text(io.write(records, fmt=fmt), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"{len(records)} lieux exportés vers {path}."))
