"""Importing experiences from JSONL or CSV, all or nothing.

One experience per line (or CSV row): external_id (unique), language (ar, fr, en, he),
title, summary, optional body, themes (a list; in CSV separated by ";" or "|"),
organisation (a name: linked to the directory when a name matches, else kept as text),
country (ISO 3166 alpha-2), source_url. Every row is checked before anything is written;
one bad row means nothing is imported and the report lists every bad row. Importing again
updates the experiences with the same external_id.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from tashbeek.core.audit import current_ip
from tashbeek.core.models import AuditEntry, Theme
from tashbeek.core.text import normalise
from tashbeek.members.models import Organisation
from tashbeek.search.services import index_many

from .models import Experience

LANGUAGES = ("ar", "fr", "en", "he")
LIMITS = {"external_id": 100, "title": 255, "summary": 2000, "organisation": 255, "body": 20000}
REQUIRED = ("external_id", "language", "title", "summary", "organisation")
BATCH = 1000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class ImportRejected(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict | None, str]]:
    """(line number, row or None, error) for each line of a JSONL or CSV file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [(0, None, _("The file is not UTF-8 text."))]
    if filename.lower().endswith(".csv"):
        return _csv_rows(text)
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            rows.append((number, None, _("Not valid JSON: %s") % error.msg))
            continue
        if not isinstance(row, dict):
            rows.append((number, None, _("Each line must be one JSON object.")))
            continue
        rows.append((number, row, ""))
    return rows


