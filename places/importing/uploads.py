"""Imports uploaded in the admin, run by the task queue (places/tasks.py): checked (the
preview) or applied off the request, their progress written where the admin page reads it."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from places import db, io
from places.importing import place_import_file
from places.importing.rows import ImportReport
from places.models import PlaceImport
from places.models.imports import REPORT_LISTED


class _UploadProgress:
    """Writes an upload's progress where the admin page reads it, while the import's own
    transaction is still open: through a connection of its own, in autocommit."""

    EVERY = 500  # rows between two writes

    def __init__(self, upload: PlaceImport):
        self.upload = upload
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.counts = {"check": 0, "write": 0}
        self.written = {"check": 0, "write": 0}

    def __call__(self, step: str, done: int, total: int) -> None:
        self.counts[step] = done
        if done - self.written[step] >= self.EVERY or done == total:
            self.written[step] = done
            table = self.connection.ops.quote_name(PlaceImport._meta.db_table)
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET rows_total = %s, rows_checked = %s, rows_written = %s "
                    "WHERE id = %s",
                    [total, self.counts["check"], self.counts["write"], self.upload.pk],
                )

    def close(self) -> None:
        self.connection.close()


def _report_json(report: ImportReport) -> dict:
    """What the admin shows of a report: every error, the counts, the first slugs of each."""
    return {
        "errors": report.errors,
        "summary": report.summary(),
        "created": report.created[:REPORT_LISTED],
        "created_count": len(report.created),
        "updated": report.updated[:REPORT_LISTED],
        "updated_count": len(report.updated),
        "unchanged": report.unchanged[:REPORT_LISTED],
        "unchanged_count": len(report.unchanged),
    }


def place_import_upload(*, upload: PlaceImport, apply: bool) -> str:
    """An admin upload checked (`apply=False`: the preview) or imported, off the request.

    Every outcome lands on the upload: its status, its report, its progress on the way; an
    unexpected error marks it failed (nothing was written: the import is one transaction)
    and goes on to the task queue, which keeps its traceback."""
    Status = PlaceImport.Status
    PlaceImport.objects.filter(pk=upload.pk).update(
        status=Status.IMPORTING if apply else Status.CHECKING, rows_checked=0, rows_written=0
    )
    progress = _UploadProgress(upload)
    try:
        with upload.file.open("rb") as file, db.without_statement_timeout():
            report = place_import_file(file, fmt=upload.fmt, dry_run=not apply, progress=progress)
    except io.FormatError as error:
        report = ImportReport(errors=[str(error)])
    except Exception:
        upload.file.delete(save=False)
        PlaceImport.objects.filter(pk=upload.pk).update(status=Status.FAILED, file="")
        raise
    finally:
        progress.close()
    upload.refresh_from_db()
    upload.report = _report_json(report)
    upload.summary = report.summary() if report.ok else ""
    if not report.ok:
        upload.status = Status.REFUSED
    elif apply:
        upload.status, upload.applied_at = Status.DONE, timezone.now()
    else:
        upload.status = Status.CHECKED
    if upload.status != Status.CHECKED:
        upload.file.delete(save=False)  # the report stays; the file is no longer needed
    upload.save(update_fields=["report", "summary", "status", "applied_at", "file"])
    return upload.status
