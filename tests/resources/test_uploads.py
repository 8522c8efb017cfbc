"""A resource's file: its type read from its content, its size limited with a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from places.resources import uploads
from tests.images import transparent_png, upload
from tests.resources import files


def test_a_real_odt_is_accepted_as_odt():
    assert uploads.check(files.odt()).label == "ODT"


def test_a_real_pdf_is_accepted_as_pdf():
    found = uploads.check(files.pdf())
    assert found.content_type == "application/pdf"


def test_the_demo_spreadsheet_is_an_ods():
    assert uploads.check(files.demo("budget-previsionnel-modele.ods")).label == "ODS"


def test_an_office_open_xml_document_is_told_by_its_members():
    assert uploads.check(files.docx()).label == "DOCX"


def test_a_renamed_executable_is_refused_whatever_its_name():
    with pytest.raises(uploads.FileRefused, match="guide.pdf"):
        uploads.check(files.executable("guide.pdf"))


def test_a_zip_that_is_not_an_office_document_is_refused():
    with pytest.raises(uploads.FileRefused):
        uploads.check(files.plain_zip("modele.docx"))


def test_a_pdf_renamed_as_an_image_is_taken_for_a_pdf():
    assert (
        uploads.check(files.demo("liste-de-controle-porteur.pdf", as_name="photo.png")).label
        == "PDF"
    )


def test_plain_text_is_refused():
    with pytest.raises(uploads.FileRefused):
        uploads.check(SimpleUploadedFile("notes.odt", b"juste du texte"))


def test_an_oversize_file_is_refused_with_its_size_and_the_limit(settings):
    settings.RESOURCE_FILE_MAX_MB = 1
    big = SimpleUploadedFile("gros.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(uploads.FileRefused) as refused:
        uploads.check(big)
    assert str(refused.value) == "« gros.pdf » pèse 2 Mo : un fichier fait 1 Mo au plus."


def test_sizes_are_written_in_words():
    assert uploads.size_in_words(120 * 1024) == "120 Ko"
    assert uploads.size_in_words(int(2.5 * 1024 * 1024)) == "2,5 Mo"
    assert uploads.size_in_words(500) == "500 octets"


def test_a_png_that_decodes_is_accepted():
    assert uploads.check(upload(transparent_png(), name="plan.png")).label == "PNG"


def test_a_png_signature_without_an_image_is_refused():
    broken = SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    with pytest.raises(uploads.FileRefused):
        uploads.check(broken)