def _csv_rows(text: str) -> list[tuple[int, dict | None, str]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        number = reader.line_num
        if None in row:
            rows.append((number, None, _("This row has more cells than the header.")))
            continue
        themes = row.get("themes") or ""
        separator = ";" if ";" in themes else "|"
        row["themes"] = [theme.strip() for theme in themes.split(separator) if theme.strip()]
        rows.append((number, row, ""))
    return rows


def _text(row: dict, name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("“%(field)s” must be text.") % {"field": name})
    return value.strip()


def clean_row(row: dict) -> dict:
    """The row's values, checked; ValidationError with every problem of the row."""
    problems, clean = [], {}
    for name in ("external_id", "language", "title", "summary", "body", "organisation"):
        try:
            clean[name] = _text(row, name)
        except ValidationError as error:
            problems += error.messages
            clean[name] = ""
    problems += [_("“%(field)s” is missing.") % {"field": n} for n in REQUIRED if not clean[n]]
    problems += [
        _("“%(field)s” is longer than %(limit)d characters.") % {"field": n, "limit": limit}
        for n, limit in LIMITS.items()
        if len(clean[n]) > limit
    ]
    if clean["language"] and clean["language"] not in LANGUAGES:
        problems.append(_("The language must be one of ar, fr, en, he."))
    clean["country"] = _country(row, problems)
    clean["source_url"] = _url(row, problems)
    clean["themes"] = _themes(row, problems)
    if problems:
        raise ValidationError(problems)
    return clean


def _country(row: dict, problems: list) -> str:
    country = str(row.get("country") or "").strip().upper()
    if country and country not in countries:
        problems.append(_("“%(value)s” is not an ISO 3166 country code.") % {"value": country})
    return country


def _url(row: dict, problems: list) -> str:
    url = str(row.get("source_url") or "").strip()
    limit = Experience._meta.get_field("source_url").max_length
    if len(url) > limit:
        message = _("“%(field)s” is longer than %(limit)d characters.")
        problems.append(message % {"field": "source_url", "limit": limit})
    elif url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(_("The source_url is not a web address."))
    return url


def _themes(row: dict, problems: list) -> list[str]:
    themes = row.get("themes") or []
    if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
        problems.append(_("“themes” must be a list of words."))
        return []
    return [theme.strip().lower()[:60] for theme in themes if theme.strip()][:30]


def check(rows) -> list[dict]:
    """Every row cleaned, or ImportRejected listing every bad row."""
    errors, cleaned, seen = [], [], {}
    for number, row, error in rows:
        if row is None:
            errors.append((number, error))
            continue
        try:
            clean = clean_row(row)
        except ValidationError as invalid:
            errors.append((number, " ".join(invalid.messages)))
            continue
        if clean["external_id"] in seen:
            message = _("external_id “%(id)s” is already on line %(line)d.")
            errors.append(
                (number, message % {"id": clean["external_id"], "line": seen[clean["external_id"]]})
            )
            continue
        seen[clean["external_id"]] = number
        cleaned.append(clean)
    if not rows:
        errors.append((0, _("The file has no experiences.")))
    if errors:
        raise ImportRejected(errors)
    return cleaned


@transaction.atomic
def experiences_import(
    *, rows, by=None, publish: bool = True, source: str = "", embed: bool = True, progress=None
) -> ImportReport:
    """Create or update (by external_id) the experiences of checked rows, and index them;
    `progress(done, total)` is called after each batch."""
    cleaned = check(rows)
    report = ImportReport()
    organisations = _organisations()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for start in range(0, len(cleaned), BATCH):
        batch = cleaned[start : start + BATCH]
        saved = _save_batch(batch, organisations, themes, by, publish, report)
        _audit(saved, by, source)
        index_many(saved, embed=embed)
        if progress:
            progress(start + len(batch), len(cleaned))
    return report


def _organisations() -> dict[str, int]:
    found = {}
    for pk, names in Organisation.objects.values_list("pk", "names"):
        for name in (names or {}).values():
            found.setdefault(normalise(name), pk)
    return found


def _save_batch(batch, organisations, themes, by, publish, report) -> list[Experience]:
    existing = Experience.objects.in_bulk(
        [row["external_id"] for row in batch], field_name="external_id"
    )
    now = timezone.now()
    fresh, changed = [], []
    for row in batch:
        experience = existing.get(row["external_id"]) or Experience(
            external_id=row["external_id"], created_by=by
        )
        experience.language = row["language"]
        experience.title = row["title"]
        experience.summary = row["summary"]
        experience.solution = row["body"]
        experience.organisation_id = organisations.get(normalise(row["organisation"]))
        experience.organisation_name = "" if experience.organisation_id else row["organisation"]
        experience.country = row["country"]
        experience.source_url = row["source_url"]
        experience.keywords = [slug for slug in row["themes"] if slug not in themes]
        experience._theme_ids = [themes[slug].pk for slug in row["themes"] if slug in themes]
        if publish and experience.status != Experience.Status.PUBLISHED:
            experience.status = Experience.Status.PUBLISHED
            experience.published_at = now
        experience.updated_at = now
        (changed if experience.pk else fresh).append(experience)
    fields = ["language", "title", "summary", "solution", "organisation_id", "organisation_name"]
    fields += ["country", "source_url", "keywords", "status", "published_at", "updated_at"]
    Experience.objects.bulk_update(changed, fields)
    Experience.objects.bulk_create(fresh)
    report.created += len(fresh)
    report.updated += len(changed)
    saved = changed + fresh
    _set_themes(saved)
    return saved


def _set_themes(saved: list[Experience]) -> None:
    through = Experience.themes.through
    through.objects.filter(experience_id__in=[e.pk for e in saved]).delete()
    through.objects.bulk_create(
        [through(experience_id=e.pk, theme_id=pk) for e in saved for pk in e._theme_ids]
    )


def _audit(saved: list[Experience], by, source: str) -> None:
    authenticated = by is not None and getattr(by, "is_authenticated", False)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=by if authenticated else None,
            actor_label=str(by) if authenticated else "",
            action="experiences.experience.imported",
            object_type="experiences.experience",
            object_id=str(e.pk),
            object_label=e.title[:255],
            after={"external_id": e.external_id, "status": e.status},
            reason=source,
            ip_address=current_ip.get(),
        )
        for e in saved
    )
