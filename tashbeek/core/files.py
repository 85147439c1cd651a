"""Private files: stored outside MEDIA_ROOT, typed by their content, streamed only by views
that have checked who is asking (no public, guessable or long-lived URL)."""

import io
import re
import uuid
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCUMENT_TYPES = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx", PPTX: "pptx"}
# Council resolutions and other proofs: a PDF or a scan.
PROOF_TYPES = (PDF, JPEG, PNG)
# The library and experiences also take office files (and only those without macros).
LIBRARY_TYPES = (PDF, JPEG, PNG, DOCX, XLSX, PPTX)
# The part that makes an Office Open XML package a document, a workbook or a presentation.
OOXML_MAIN_PART = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
OOXML_MAX_ENTRIES = 5000
OOXML_MAX_EXPANDED = 64 * 1024 * 1024  # a report with photos; more is a bomb
OOXML_MAX_RATIO = 150  # a higher compression ratio is a zip bomb, not a report

# Active content a council resolution never needs; a PDF carrying it is refused outright.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
# The same as keys and action types of parsed objects (a compressed object stream hides
# them from a scan of the raw bytes).
PDF_ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
    "/AA",
}
PDF_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/GoToE",
    "/RichMediaExecute",
    "/SubmitForm",
}
PDF_MAX_OBJECTS = 200_000
# Markup or archives hidden inside an image (a "polyglot") would let a file be both.
POLYGLOT = re.compile(
    rb"<\s*(script|html|svg|iframe|object|embed|body|\?php)|javascript:|%PDF-|PK\x03\x04",
    re.IGNORECASE,
)
# A web page dressed as a PDF (it starts with %PDF- and ends with %%EOF).
PDF_MARKUP = re.compile(rb"<\s*(script|html|body|iframe|!doctype\s+html)\b", re.IGNORECASE)
# Office Open XML: the content types of the plain (macro-free) main parts, and what refuses a
# package whatever its parts are called: a macro-enabled or binary type, an external target
# other than a hyperlink (a remote template, a linked OLE object, a frame).
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
OOXML_ACTIVE_TYPE = re.compile(r"macroEnabled|vbaProject|activeX|oleObject|vbaData", re.I)
OOXML_ACTIVE_REL = re.compile(r"/(vbaProject|attachedTemplate|oleObject|activeXControl)$", re.I)


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
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _ooxml_type(upload) -> str:
    """The Office type of a zip upload, after refusing what a plain document never holds:
    macros, ActiveX, encryption, zip bombs."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _invalid(_("This file is damaged or incomplete."), "damaged") from None
    names = {entry.filename for entry in entries}
    kind = next((t for part, t in OOXML_MAIN_PART.items() if part in names), None)
    if "[Content_Types].xml" not in names or kind is None:
        raise _invalid(_("This archive is not a Word, Excel or PowerPoint document."), "wrong_type")
    if len(entries) > OOXML_MAX_ENTRIES or any(e.flag_bits & 0x1 for e in entries):
        raise _invalid(_("This document is encrypted or has too many parts."), "damaged")
    expanded = sum(e.file_size for e in entries)
    packed = max(sum(e.compress_size for e in entries), 1)
    if expanded > OOXML_MAX_EXPANDED or expanded / packed > OOXML_MAX_RATIO:
        raise _invalid(_("This document expands to an unreasonable size."), "damaged")
    lowered = [name.lower() for name in names]
    if any(n.endswith("vbaproject.bin") or "/activex/" in f"/{n}" for n in lowered):
        raise _macros()
    with zipfile.ZipFile(upload) as archive:
        return _ooxml_declared_type(archive, kind)


def _macros() -> ValidationError:
    return _invalid(
        _("This document contains macros. Save it without macros (.docx, .xlsx, .pptx)."),
        "active_content",
    )


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(archive.read(name))  # noqa: S314  (expat refuses entity bombs)
    except (ElementTree.ParseError, KeyError, zipfile.BadZipFile, OSError):
        raise _invalid(_("This file is damaged or incomplete."), "damaged") from None


def _ooxml_declared_type(archive: zipfile.ZipFile, kind: str) -> str:
    """Decide by what the package declares, not by its part names: every content type is
    macro-free, the main part is a plain document, and no relationship reaches outside
    except a hyperlink."""
    declared = [
        element.get("ContentType", "")
        for element in _xml(archive, "[Content_Types].xml")
        if element.tag in (f"{CT_NS}Default", f"{CT_NS}Override")
    ]
    if any(OOXML_ACTIVE_TYPE.search(value) for value in declared):
        raise _macros()
    if OOXML_MAIN_TYPES.get(next((v for v in declared if v in OOXML_MAIN_TYPES), "")) != kind:
        raise _invalid(_("This archive is not a Word, Excel or PowerPoint document."), "wrong_type")
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        for relation in _xml(archive, name).iter(f"{REL_NS}Relationship"):
            if OOXML_ACTIVE_REL.search(relation.get("Type", "")):
                raise _macros()
            external = relation.get("TargetMode", "").lower() == "external"
            if external and not relation.get("Type", "").endswith("/hyperlink"):
                raise _invalid(
                    _(
                        "This document loads content from elsewhere (a remote template or "
                        "linked object). Save a copy without links and retry."
                    ),
                    "active_content",
                )
    return kind


def _check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise _invalid(_("This PDF is damaged or incomplete."), "damaged")
    # Names may be written with #xx escapes (/J#61vaScript) to dodge exactly this check.
    names = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), data)
    if PDF_ACTIVE.search(names):
        raise _pdf_active()
    if PDF_MARKUP.search(data):
        raise _invalid(_("This file is a web page, not a PDF."), "polyglot")
    _check_pdf_objects(data)


def _pdf_active() -> ValidationError:
    return _invalid(
        _("This PDF contains scripts or embedded files. Print it to a plain PDF and retry."),
        "active_content",
    )


def _check_pdf_objects(data: bytes) -> None:
    """Parse the PDF and look at every object, those in compressed object streams too."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if len(reader.pages) < 1:
            raise PyPdfError("no page")
        numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
        numbers |= {(num, 0) for num in reader.xref_objStm}
        if len(numbers) > PDF_MAX_OBJECTS:
            raise PyPdfError("too many objects")
        roots = [reader.trailer, *(IndirectObject(n, g, reader) for n, g in numbers)]
        for root in roots:
            _refuse_active(root.get_object() if isinstance(root, IndirectObject) else root)
    except ValidationError:
        raise
    except (
        PyPdfError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        RecursionError,
        OSError,
        AssertionError,
        IndexError,
        ZeroDivisionError,
    ):
        raise _invalid(_("This PDF is damaged or incomplete."), "damaged") from None


