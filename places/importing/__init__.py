"""Importing the directory from a file, all or nothing: rows streamed, checked by batches
(`rows`), written as they are checked (`writes`) in one transaction kept only if every row is
good. Files uploaded in the admin are imported off the request (`uploads`)."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from places import db, io
from places.importing import writes
from places.importing.rows import Checked, ImportReport, Progress, RowChecker
from places.models import Place

# Rows checked, then written, together: one query finds a batch's existing places, a few
# statements write it. Memory holds one batch, whatever the size of the file.
BATCH_SIZE = 1000


def _batches(rows: Iterable[io.Row]) -> Iterator[list[io.Row]]:
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


def _write(checker: RowChecker, good: list[Checked], saved: int) -> int:
    """The batch's new places and changed ones, in a few statements; the rows saved so far."""
    writes.create([item.form for item in good if item.instance is None])
    writes.update([item for item in good if item.instance is not None and item.changes])
    for _item in good:
        saved += 1
        if checker.progress:
            checker.progress("write", saved, checker.total)
    return saved


def place_import(
    *,
    rows: Iterable[io.Row],
    fmt: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
) -> ImportReport:
    """Check every row, writing them as they are checked in one transaction that is kept
    only if every row is good: one bad row, and nothing is written.

    A row updates the place with the same slug (given, or made from the name) and creates it
    otherwise; columns absent from the file leave a place's current values as they are.
    Rows come one batch at a time (a stream from `io.read_rows`): memory holds one batch.
    `progress(step, done, total)` is called for each row checked (step "check") and each
    row saved, written or found unchanged (step "write"); `total` is the number of rows
    (`io.scan` counts them), or `len(rows)`.
    """
    if total is None:
        total = len(rows)  # a list; a stream comes with its count
    checker = RowChecker(fmt=fmt, total=total, progress=progress)
    saved = 0
    with transaction.atomic():
        db.defer_foreign_keys_to(Place)
        for batch in _batches(rows):
            good = checker.check(batch)
            # After a bad row, the rest is still checked (every bad row is reported), but
            # no longer written: the transaction will be rolled back.
            if not (dry_run or checker.report.errors):
                saved = _write(checker, good, saved)
        if dry_run or checker.report.errors:
            transaction.set_rollback(True)
        else:
            checker.report.applied = True
    if checker.report.applied and saved:
        db.analyze(Place)
    return checker.report


def place_import_file(
    file: BinaryIO,
    *,
    fmt: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """An import from an open binary file: its shape checked and its rows counted first
    (io.FormatError when the file as a whole cannot be read), then its rows streamed."""
    file.seek(0, 2)
    io.check_size(file.tell())
    file.seek(0)
    total = io.scan(file, fmt=fmt)
    file.seek(0)
    if total == 0:
        raise io.FormatError(_("Le fichier ne contient aucun lieu."))
    rows = io.read_rows(file, fmt=fmt)
    return place_import(rows=rows, fmt=fmt, dry_run=dry_run, progress=progress, total=total)
