"""Pictures people upload (a factsheet photo, photos of the day): checked to be a real JPEG,
PNG or HEIC (an iPhone's photo), scaled down, and written anew as JPEG, so no camera
metadata (location, device, date) goes along."""

import io

import pillow_heif
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
MAX_PHOTO_BYTES = 15 * 1024 * 1024  # a phone's photo of the day
MAX_SIDE = 1600
THUMBNAIL_SIDE = 320
# Pillow refuses images above this many pixels (a "decompression bomb").
Image.MAX_IMAGE_PIXELS = 60_000_000
pillow_heif.register_heif_opener()
READABLE = {"JPEG", "PNG", "HEIF"}


def clean_picture(upload, *, max_bytes: int = MAX_UPLOAD_BYTES) -> bytes:
    """The upload as a fresh JPEG without metadata, or a Dutch ValidationError."""
    return _reencode(upload, max_bytes=max_bytes, sides=(MAX_SIDE,))[0]


def clean_photo(upload) -> tuple[bytes, bytes]:
    """A photo of the day and its thumbnail, both fresh JPEGs without metadata."""
    return _reencode(upload, max_bytes=MAX_PHOTO_BYTES, sides=(MAX_SIDE, THUMBNAIL_SIDE))


def _reencode(upload, *, max_bytes: int, sides: tuple[int, ...]) -> list[bytes]:
    if upload.size > max_bytes:
        raise ValidationError(
            _("The picture is larger than %(mb)d MB; choose a smaller one.")
            % {"mb": max_bytes // (1024 * 1024)}
        )
    results = []
    try:
        with Image.open(upload) as image:
            if image.format not in READABLE:
                raise ValidationError(_("Choose a JPEG, PNG or HEIC picture."))
            image = ImageOps.exif_transpose(image)  # upright as the camera meant it
            for side in sides:
                image.thumbnail((side, side))
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                results.append(out.getvalue())
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise ValidationError(
            _("This file is not a picture we can read (JPEG, PNG or HEIC).")
        ) from None
    return results
