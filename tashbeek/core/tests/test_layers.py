"""Dependencies point one way (issue 18.3): an app imports only apps below it in LAYERS, at
module level or inside a function alike, so no import can hide a cycle. Higher apps reach
into lower apps' pages through slots (core.slots) and into search through its registry
(search.sources.register); the project modules (urls.py, api_urls.py, settings) sit above
every app. docs/ARCHITECTURE.md draws the same layers."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Lowest first. An app may import itself and anything before it, nothing after it.
LAYERS = [
    "core",
    "api",
    "accounts",
    "notifications",
    "search",
    "members",
    "communities",
    "events",
    "discussions",
    "library",
    "workplans",
    "needs",
    "experiences",
    "governance",
    "cooperation",
    "demo",
]


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _app_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) > 1 and parts[0] in LAYERS and "tests" not in parts:
            yield parts[0], path


def test_every_app_is_in_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps - {"settings", "tests", "locale"} == set(LAYERS) - {"api"}


def test_no_app_imports_a_higher_one():
    rank = {app: i for i, app in enumerate(LAYERS)}
    wrong = []
    for app, path in _app_modules():
        for line, module in _imports(path):
            parts = module.split(".")
            ours = parts[0] == "tashbeek" and len(parts) > 1 and parts[1] in rank
            if ours and rank[parts[1]] > rank[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert wrong == [], "lower apps import higher ones:\n" + "\n".join(wrong)


def test_core_and_api_know_no_app():
    for app, path in _app_modules():
        if app in ("core", "api"):
            for line, module in _imports(path):
                parts = module.split(".")
                assert not (parts[0] == "tashbeek" and parts[1] not in ("core", "api")), (
                    f"{path.relative_to(ROOT)}:{line} imports {module}"
                )
