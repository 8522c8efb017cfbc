"""Photos people upload: checked by decoding them, then re-encoded clean at three sizes.

Nothing of an upload is trusted but its pixels: not its name, not its content type, not its
metadata. An upload is refused when it is larger than `PHOTO_MAX_BYTES` (before reading it),
is not an image Pillow decodes (JPEG, PNG, WebP, GIF), or has more than `PHOTO_MAX_PIXELS`
pixels (a decompression bomb: a small file that would fill the memory once decoded). What
is kept are new WebP files, made from the pixels alone, so no EXIF (GPS position, camera
serial number...), XMP nor comment survives. The photo is turned upright first (the EXIF
orientation phones write), CMYK and colour profiles are converted to sRGB, and transparency
is kept (WebP has an alpha channel) unless every pixel is opaque.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from places.models.photo import SIZES, fit

FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
OUTPUT_FORMAT = "WEBP"
EXTENSION = "webp"
CONTENT_TYPE = "image/webp"
QUALITY = 82
MAX_PER_UPLOAD = 10
MAX_PER_PLACE = 30


class PhotoError(ValueError):
    """An upload that is not a photo the site keeps; the message says why, in French."""


@dataclass(frozen=True)
class PreparedPhoto:
    """An upload turned into the renditions to store (`SIZES`), and its upright size."""

    width: int
    height: int
    renditions: dict[str, bytes]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}".replace(".", ",")


def check_size(upload) -> None:
    """Refuses an upload larger than the limit, from its size alone (nothing is read)."""
    if upload.size is None or upload.size > settings.PHOTO_MAX_BYTES:
        raise PhotoError(
            _("« %(name)s » est trop lourde (%(size)s Mo) : %(max)s Mo au plus par photo.")
            % {
                "name": upload.name,
                "size": _megabytes(upload.size or 0),
                "max": _megabytes(settings.PHOTO_MAX_BYTES),
            }
        )


def _bomb(name: str) -> PhotoError:
    return PhotoError(
        _(
            "« %(name)s » a trop de pixels (%(max)s millions au plus) : réduisez-la avant de "
            "l’envoyer."
        )
        % {"name": name, "max": f"{settings.PHOTO_MAX_PIXELS / 1_000_000:g}"}
    )


def _not_an_image(name: str) -> PhotoError:
    return PhotoError(
        _("« %(name)s » n’est pas une photo lisible : envoyez un fichier JPEG, PNG ou WebP.")
        % {"name": name}
    )


def _open(upload) -> Image.Image:
    """The decoded image; its header is checked (format, pixels) before any decoding."""
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns (and, at twice its own limit, refuses) on decompression bombs.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            if image.format not in FORMATS:
                raise _not_an_image(upload.name)
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise _bomb(upload.name)
            # JPEG can decode at 1/2, 1/4 or 1/8 directly: no need for 48 Mpx to make 1600 px.
            image.draft("RGB", fit(image.width, image.height, SIZES["full"]))
            image.load()
        except PhotoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _bomb(upload.name) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise _not_an_image(upload.name) from None
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or "transparency" in image.info


def _to_srgb(image: Image.Image, mode: str) -> Image.Image:
    """The pixels in sRGB: an embedded profile (CMYK, Adobe RGB, Display P3) is applied; a
    broken one is ignored rather than refusing the photo."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image.convert(mode)


def _upright_clean(image: Image.Image, name: str) -> Image.Image:
    """Turned as the camera held it, in RGB or RGBA, with no metadata left."""
    try:
        image = ImageOps.exif_transpose(image)
        mode = "RGBA" if _has_alpha(image) else "RGB"
        image = _to_srgb(image, mode)
        if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
            image = image.convert("RGB")  # "transparent" but fully opaque: smaller files
    except (OSError, ValueError, SyntaxError):
        raise _not_an_image(name) from None
    # A fresh image of the pixels alone: nothing of the upload's metadata can follow it.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, OUTPUT_FORMAT, quality=QUALITY, method=4)
    return out.getvalue()


def prepare(upload) -> PreparedPhoto:
    """Checks an uploaded file and makes its renditions; raises PhotoError saying why not."""
    check_size(upload)
    image = _upright_clean(_open(upload), upload.name)
    renditions = {}
    for rendition, box in SIZES.items():
        size = fit(image.width, image.height, box)
        resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        renditions[rendition] = _encode(resized)
    return PreparedPhoto(width=image.width, height=image.height, renditions=renditions)