def _refuse_active(obj) -> None:
    """Every dictionary inside one object (indirect references are visited on their own)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):
            if PDF_ACTIVE_KEYS & set(item) or item.get("/S") in PDF_ACTIVE_ACTIONS:
                raise _pdf_active()
            if item.get("/Type") in ("/EmbeddedFile", "/Filespec") and "/EF" in item:
                raise _pdf_active()
            stack.extend(v for v in item.values() if not isinstance(v, IndirectObject))
        elif isinstance(item, ArrayObject):
            stack.extend(v for v in item if not isinstance(v, IndirectObject))


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


def validate_document_upload(upload, *, allowed=PROOF_TYPES, limit: int | None = None) -> str:
    """Check an upload by its content and size; return its real content type.
    `allowed` lists the content types this kind of file may have."""
    limit = limit or settings.DOCUMENT_MAX_BYTES
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
    if content_type == "zip" and DOCX in allowed:
        content_type = _ooxml_type(upload)
    if content_type not in allowed:
        raise _invalid(_wrong_type_message(allowed), "wrong_type")
    if content_type == PDF:
        _check_pdf(data)
    elif content_type in (JPEG, PNG):
        _check_image(upload, data, content_type)
    upload.seek(0)
    return content_type


def _wrong_type_message(allowed) -> str:
    if DOCX in allowed:
        return _("Only PDF, Word, Excel, PowerPoint, JPEG or PNG files are accepted.")
    return _("Only PDF, JPEG or PNG files are accepted.")


def download_name(name: str | None, content_type: str) -> str:
    """The uploader's name with the extension of what the file really is: a page saved as
    `minutes.html` that passed as a PDF downloads as `minutes.pdf` and opens as one."""
    stem = PurePosixPath((name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0].strip(" .") if "." in stem else stem.strip(" .")
    return f"{stem[:180] or 'document'}.{DOCUMENT_TYPES.get(content_type, 'bin')}"


def stored_content(upload, content_type: str):
    """What is written to disk: images re-encoded by Pillow (no trailing data, no
    metadata), anything else as uploaded (it passed validate_document_upload)."""
    if content_type not in (JPEG, PNG):
        return upload
    return ContentFile(reencode_image(upload, "JPEG" if content_type == JPEG else "PNG"))


def reencode_image(upload, image_format: str) -> bytes:
    """The pixels only, in a fresh file of `image_format` (JPEG or PNG). A phone photo's
    EXIF orientation is applied to the pixels first, since the EXIF itself is dropped."""
    upload.seek(0)
    with Image.open(upload) as original:
        original.load()
        image = ImageOps.exif_transpose(original)
        mode = "RGB" if image_format == "JPEG" else ("RGBA" if "A" in image.getbands() else "RGB")
        if image.mode == "P" and image_format == "PNG":
            mode = "RGBA"
        out = io.BytesIO()
        image.convert(mode).save(out, format=image_format, quality=90, optimize=True)
    upload.seek(0)
    return out.getvalue()


def store_upload(instance, upload, *, allowed=LIBRARY_TYPES, by=None) -> str:
    """Check `upload` by its content and set it on `instance` (a `core.models.PrivateFile`):
    type, name, size, uploader, and the file itself written to private storage (images
    re-encoded). The caller saves the instance in its transaction. Returns the content type."""
    content_type = validate_document_upload(upload, allowed=allowed)
    instance.content_type = content_type
    instance.original_name = (upload.name or "")[:255]
    instance.size = upload.size
    if by is not None:
        instance.uploaded_by = by
    instance.file.save(upload.name, stored_content(upload, content_type), save=False)
    return content_type


def private_file_response(field_file, *, content_type: str, filename: str) -> FileResponse:
    """Stream a private file as a download that the browser may not sniff or run, named
    with the extension of its checked type whatever the uploader called it."""
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=download_name(filename, content_type),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def private_download(stored) -> FileResponse:
    """`private_file_response` for a `core.models.PrivateFile` row (its file, checked type
    and uploader's name); the caller has checked who may read it."""
    return private_file_response(
        stored.file, content_type=stored.content_type, filename=stored.original_name
    )
