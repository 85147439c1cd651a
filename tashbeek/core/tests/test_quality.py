"""House gates: lint, formatting, types, migrations, deploy checks, catalogues, RTL-safe CSS."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ["ar", "he", "fr", "en"]


def _run(*args, env=None):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def test_ruff_lint_and_format():
    ruff = Path(sys.executable).with_name("ruff")
    lint = _run(str(ruff), "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run(str(ruff), "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_passes():
    """Types are checked as configured in pyproject.toml: services and selectors in full,
    and every module but the listed type debt."""
    result = _run(str(Path(sys.executable).with_name("mypy")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_service_or_selector_is_type_debt():
    """Writes and reads are typed in full and checked: none may be exempted from mypy."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    exempt = [
        module
        for override in config["tool"]["mypy"]["overrides"]
        if override.get("ignore_errors")
        for module in override["module"]
    ]
    assert exempt, "the type-debt list moved: update this test"
    layer = re.compile(r"\.(services|selectors)(\.|$)")
    assert [module for module in exempt if layer.search(module)] == []


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_profile_passes_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tashbeek.settings.prod",
        "SECRET_KEY": "k" * 20 + "Qz9!x" * 10,
        "ALLOWED_HOSTS": "tashbeek.example.org",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by conftest for Playwright only
    result = _run(
        sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    po = polib.pofile(str(ROOT / "tashbeek" / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 200
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_every_template_string_is_in_the_catalogue():
    """A {% translate %} string added without updating the catalogues fails here."""
    msgids = {
        entry.msgid
        for entry in polib.pofile(str(ROOT / "tashbeek/locale/ar/LC_MESSAGES/django.po"))
    }
    pattern = re.compile(r'{%\s*translate\s+"([^"]+)"')
    missing = set()
    for template in (ROOT / "tashbeek").rglob("templates/**/*.html"):
        missing |= {s for s in pattern.findall(template.read_text()) if s not in msgids}
    assert missing == set()


def test_css_uses_logical_properties_only():
    physical = re.compile(
        r"(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)"
    )
    for sheet in (ROOT / "tashbeek").rglob("static/**/*.css"):
        offending = [line for line in sheet.read_text().splitlines() if physical.search(line)]
        assert offending == [], f"{sheet.name}: {offending}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("he", "rtl"), ("fr", "ltr")])
def test_admin_follows_the_direction(client, language, direction):
    from tashbeek.tests.factories import UserFactory

    client.force_login(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    response = client.get("/admin/members/organisation/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert f'dir="{direction}"'.encode() in response.content[:400]


def test_plain_text_e_mails_are_not_html_escaped():
    """ "Commune d'Aourir" must not arrive as "Commune d&#x27;Aourir" in a text e-mail."""
    templates = list((ROOT / "tashbeek").glob("*/templates/**/*.txt"))
    assert templates
    for template in templates:
        assert "{% autoescape off %}" in template.read_text(), template


def test_hebrew_words_end_in_final_letters():
    """A Hebrew word never ends in כ מ נ פ צ: those letters have final forms (ך ם ן ף ץ). The
    brand name read "תשביכ" on every page. A slash or geresh (gendered forms, abbreviations)
    continues the word."""
    catalogue = polib.pofile(str(ROOT / "tashbeek/locale/he/LC_MESSAGES/django.po"))
    word_end = re.compile(r"[\u05d0-\u05ea]+[כמנפצ](?![\u05d0-\u05ea'\"׳״\-־%/])")
    wrong = [
        match.group(0)
        for entry in catalogue
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        for match in word_end.finditer(text)
    ]
    assert wrong == []
