"""The secretariat's web import: upload, a preview of every row (or every bad row, and
nothing stored), then the import, all or nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tashbeek.core.models import AuditEntry
from tashbeek.experiences.models import Experience

pytestmark = pytest.mark.django_db

ROW = {
    "external_id": "web-1",
    "language": "ar",
    "title": "حافلات النقل المدرسي",
    "summary": "أسطول صغير لنقل تلاميذ الدواوير.",
    "organisation": "جماعة أورير",
    "themes": ["transport"],
}


def _jsonl(*rows, name="experiences.jsonl"):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_preview_then_import(client, secretariat, aourir, settings):
    client.force_login(secretariat)
    second = {**ROW, "external_id": "web-2", "title": "Transport scolaire", "language": "fr"}
    preview = client.post("/experiences/import/", {"file": _jsonl(ROW, second), "publish": "on"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "حافلات النقل المدرسي" in html and "Transport scolaire" in html
    assert not Experience.objects.exists()  # nothing written by the preview
    done = client.post("/experiences/import/confirm/", {"publish": "1"})
    assert done.status_code == 302
    imported = Experience.objects.get(external_id="web-1")
    assert imported.status == "published" and imported.organisation == aourir
    assert Experience.objects.count() == 2
    assert AuditEntry.objects.filter(action="experiences.experience.imported").exists()
    # The waiting file is gone, and confirming again finds nothing to import.
    assert not list((settings.PRIVATE_MEDIA_ROOT / "imports").iterdir())
    again = client.post("/experiences/import/confirm/")
    assert again.status_code == 302 and Experience.objects.count() == 2


def test_bad_rows_are_listed_and_nothing_is_kept(client, secretariat, settings):
    client.force_login(secretariat)
    bad = {**ROW, "external_id": "web-3", "language": "xx", "title": ""}
    response = client.post("/experiences/import/", {"file": _jsonl(ROW, bad)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>2</td>" in html  # the line of the bad row
    assert not Experience.objects.exists()
    assert not (settings.PRIVATE_MEDIA_ROOT / "imports").exists()
    assert client.post("/experiences/import/confirm/").status_code == 302  # nothing waits


def test_only_csv_or_jsonl_and_only_the_secretariat(client, secretariat, focal_aourir):
    client.force_login(secretariat)
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    assert client.post("/experiences/import/", {"file": exe}).status_code == 400
    client.force_login(focal_aourir)
    assert client.post("/experiences/import/", {"file": _jsonl(ROW)}).status_code == 403


def test_long_imports_report_their_progress(monkeypatch, tmp_path, capsys):
    """import_experiences shows a progress bar (tqdm, on a terminal) fed batch by batch, and
    a summary either way."""
    from django.core.management import call_command

    from tashbeek.experiences import importing

    monkeypatch.setattr(importing, "BATCH", 1)
    calls = []
    rows = [(1, ROW, ""), (2, {**ROW, "external_id": "web-2"}, "")]
    importing.experiences_import(rows=rows, embed=False, progress=lambda *a: calls.append(a))
    assert calls == [(1, 2), (2, 2)]
    path = tmp_path / "more.jsonl"
    path.write_text(json.dumps({**ROW, "external_id": "web-3"}, ensure_ascii=False))
    call_command("import_experiences", str(path))
    assert "1 created, 0 updated." in capsys.readouterr().out
