"""Text extraction after the upload, in a child process whose memory and CPU are capped
(issue 20.3: a 1 MB docx that expanded to 105 MB held a worker and a write for 9 s)."""

import io
import resource
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tashbeek.core.files import DOCX, LIBRARY_TYPES, validate_document_upload
from tashbeek.library import services
from tashbeek.library.extract import extract_bounded
from tashbeek.library.models import DocumentVersion

from .test_library import content_types

pytestmark = pytest.mark.django_db


def docx_expanding_to(megabytes: int, words: bytes = b"<w:t>x</w:t>") -> bytes:
    """A Word document whose text part is `megabytes` of tiny elements, written in chunks
    so that the test itself never holds it expanded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types("word/document.xml"))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<w:document xmlns:w="urn:w"><w:body>')
            chunk = words * (1024 * 1024 // len(words))
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def small_docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types("word/document.xml"))
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="urn:w"><w:t>{text}</w:t></w:document>'
        )
    return buffer.getvalue()


def test_a_document_that_expands_beyond_the_cap_is_refused_at_upload():
    bomb = SimpleUploadedFile("bomb.docx", docx_expanding_to(105))
    with pytest.raises(ValidationError) as refused:
        validate_document_upload(bomb, allowed=LIBRARY_TYPES, limit=10 * 1024 * 1024)
    assert refused.value.code == "damaged"


def test_extraction_is_stopped_by_its_memory_cap_without_growing_this_process():
    data = docx_expanding_to(30)  # under every upload cap, 2.6 million elements to parse
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    assert extract_bounded(data, DOCX, memory=160 * 1024 * 1024) == ""
    assert time.monotonic() - started < 30
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 64 * 1024, f"the test process grew by {grown_kb} kB"
    # With room enough, the same kind of file gives its text.
    assert extract_bounded(small_docx("school bus"), DOCX) == "school bus"


def test_the_upload_returns_before_the_text_is_read_and_a_lost_task_is_picked_up(
    settings, community, staff_aourir, django_capture_on_commit_callbacks
):
    settings.BACKGROUND_SYNC = False
    settings.LIBRARY_EXTRACT_IN_CHILD = True  # as in production: the capped child reads it
    upload = SimpleUploadedFile("plan.docx", small_docx("waste sorting"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = services.document_create(
            by=staff_aourir,
            data={"kind": "guide", "titles": {"en": "Plan"}, "community": community},
            upload=upload,
        )
    version = document.versions.get()
    assert (version.text, version.extracted_at) == ("", None)
    assert len(callbacks) >= 1  # the background task, after commit
    assert services.extract_pending() == 1  # as after a restart that lost it
    version.refresh_from_db()
    assert version.text == "waste sorting" and version.extracted_at is not None
    assert services.extract_pending() == 0
    assert DocumentVersion.objects.filter(extracted_at__isnull=True).count() == 0
