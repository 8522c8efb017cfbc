"""Uploaded photos: checked by decoding, size- and pixel-limited, re-encoded clean."""

import pytest

from places import photos
from places.models.photo import SIZES
from tests.images import (
    GPS_IFD,
    bomb_png,
    cmyk_jpeg,
    image_bytes,
    jpeg_turned,
    jpeg_with_gps,
    read_image,
    transparent_png,
    upload,
)


def test_a_photo_is_re_encoded_as_webp_at_three_sizes_never_enlarged():
    prepared = photos.prepare(upload(image_bytes((3000, 2000))))
    sizes = {name: read_image(data).size for name, data in prepared.renditions.items()}
    assert sizes == {"thumbnail": (320, 213), "card": (800, 533), "full": (1600, 1067)}
    assert {read_image(data).format for data in prepared.renditions.values()} == {"WEBP"}
    small = photos.prepare(upload(image_bytes((500, 300), fmt="PNG"), "petite.png"))
    assert read_image(small.renditions["full"]).size == (500, 300)
    assert read_image(small.renditions["thumbnail"]).size == (320, 192)
    assert set(SIZES) == set(prepared.renditions)


def test_a_file_that_is_not_an_image_renamed_jpg_is_refused():
    with pytest.raises(photos.PhotoError, match="n’est pas une photo lisible"):
        photos.prepare(upload(b"%PDF-1.4 not a photo at all", "vacances.jpg"))
    with pytest.raises(photos.PhotoError, match="n’est pas une photo lisible"):
        photos.prepare(upload(b"<svg onload=alert(1)></svg>", "logo.jpg", "image/jpeg"))


def test_a_truncated_jpeg_is_refused():
    data = image_bytes((800, 600))
    with pytest.raises(photos.PhotoError, match="n’est pas une photo lisible"):
        photos.prepare(upload(data[: len(data) // 3], "coupee.jpg"))


def test_a_format_the_site_does_not_keep_is_refused_even_if_pillow_reads_it():
    with pytest.raises(photos.PhotoError, match="JPEG, PNG ou WebP"):
        photos.prepare(upload(image_bytes((50, 50), fmt="TIFF"), "scan.jpg"))


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    data = bomb_png()  # 100 million pixels in a few kilobytes
    assert len(data) < 100_000
    with pytest.raises(photos.PhotoError, match="trop de pixels"):
        photos.prepare(upload(data, "bombe.png", "image/png"))


def test_more_pixels_than_the_setting_allows_is_refused(settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(photos.PhotoError, match="trop de pixels \\(1 millions au plus\\)"):
        photos.prepare(upload(image_bytes((1200, 900), fmt="PNG"), "grande.png"))


class HugeUpload:
    """A 40 MB upload that fails the test if anything reads it."""

    name = "enorme.jpg"
    size = 40 * 1024 * 1024

    def read(self, *args):
        raise AssertionError("the upload was read")

    seek = read


def test_a_40_mb_file_is_refused_from_its_size_without_being_read():
    with pytest.raises(photos.PhotoError, match="trop lourde \\(40 Mo\\) : 10 Mo au plus"):
        photos.prepare(HugeUpload())


def test_gps_and_camera_exif_are_stripped():
    data = jpeg_with_gps()
    assert GPS_IFD in read_image(data).getexif()  # the upload says where it was taken
    prepared = photos.prepare(upload(data))
    for rendition in prepared.renditions.values():
        image = read_image(rendition)
        assert len(image.getexif()) == 0
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
        assert b"Exif" not in rendition and "Téléphone".encode() not in rendition


def test_the_exif_orientation_is_applied():
    prepared = photos.prepare(upload(jpeg_turned((400, 200), orientation=6)))
    assert (prepared.width, prepared.height) == (200, 400)
    assert read_image(prepared.renditions["full"]).size == (200, 400)


def test_a_cmyk_jpeg_is_converted_to_rgb_with_its_colours():
    prepared = photos.prepare(upload(cmyk_jpeg()))
    image = read_image(prepared.renditions["full"])
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((150, 100))
    assert red < 30 and green > 225 and blue > 225  # cyan stays cyan


def test_a_png_with_transparency_keeps_it_and_an_opaque_one_does_not_carry_alpha():
    prepared = photos.prepare(upload(transparent_png(), "logo.png", "image/png"))
    image = read_image(prepared.renditions["full"])
    assert image.mode == "RGBA"
    assert image.getpixel((10, 10))[3] == 0  # the background stays transparent
    assert image.getpixel((150, 100))[3] == 255
    red, green, blue, _ = image.getpixel((150, 100))
    assert red > 170 and green < 60 and blue < 60
    opaque = photos.prepare(upload(image_bytes((60, 40), fmt="PNG", mode="RGBA"), "plein.png"))
    assert read_image(opaque.renditions["full"]).mode == "RGB"
