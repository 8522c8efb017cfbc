"""`manage.py export_places FILE`: the published places to GeoJSON or CSV (the import format)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from places import io, services
from places.db import without_statement_timeout


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
        # Written beside, then renamed: a reader never sees half a file.
        part = path.with_name(f"{path.name}.part")
        try:
            with part.open("w", encoding="utf-8", newline="") as out, without_statement_timeout():
                count = services.place_export(out, fmt=fmt)
            part.replace(path)
        except OSError as error:
            part.unlink(missing_ok=True)
            raise CommandError(f"{path}: {error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"{count} lieux exportés vers {path}."))
