"""Serving stored images through views that first decide who may see them (never straight from MEDIA_ROOT)."""

from pathlib import Path

from django.http import FileResponse, Http404

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


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
