"""Plain text out of uploaded library files, for search. Files were already checked by
content (core.files); extraction is best effort and bounded: a file whose text cannot be
read is still stored, just found by its title and summary only.

It runs after the upload has returned, in a child process (`extract_bounded`) whose memory
and CPU time are capped, so a file that expands to far more than it weighs can neither
stall the server nor grow its workers: the child is stopped and the text left empty."""

import io
import logging
import re
import resource
import subprocess
import sys
import zipfile
from xml.etree import ElementTree

log = logging.getLogger(__name__)
MAX_TEXT = 200_000
MAX_PAGES = 200
MAX_PART = 32 * 1024 * 1024  # an OOXML part larger than this expanded is not read
CHILD_MEMORY = 768 * 1024 * 1024  # address space of the extracting process
CHILD_SECONDS = 20  # its CPU time; the wall clock allows twice as much
PDF = "application/pdf"
OOXML_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        r"word/document\.xml"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        r"ppt/slides/slide\d+\.xml"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": r"xl/sharedStrings\.xml",
}
TEXT_TAGS = ("}t",)  # w:t, a:t and the shared strings' t all end so


def extract_text(data: bytes, content_type: str) -> str:
    try:
        if content_type == PDF:
            return _pdf(data)[:MAX_TEXT]
        if content_type in OOXML_PARTS:
            return _ooxml(data, OOXML_PARTS[content_type])[:MAX_TEXT]
    except Exception:  # a damaged file must not stop the upload; it is just not searchable
        log.warning("could not read the text of a %s file", content_type)
    return ""


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    texts, size = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        texts.append(text)
        size += len(text)
        if size > MAX_TEXT:
            break
    return "\n".join(texts)


def _ooxml(data: bytes, pattern: str) -> str:
    texts, size = [], 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(
            info.filename
            for info in archive.infolist()
            if re.fullmatch(pattern, info.filename) and info.file_size <= MAX_PART
        )
        for name in names:
            # Sizes were bounded by the upload check (zip-bomb guard) before we get here.
            root = ElementTree.fromstring(archive.read(name))  # noqa: S314 - no DTDs in OOXML parts
            for element in root.iter():
                if element.tag.endswith(TEXT_TAGS) and element.text:
                    texts.append(element.text)
                    size += len(element.text)
            if size > MAX_TEXT:
                break
    return " ".join(texts)


def extract_bounded(
    data: bytes, content_type: str, *, memory: int = CHILD_MEMORY, seconds: int = CHILD_SECONDS
) -> str:
    """`extract_text` in a child process limited to `memory` bytes and `seconds` of CPU."""
    if content_type != PDF and content_type not in OOXML_PARTS:
        return ""
    command = [sys.executable, "-m", __name__, content_type, str(memory), str(seconds)]
    try:
        done = subprocess.run(  # noqa: S603  (our own interpreter and module, no shell)
            command, input=data, capture_output=True, timeout=seconds * 2, check=False
        )
    except subprocess.TimeoutExpired:
        log.warning("text extraction of a %s file took too long; stopped", content_type)
        return ""
    if done.returncode != 0:
        log.warning("text extraction of a %s file stopped (exit %s)", content_type, done.returncode)
        return ""
    return done.stdout.decode("utf-8", "replace")[:MAX_TEXT]


def _child(content_type: str, memory: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    data = sys.stdin.buffer.read()
    try:
        text = _pdf(data) if content_type == PDF else _ooxml(data, OOXML_PARTS[content_type])
    except MemoryError:
        sys.exit(3)
    except Exception:  # noqa: BLE001  a damaged file: no text, and the parent is told so
        sys.exit(2)
    sys.stdout.buffer.write(text[:MAX_TEXT].encode("utf-8", "replace"))


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
