"""`manage.py import_places FILE [--dry-run]`: load places from GeoJSON or CSV, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from places import io, services

PROGRESS_EVERY = 1000


class Command(BaseCommand):
    help = (
        "Importe des lieux depuis un fichier .geojson ou .csv (UTF-8). Tout ou rien : "
        "une seule ligne fautive et rien n’est écrit. Un lieu existant (même slug) est mis à jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier .geojson (FeatureCollection) ou .csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifier et résumer sans rien écrire."
        )

    def handle(self, *args, file: str, dry_run: bool, **options):
        path = Path(file)
        try:
            fmt = io.file_format(path.name)
            rows = io.read_rows(path.read_bytes(), fmt=fmt)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except io.FormatError as error:
            raise CommandError(f"{path}: {error}") from None

        def progress(step: str, done: int, total: int) -> None:
            if total >= PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
                what = "vérifiés" if step == "check" else "enregistrés"
                self.stderr.write(f"… {done}/{total} lieux {what}")

        report = services.place_import(rows=rows, fmt=fmt, dry_run=dry_run, progress=progress)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(self.style.ERROR(error))
            raise CommandError(
                f"{len(report.errors)} problème(s) dans {path.name} : rien n’a été importé."
            )
        for slug, changes in report.updated:
            self.stdout.write(f"modifié : {slug} ({', '.join(changes)})", self.style.NOTICE)
        prefix = "Vérification seule (--dry-run), rien n’est écrit : " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary()}."))
