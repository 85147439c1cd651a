"""Private files: stored outside MEDIA_ROOT, typed by their content, streamed only by views
that have checked who is asking (no public, guessable or long-lived URL)."""

import re
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCUMENT_TYPES = {PDF: "pdf", JPEG: "jpg", PNG: "png"}

# Active content a council resolution never needs; a PDF carrying it is refused outright.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
# Markup or archives hidden inside an image (a "polyglot") would let a file be both.
POLYGLOT = re.compile(
    rb"<\s*(script|html|svg|iframe|object|embed|body|\?php)|javascript:|%PDF-|PK\x03\x04",
    re.IGNORECASE,
)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """File storage under settings.PRIVATE_MEDIA_ROOT, read at each use so tests and
    deployments can move it; it has no base URL, so `.url()` cannot leak a public link."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(Path(settings.PRIVATE_MEDIA_ROOT).resolve())

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through an authorised view.")


private_storage = PrivateStorage()


def private_upload_to(instance, filename: str) -> str:
    """A random name: nothing of the original name reaches the disk."""
    extension = DOCUMENT_TYPES.get(getattr(instance, "content_type", ""), "bin")
    return f"documents/{uuid.uuid4().hex}.{extension}"


def _invalid(message, code):
    return ValidationError(message, code=code)


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise _invalid(_("This PDF is damaged or incomplete."), "damaged")
    # Names may be written with #xx escapes (/J#61vaScript) to dodge exactly this check.
    names = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), data)
    if PDF_ACTIVE.search(names):
        raise _invalid(
            _("This PDF contains scripts or embedded files. Print it to a plain PDF and retry."),
            "active_content",
        )


def _image_end(data: bytes, content_type: str) -> int:
    if content_type == PNG:
        end = data.rfind(b"IEND")
        return -1 if end < 0 else end + 8  # chunk type + CRC
    end = data.rfind(b"\xff\xd9")
    return -1 if end < 0 else end + 2


def _check_image(upload, data: bytes, content_type: str) -> None:
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _invalid(_("This image is damaged or incomplete."), "damaged") from None
    end = _image_end(data, content_type)
    if end < 0 or data[end:].strip(b"\x00\r\n "):
        raise _invalid(_("This image carries extra data after its end."), "polyglot")
    if POLYGLOT.search(data):
        raise _invalid(_("This image also contains a web page or another file."), "polyglot")


def validate_document_upload(upload) -> str:
    """Check a PDF/JPEG/PNG upload by its content and size; return its real content type."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise _invalid(
            _("The file is too large: at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            "too_large",
        )
    if upload.size == 0:
        raise _invalid(_("The file is empty."), "empty")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    content_type = _sniff(data[:16])
    if content_type is None:
        raise _invalid(_("Only PDF, JPEG or PNG files are accepted."), "wrong_type")
    if content_type == PDF:
        _check_pdf(data)
    else:
        _check_image(upload, data, content_type)
    upload.seek(0)
    return content_type


def private_file_response(field_file, *, content_type: str, filename: str) -> FileResponse:
    """Stream a private file as a download that the browser may not sniff or run."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
