"""The open data downloads: the whole directory as `export_places` writes it, once per version.

A download is identified by the places' data version (bumped by the database on every
write, see `DataVersion`): its ETag and Last-Modified are known before anything is built,
so a re-user checking for news gets a 304 for one primary-key read. A new version writes
the file once, through `services.place_export` (the very code of `manage.py export_places`),
into the default storage, which every app server shares; older versions are removed.
"""

import tempfile
from dataclasses import dataclass
from datetime import datetime

from django.core.files import File
from django.core.files.storage import default_storage

from places import selectors, services

FOLDER = "donnees"
KINDS = {
    "geojson": ("lieux.geojson", "application/geo+json"),
    "csv": ("lieux.csv", "text/csv; charset=utf-8"),
}


@dataclass(frozen=True)
class Download:
    fmt: str
    version: int
    last_modified: datetime

    @property
    def filename(self) -> str:
        return KINDS[self.fmt][0]

    @property
    def content_type(self) -> str:
        return KINDS[self.fmt][1]

    @property
    def etag(self) -> str:
        return f'"lieux-{self.fmt}-v{self.version}"'

    @property
    def path(self) -> str:
        stem, _dot, ext = self.filename.rpartition(".")
        return f"{FOLDER}/{stem}-v{self.version}.{ext}"

    def open(self) -> File:
        """The file, built first if this version has none yet."""
        if not default_storage.exists(self.path):
            self._build()
        return default_storage.open(self.path, "rb")

    def _build(self) -> None:
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as out:
            services.place_export(out, fmt=self.fmt)
            out.flush()
            out.seek(0)
            saved = default_storage.save(self.path, File(out.buffer, name=self.filename))
        if saved != self.path:  # another request built the same version meanwhile
            default_storage.delete(saved)
        self._remove_older()

    def _remove_older(self) -> None:
        current = self.path.rpartition("/")[2]
        stem, _dot, ext = self.filename.rpartition(".")
        try:
            names = default_storage.listdir(FOLDER)[1]
        except FileNotFoundError:
            return
        for name in names:
            if name.startswith(f"{stem}-v") and name.endswith(f".{ext}") and name != current:
                default_storage.delete(f"{FOLDER}/{name}")


def download(fmt: str) -> Download:
    version = selectors.data_version()
    return Download(fmt=fmt, version=version.version, last_modified=version.changed_at)
