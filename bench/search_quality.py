"""Search and matchmaking quality on the development set (a benchmark, not a timed test).

Imports ../shared/eval/search-dev/corpus.jsonl with `manage.py import_experiences` into a
fresh database, runs every query of queries.jsonl through GET /api/v1/search/ and POST
/api/v1/match/ (in-process, as a visitor), and reports nDCG@10, Recall@10 and MRR@10
against qrels.tsv — overall, per query language and for cross-lingual queries — beside a
baseline measured in the same run: BM25 over the raw words (SQLite FTS5, no normalisation,
no stemming, no stop words, no embeddings).

    .venv/bin/python bench/search_quality.py [--data ../shared/eval/search-dev] [--json out]
"""

import argparse
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "search-dev"
K = 10


def load(data: Path):
    corpus = [json.loads(line) for line in (data / "corpus.jsonl").open(encoding="utf-8")]
    queries = [json.loads(line) for line in (data / "queries.jsonl").open(encoding="utf-8")]
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for number, line in enumerate((data / "qrels.tsv").open(encoding="utf-8")):
        if number == 0 or not line.strip():
            continue
        query, doc, grade = line.rstrip("\n").split("\t")
        qrels[query][doc] = int(grade)
    return corpus, queries, qrels


def ndcg(ranked: list[str], judged: dict[str, int]) -> float:
    gain = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:K]))
    ideal = sorted(judged.values(), reverse=True)[:K]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], judged: dict[str, int]) -> float:
    relevant = {d for d, g in judged.items() if g >= 1}
    return len(relevant & set(ranked[:K])) / len(relevant) if relevant else 0.0


def mrr(ranked: list[str], judged: dict[str, int]) -> float:
    for position, doc in enumerate(ranked[:K], start=1):
        if judged.get(doc, 0) == 2:
            return 1 / position
    return 0.0


def scores(runs: dict[str, list[str]], queries, qrels) -> dict:
    """{group: {metric: mean}} for all queries, each language and cross-lingual ones."""
    groups = defaultdict(list)
    for query in queries:
        ranked, judged = runs[query["id"]], qrels[query["id"]]
        row = {"nDCG@10": ndcg(ranked, judged), "R@10": recall(ranked, judged)}
        row["MRR@10"] = mrr(ranked, judged)
        groups["all"].append(row)
        groups[query["language"]].append(row)
        groups["cross-lingual" if query["cross_lingual"] else "same-language"].append(row)
    return {
        group: {m: round(sum(r[m] for r in rows) / len(rows), 3) for m in rows[0]}
        | {"n": len(rows)}
        for group, rows in groups.items()
    }


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


def prepare(data: Path, workdir: Path) -> dict:
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
    subprocess.run(
        [*manage, "import_experiences", str(data / "corpus.jsonl")], cwd=ROOT, env=env, check=True
    )
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
    groups = ["all", "ar", "fr", "en", "cross-lingual", "same-language"]
    lines = ["| system | metric | " + " | ".join(groups) + " |"]
    lines.append("|" + "---|" * (len(groups) + 2))
    for system, by_group in results.items():
        for metric in ("nDCG@10", "R@10", "MRR@10"):
            cells = [f"{by_group[g][metric]:.3f}" if g in by_group else "–" for g in groups]
            lines.append(f"| {system} | {metric} | " + " | ".join(cells) + " |")
    counts = " | ".join(
        str(results["baseline"][g]["n"]) for g in groups if g in results["baseline"]
    )
    lines.append(f"\nqueries per group: {counts}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    corpus, queries, qrels = load(args.data)
    with tempfile.TemporaryDirectory() as workdir:
        env = prepare(args.data, Path(workdir))
        os.environ.update(env)
        search_runs, match_runs = through_api(queries)
    results = {
        "baseline": scores(baseline(corpus, queries), queries, qrels),
        "search API": scores(search_runs, queries, qrels),
        "match API": scores(match_runs, queries, qrels),
    }
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
