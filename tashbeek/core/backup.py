"""Backups: the database and both media folders in one archive, and back again.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL
with pg_dump's custom format and pg_restore (`--clean`, so a restore replaces every table).
The archive is a .tar.gz holding `manifest.json` (engine, time, the applied migrations and a
SHA-256 of every file), the database, `media/` (public uploads such as logos) and `private/`
(council resolutions, library files: never served directly, so never forget them)."""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"], "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


def _dump_database(target: Path) -> str:
    if _engine() == "sqlite":
        connection.ensure_connection()
        name = "database.sqlite3"
        with sqlite3.connect(target / name) as copy:
            connection.connection.backup(copy)
        copy.close()
        return name
    name = "database.pgdump"
    args, env = _pg_env()
    _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target / name), *args], env)
    return name


def _restore_database(source: Path, name: str) -> None:
    connection.close()
    if _engine() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source / name) as saved:
            saved.backup(connection.connection)
        saved.close()
        return
    args, env = _pg_env()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(source / name)], env)


def _checksums(root: Path) -> dict[str, str]:
    sums = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        sums[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def _migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def backup_create(*, output: Path) -> Path:
    """Write a backup archive to `output` (a file, or a folder to put a dated file in)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    if output.is_dir() or not output.suffix:
        output.mkdir(parents=True, exist_ok=True)
        output = output / f"tashbeek-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        manifest = {
            "format": FORMAT,
            "created": stamp,
            "engine": _engine(),
            "database": _dump_database(work_path),
            "migrations": _migrations(),
            "files": {},
        }
        for folder, setting in FOLDERS.items():
            root = Path(getattr(settings, setting))
            if root.exists():
                shutil.copytree(root, work_path / folder)
            else:
                (work_path / folder).mkdir()
            manifest["files"][folder] = _checksums(work_path / folder)
        (work_path / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            for item in sorted(work_path.iterdir()):
                archive.add(item, arcname=item.name)
        partial.replace(output)  # never a half-written archive under the final name
    return output


def _extract(archive_path: Path, into: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(into, filter="data")  # refuses absolute paths and links out
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive_path} is not a readable backup archive ({error}).") from None
    try:
        manifest = json.loads((into / "manifest.json").read_text())
    except (OSError, ValueError):
        raise BackupError(f"{archive_path} has no manifest: not a Tashbeek backup.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for folder, sums in manifest["files"].items():
        if _checksums(into / folder) != sums:
            raise BackupError(f"The files in {folder}/ do not match the manifest: damaged.")
    return manifest


def backup_restore(*, archive: Path) -> dict:
    """Replace the database and both media folders with the archive's. The archive is
    checked whole (engine, checksums) before anything is touched."""
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        manifest = _extract(archive, work_path)
        if manifest["engine"] != _engine():
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; this site runs on "
                f"{_engine()}. Use dumpdata/loaddata to move between engines."
            )
        _restore_database(work_path, manifest["database"])
        for folder, setting in FOLDERS.items():
            root = Path(getattr(settings, setting))
            if root.exists():
                shutil.rmtree(root)
            shutil.copytree(work_path / folder, root)
    return manifest
