"""Real small files for upload tests: the demo's ODT and PDF, a renamed executable..."""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "resources"


def demo(name: str, *, as_name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(as_name or name, (FIXTURES / name).read_bytes())


def odt() -> SimpleUploadedFile:
    return demo("statuts-association-modele.odt")


def pdf() -> SimpleUploadedFile:
    return demo("liste-de-controle-porteur.pdf")


def executable(name: str = "guide.pdf") -> SimpleUploadedFile:
    """A Windows executable's header (MZ, PE) under a document's name."""
    content = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"
    return SimpleUploadedFile(name, content + b"\x00" * 400, content_type="application/pdf")


def docx() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("modele.docx", buffer.getvalue())


def plain_zip(name: str = "modele.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("run.sh", "#!/bin/sh\necho hello\n")
    return SimpleUploadedFile(name, buffer.getvalue())
