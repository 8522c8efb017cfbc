"""`manage.py import_places FILE [--dry-run]`: load places from GeoJSON or CSV, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from places import importing, io
from places.db import without_statement_timeout

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

        def progress(step: str, done: int, total: int) -> None:
            if total >= PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
                text = (
                    _("… %(done)d/%(total)d lieux vérifiés")
                    if step == "check"
                    else _("… %(done)d/%(total)d lieux enregistrés")
                )
                self.stderr.write(text % {"done": done, "total": total})

        try:
            fmt = io.file_format(path.name)
            io.check_size(path.stat().st_size)  # before reading any of it
            with path.open("rb") as stream, without_statement_timeout():
                report = importing.place_import_file(
                    stream, fmt=fmt, dry_run=dry_run, progress=progress
                )
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except io.FormatError as error:
            raise CommandError(f"{path}: {error}") from None
        if not report.ok:
            for error in report.errors:
                self.stderr.write(self.style.ERROR(error))
            count = len(report.errors)
            raise CommandError(
                ngettext(
                    "%(count)d problème dans %(file)s : rien n’a été importé.",
                    "%(count)d problèmes dans %(file)s : rien n’a été importé.",
                    count,
                )
                % {"count": count, "file": path.name}
            )
        for slug, changes in report.updated:
            self.stdout.write(
                _("modifié : %(slug)s (%(fields)s)") % {"slug": slug, "fields": ", ".join(changes)},
                self.style.NOTICE,
            )
        text = _("Vérification seule (--dry-run), rien n’est écrit : %(summary)s.")
        if not dry_run:
            text = _("%(summary)s.")
        self.stdout.write(self.style.SUCCESS(text % {"summary": report.summary()}))
