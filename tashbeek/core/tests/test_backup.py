"""manage.py backup and restore: a round trip gives back every table and every file, on the
engine the suite runs on (SQLite, then PostgreSQL in CI); a damaged or foreign archive is
refused before anything is touched."""

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from conftest import png_upload
from tashbeek.members.models import Organisation
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _tables() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        tables = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608  (names from introspection)
            tables[table] = sorted(map(repr, cursor.fetchall()))
    return tables


def _files() -> dict[str, str]:
    found = {}
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        root = Path(getattr(settings, setting))
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            key = f"{setting}/{path.relative_to(root)}"
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def used_site(submitted_application, library_document):
    """An application with its private resolution, a library file, and a public logo."""
    organisation = OrganisationFactory(names={"ar": "بلدية", "en": "Town"})
    organisation.logo.save("logo.png", png_upload(), save=True)
    return organisation


def test_a_round_trip_gives_back_every_table_and_file(used_site, tmp_path, capsys):
    before_tables, before_files = _tables(), _files()
    assert any(key.startswith("PRIVATE_MEDIA_ROOT/") for key in before_files)
    assert any(key.startswith("MEDIA_ROOT/") for key in before_files)
    call_command("backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("tashbeek-*.tar.gz")
    # Then the site is used on: a row deleted, one added, files lost and added.
    Organisation.objects.filter(pk=used_site.pk).delete()
    OrganisationFactory(names={"en": "Added after the backup"})
    for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"):
        path.unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("after")
    assert _tables() != before_tables
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))
    call_command("restore", str(archive), "--yes")
    assert _tables() == before_tables
    assert _files() == before_files
    assert "Restored the backup" in capsys.readouterr().out


def test_a_damaged_archive_is_refused_and_changes_nothing(used_site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    tables = _tables()
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name.startswith("private/") and member.isfile():
                content = b"tampered"
                member.size = len(content)
                data = io.BytesIO(content)
            target.addfile(member, data)
    with pytest.raises(CommandError, match="do not match"):
        call_command("restore", str(damaged), "--yes")
    (tmp_path / "not-a-backup.tar.gz").write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", str(tmp_path / "not-a-backup.tar.gz"), "--yes")
    assert _tables() == tables
