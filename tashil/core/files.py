"""Stored files: their names on disk (generated, never the uploader's), and serving images through views that
first decide who may see them (never straight from MEDIA_ROOT)."""

import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


@deconstructible
class RandomName:
    """A FileField's ``upload_to``: ``<folder>/<year>/<month>/<random>.<ext>``. The uploaded name says who or
    what a file is about (a unit, a person) and could be guessed or collide; on disk only the lower-case
    extension is kept (what the serving views type files by). Where people need the original name, the model
    keeps it in a field of its own (an attachment's name, an import's original name)."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = Path(filename or "").suffix.lower()
        if not re.fullmatch(r"\.[a-z0-9]{1,8}", extension):
            extension = ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def image_response(fieldfile, public=False):
    """An image inline, typed by its extension (only image types), never sniffed or run as a document."""
    content_type = IMAGE_TYPES.get(Path(fieldfile.name or "").suffix.lower()) if fieldfile else None
    if content_type is None:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=3600"
    return response


@deconstructible
class ImageUploadValidator:
    """Photos and logos: only the image types served back (JPEG, PNG, WebP, GIF), at most
    ``TASHIL_IMAGE_MAX_MB``; each refusal names the file. (Pillow has already checked it is an image.)"""

    def __call__(self, fieldfile):
        name = Path(fieldfile.name or "").name
        if Path(name).suffix.lower() not in IMAGE_TYPES:
            raise ValidationError(
                _("نوع تصویر «%(name)s» پذیرفته نیست؛ JPEG، PNG، WebP یا GIF بفرستید."),
                code="image_type",
                params={"name": name},
            )
        limit = settings.TASHIL_IMAGE_MAX_MB * 1024 * 1024
        if fieldfile.size > limit:
            raise ValidationError(
                _("تصویر «%(name)s» بزرگ‌تر از %(limit)s مگابایت است."),
                code="image_size",
                params={"name": name, "limit": settings.TASHIL_IMAGE_MAX_MB},
            )

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image = ImageUploadValidator()
