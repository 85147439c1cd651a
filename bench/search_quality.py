"""Search and matchmaking quality on the development set (a benchmark, not a timed test).

Imports ../shared/eval/search-dev/corpus.jsonl with `manage.py import_experiences` into a
fresh database, runs every query of queries.jsonl through GET /api/v1/search/ and POST
/api/v1/match/ (in-process, as a visitor), and reports nDCG@10, Recall@10 and MRR@10
against qrels.tsv — overall, per query language and for cross-lingual queries — beside a
baseline measured in the same run: BM25 over the raw words (SQLite FTS5, no normalisation,
no stemming, no stop words, no embeddings).

Then the same for our own Hebrew set (tashbeek/search/tests/data/search-he: Hebrew needs and
documents, plus needs in the other languages whose answers include Hebrew documents), over
the development corpus and the Hebrew documents together, reported apart; and for our own
Arabic word-form set (search-ar-forms: keyword queries of one to three words written in
other forms than the documents use — singular for plural, with or without the article —
and place names, which stemming must not break), over the development corpus and four
documents of its own.

    .venv/bin/python bench/search_quality.py [--data ../shared/eval/search-dev] [--json out]
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_DATA = ROOT / "tashbeek" / "search" / "tests" / "data"
SHARED = ROOT.parent / "shared" / "eval" / "search-dev"
# The tests' copy of the development set when the shared folder is not beside the checkout.
DEFAULT_DATA = SHARED if SHARED.exists() else OWN_DATA / "search-dev"
OWN_SETS = {
    "own Hebrew set": OWN_DATA / "search-he",
    "own Arabic word-form set": OWN_DATA / "search-ar-forms",
}
SETS = ("development set", *OWN_SETS)

sys.path.insert(0, str(ROOT))
from tashbeek.search.evaluation import K, load, scores  # noqa: E402


def baseline(corpus, queries) -> dict[str, list[str]]:
    """BM25 over raw words: what full text gives without the analyser."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body)")
    db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?)",
        [(d["external_id"], d["title"], d["summary"] + " " + d["organisation"]) for d in corpus],
    )
    runs = {}
    for query in queries:
        words = {w.lower() for w in _raw_words(query["text"])}
        match = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 4, 1) LIMIT ?",
            (match, K),
        )
        runs[query["id"]] = [row[0] for row in rows]
    return runs


def _raw_words(text: str) -> list[str]:
    import re

    return [w for w in re.findall(r"[^\W_]+", text) if w]


def prepare(corpus: list[dict], workdir: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'quality.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tashbeek.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    path = workdir / "corpus.jsonl"
    path.write_text("".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in corpus))
    subprocess.run([*manage, "import_experiences", str(path)], cwd=ROOT, env=env, check=True)
    return env


def through_api(queries) -> tuple[dict, dict]:
    """The search and match APIs' rankings of every query, as a visitor sees them."""
    import django

    django.setup()
    from django.test import Client

    client = Client()
    search_runs, match_runs = {}, {}
    for query in queries:
        answer = client.get(
            "/api/v1/search/", {"q": query["text"][:500], "type": "experience"}
        ).json()
        search_runs[query["id"]] = [r["external_id"] for r in answer["results"]][:K]
        answer = client.post(
            "/api/v1/match/", {"text": query["text"], "limit": K}, content_type="application/json"
        ).json()
        match_runs[query["id"]] = [r["external_id"] for r in answer["results"]]
    return search_runs, match_runs


def table(results: dict) -> str:
    groups = ["all", "ar", "he", "fr", "en", "cross-lingual", "same-language"]
    lines = ["| system | metric | " + " | ".join(groups) + " |"]
    lines.append("|" + "---|" * (len(groups) + 2))
    for system, by_group in results.items():
        for metric in ("nDCG@10", "R@10", "MRR@10"):
            cells = [f"{by_group[g][metric]:.3f}" if g in by_group else "–" for g in groups]
            lines.append(f"| {system} | {metric} | " + " | ".join(cells) + " |")
    counts = " | ".join(
        f"{g} {results['baseline'][g]['n']}" for g in groups if g in results["baseline"]
    )
    lines.append(f"\nqueries per group: {counts}")
    return "\n".join(lines)


def evaluate(corpus, queries, qrels) -> dict:
    """Baseline, search API and match API on one set, in a fresh database of its corpus."""
    with tempfile.TemporaryDirectory() as workdir:
        os.environ.update(prepare(corpus, Path(workdir)))
        search_runs, match_runs = through_api(queries)
    return {
        "baseline": scores(baseline(corpus, queries), queries, qrels),
        "search API": scores(search_runs, queries, qrels),
        "match API": scores(match_runs, queries, qrels),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--set", choices=SETS, help="one set only (Django is set up once per process)"
    )
    args = parser.parse_args()
    if args.set:
        folders = (args.data,) if args.set == "development set" else (OWN_SETS[args.set], args.data)
        results = {args.set: evaluate(*load(*folders))}
    else:
        results = {}
        with tempfile.TemporaryDirectory() as workdir:
            for name in SETS:
                out = Path(workdir) / "set.json"
                command = [sys.executable, __file__, "--data", str(args.data), "--set", name]
                subprocess.run([*command, "--json", str(out)], check=True)
                results |= json.loads(out.read_text())
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if not args.set:
        for name, by_system in results.items():
            print(f"\n## {name}\n\n{table(by_system)}")


if __name__ == "__main__":
    main()
