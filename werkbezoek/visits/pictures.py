"""Pictures people upload (a factsheet photo): checked to be a real JPEG or PNG, scaled
down, and written anew, so no camera metadata (location, device, date) goes along."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
MAX_SIDE = 1600
# Pillow refuses images above this many pixels (a "decompression bomb").
Image.MAX_IMAGE_PIXELS = 40_000_000


def clean_picture(upload) -> bytes:
    """The upload as a fresh JPEG without metadata, or a Dutch ValidationError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The picture is larger than %(mb)d MB; choose a smaller one.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    try:
        with Image.open(upload) as image:
            if image.format not in {"JPEG", "PNG"}:
                raise ValidationError(_("Choose a JPEG or PNG picture."))
            image = ImageOps.exif_transpose(image)  # upright as the camera meant it
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError):
        raise ValidationError(_("This file is not a picture we can read (JPEG or PNG).")) from None
    return out.getvalue()
