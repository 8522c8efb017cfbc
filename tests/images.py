"""Image files made for the tests with Pillow: photos, bombs, CMYK, transparency, GPS."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def image_bytes(
    size=(1200, 800), *, fmt="JPEG", mode="RGB", colour=(90, 140, 80), **save_options
) -> bytes:
    image = Image.new(mode, size, colour)
    out = io.BytesIO()
    image.save(out, fmt, **save_options)
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo_upload(name: str = "photo.jpg", **options) -> SimpleUploadedFile:
    return upload(image_bytes(**options), name)


def jpeg_with_gps(size=(640, 480)) -> bytes:
    """A JPEG whose EXIF says where it was taken (Flers) and with which camera."""
    exif = Image.Exif()
    exif[0x010F] = "Fabricant"  # Make
    exif[0x0110] = "Téléphone 12"  # Model
    exif[GPS_IFD] = {
        1: "N",
        2: (48.0, 44.0, 54.0),
        3: "W",
        4: (0.0, 34.0, 10.0),
    }
    return image_bytes(size, exif=exif)


def jpeg_turned(size=(400, 200), orientation=6) -> bytes:
    """A JPEG stored sideways, with the EXIF orientation a phone writes (6: turn 90° right)."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return image_bytes(size, exif=exif)


def cmyk_jpeg(size=(300, 200)) -> bytes:
    """Pure cyan in CMYK, as print workflows save photos."""
    return image_bytes(size, mode="CMYK", colour=(255, 0, 0, 0))


def transparent_png(size=(300, 200)) -> bytes:
    """A logo-like PNG: an opaque red square on a transparent background."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 50, 200, 150))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def bomb_png(size=(10_000, 10_000)) -> bytes:
    """A tiny file of 100 million pixels once decoded (black and white compresses to
    nothing): a decompression bomb."""
    return image_bytes(size, fmt="PNG", mode="1", colour=0, optimize=True)


def read_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
