"""Plain text out of uploaded library files, for search. Files were already checked by
content (core.files); extraction is best effort and bounded: a file whose text cannot be
read is still stored, just found by its title and summary only."""

import io
import logging
import re
import zipfile
from xml.etree import ElementTree

log = logging.getLogger(__name__)
MAX_TEXT = 200_000
MAX_PAGES = 200
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
        names = sorted(n for n in archive.namelist() if re.fullmatch(pattern, n))
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
