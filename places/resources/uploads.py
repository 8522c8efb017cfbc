"""Files of resources: their real type read from their content (never their name), their size.

puremagic reads the signature of the first bytes (its best match comes first; it is given
no file name, which it would otherwise trust): PDF and the images are told by it, and an
image must also be decoded by Pillow. OpenDocument and Office Open XML files are ZIP
archives that a signature can only guess: a ZIP is taken for one only when its members say
so (OpenDocument's `mimetype` member; `[Content_Types].xml` and the main part of DOCX, XLSX
or PPTX). Anything else (an executable renamed `.pdf`, a plain archive, a script) is refused.
"""

import zipfile
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

HEAD_BYTES = 8192
ZIP_SIGNATURE = b"PK\x03\x04"
SIGNED = {"application/pdf", "image/png", "image/jpeg", "image/webp"}  # told by puremagic


@dataclass(frozen=True)
class FileType:
    content_type: str
    label: str  # what the page shows: « PDF », « ODT »...
    extension: str


TYPES = {
    t.content_type: t
    for t in [
        FileType("application/pdf", "PDF", "pdf"),
        FileType("application/vnd.oasis.opendocument.text", "ODT", "odt"),
        FileType("application/vnd.oasis.opendocument.spreadsheet", "ODS", "ods"),
        FileType("application/vnd.oasis.opendocument.presentation", "ODP", "odp"),
        FileType(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
            "docx",
        ),
        FileType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "xlsx"
        ),
        FileType(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PPTX",
            "pptx",
        ),
        FileType("image/png", "PNG", "png"),
        FileType("image/jpeg", "JPEG", "jpg"),
        FileType("image/webp", "WebP", "webp"),
    ]
}
OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
ACCEPTED_WORDS = "PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, WebP"


class FileRefused(ValueError):
    """An upload the resource centre does not keep; the message says why, in French."""


def max_bytes() -> int:
    return int(settings.RESOURCE_FILE_MAX_MB * 1024 * 1024)


def _mb(size: float) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def check_size(upload) -> None:
    """Refuses a file over RESOURCE_FILE_MAX_MB from its size alone (nothing is read)."""
    if upload.size is None or upload.size > max_bytes():
        raise FileRefused(
            _("« %(name)s » pèse %(size)s Mo : un fichier fait %(max)s Mo au plus.")
            % {"name": upload.name, "size": _mb(upload.size or 0), "max": _mb(max_bytes())}
        )


def _zipped(upload) -> str | None:
    """The type of an OpenDocument or Office Open XML archive, from its members."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared.startswith("application/vnd.oasis") else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in OOXML_PARTS.items() if part in names), None)


def _signed(head: bytes) -> str | None:
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return None
    return matches[0].mime_type if matches else None


def _decodes(upload) -> bool:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)
    return True


def detect(upload) -> FileType:
    """The type of an uploaded file from its content; raises FileRefused when it is not one
    of TYPES."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = _zipped(upload) if head.startswith(ZIP_SIGNATURE) else _signed(head) if head else None
    if kind in SIGNED and kind.startswith("image/") and not _decodes(upload):
        kind = None
    if kind in TYPES:
        return TYPES[kind]
    raise FileRefused(
        _("« %(name)s » n’est pas d’un type accepté (%(types)s) : son contenu a été vérifié.")
        % {"name": upload.name, "types": ACCEPTED_WORDS}
    )


def check(upload) -> FileType:
    """Size, then type by content: what a form, the admin and the API all ask."""
    check_size(upload)
    return detect(upload)


def size_in_words(size: int) -> str:
    """120_000 → « 117 Ko », 2_500_000 → « 2,4 Mo » (French units, kibi-based as files are)."""
    if size < 1024:
        return _("%(n)d octets") % {"n": size}
    if size < 1024 * 1024:
        return _("%(n)d Ko") % {"n": round(size / 1024)}
    return _("%(n)s Mo") % {"n": f"{size / (1024 * 1024):.1f}".replace(".", ",")}


def label_of(content_type: str) -> str:
    found = TYPES.get(content_type)
    return found.label if found else content_type


def extension_of(content_type: str) -> str:
    found = TYPES.get(content_type)
    return found.extension if found else ""
