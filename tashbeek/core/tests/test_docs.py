"""The docs name only what exists: every file path, management command, make target, dotted
Python name, setting and URL written in `code` in README.md and docs/*.md is checked here, so
a rename or a removal that leaves the docs behind fails the suite."""

import importlib
import importlib.util
import os
import re
from functools import cache
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[3]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)#\s]+)\)")
PATH = re.compile(r"^[\w.-]+(/[\w.-]+)*/?$")
SUFFIXES = (".py", ".md", ".html", ".toml", ".lock", ".json", ".txt", ".css", ".js", ".png")
SETTING = re.compile(r"^[A-Z][A-Z0-9_]{3,}(=.*)?$")
DOTTED = re.compile(
    r"^(core|api|members|communities|events|library|experiences|needs|"
    r"discussions|workplans|search|governance|cooperation|notifications)"
    r"(\.\w+)+$"
)


# Named in the docs on purpose though they are not in the code: what we do not do, a place
# made at run time, the secrets convention, names inside a test, and SQL words.
NOT_CHECKED = {
    "/ar/",  # "the language is not in the URL (no /ar/ prefix)"
    "var/demo-mail/",  # written by `make run` when the demo sends mail
    "NAME_FILE",  # any setting FOO may be read from the file named by FOO_FILE
    "LAYERS",  # the layers' list in core/tests/test_layers.py
    *("COUNT", "DISTINCT", "EXISTS", "LIKE"),
}


def references() -> list[tuple[str, str]]:
    """(document name, reference) for every code span and relative link of the docs."""
    found = []
    for doc in DOCS:
        text = doc.read_text()
        found += [(doc.name, ref.strip()) for ref in CODE.findall(text)]
        found += [(doc.name, ref) for ref in LINK.findall(text) if "://" not in ref]
    return found


@cache
def tracked() -> list[str]:
    """The project's files and folders, without walking into the virtualenv, the caches or
    run-time folders (a reference starting with a dot is never looked up here)."""
    skip = {"node_modules", "var", "__pycache__", "staticfiles", "media"}
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith(".")]
        base = Path(folder).relative_to(ROOT)
        found += [(base / name).as_posix() for name in [*dirs, *files]]
    return found


def path_exists(ref: str) -> bool:
    """A path from the repository root, from `tashbeek/`, or (for a short one such as
    `core/files.py` or `search.py`) the end of some file's path."""
    ref = ref.removeprefix("./").rstrip("/")
    if (ROOT / ref).exists() or (ROOT / "tashbeek" / ref).exists():
        return True
    return any(path == ref or path.endswith(f"/{ref}") for path in tracked())


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([\w-]+):", text, re.M))


def dotted_exists(ref: str) -> bool:
    """`core.money.split` (a module and its attribute), `workplans.WorkPlanItem` (a model),
    `events.Registration.experience` (a model's field) or `library.change_document` (a rule)."""
    if rules.perm_exists(ref):
        return True
    parts = ref.split(".")
    try:
        target = apps.get_model(*parts[:2])
    except (LookupError, ValueError):
        pass
    else:
        return all(hasattr(target, name) for name in parts[2:])
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module("tashbeek." + ".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def setting_exists(ref: str) -> bool:
    name = ref.split("=")[0]
    if name == "DJANGO_SETTINGS_MODULE":
        return importlib.util.find_spec(ref.split("=")[1]) is not None
    if hasattr(settings, name):
        return True
    # Environment variables read by settings/env.py (DATABASE_URL, …).
    return any(name in path.read_text() for path in (ROOT / "tashbeek" / "settings").glob("*.py"))


def url_exists(ref: str) -> bool:
    """The URL resolves, with `<id>`-style placeholders standing for a number or a slug."""
    path = re.sub(r"<(id|pk|number)>", "1", ref.split("?")[0])
    try:
        resolve(re.sub(r"<\w+>", "x", path))
    except Resolver404:
        return False
    return True


def problem(ref: str) -> str | None:
    """What is wrong with one reference, or None (also for text that names nothing we check)."""
    words = ref.split()
    if ref in NOT_CHECKED:
        return None
    if words[:1] == ["manage.py"] and len(words) > 1:
        return None if words[1] in get_commands() else "no such management command"
    if words[:1] == ["make"] and len(words) > 1:
        return None if words[1] in makefile_targets() else "no such make target"
    if " " in ref:
        return None
    if ref.startswith("/") and not ref.startswith("//"):
        return None if url_exists(ref) else "no such URL"
    if DOTTED.match(ref) and not ref.endswith(SUFFIXES):
        return None if dotted_exists(ref) else "no such Python name"
    if SETTING.match(ref):
        return None if setting_exists(ref) else "no such setting"
    if PATH.match(ref) and ("/" in ref or ref.endswith(SUFFIXES)) and not ref.startswith("."):
        return None if path_exists(ref) else "no such file"
    return None


def test_every_reference_in_the_docs_exists():
    wrong = sorted({f"{doc}: `{ref}`: {why}" for doc, ref in references() if (why := problem(ref))})
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("manage.py send_mail_outbox", None),
        ("manage.py no_such_command", "no such management command"),
        ("make test", None),
        ("make nothing", "no such make target"),
        ("core/web.py", None),
        ("core/nowhere.py", "no such file"),
        ("core.money.split", None),
        ("core.money.nothing", "no such Python name"),
        ("workplans.WorkPlanItem", None),
        ("DATABASE_URL", None),
        ("NO_SUCH_SETTING", "no such setting"),
        ("/healthz", None),
        ("/no/such/page/", "no such URL"),
        ("/communities/<slug>/plan/", None),
        ("events.Registration.experience", None),
        ("events.Registration.nothing", "no such Python name"),
        ("library.change_document", None),
        ("DJANGO_SETTINGS_MODULE=tashbeek.settings.prod", None),
        ("DJANGO_SETTINGS_MODULE=tashbeek.settings.nowhere", "no such setting"),
        ("a phrase with words", None),
    ],
)
def test_each_kind_of_reference_is_checked(ref, expected):
    assert problem(ref) == expected
