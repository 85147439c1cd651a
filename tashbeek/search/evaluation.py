"""Ranking quality measures shared by the quality benchmark and the tests that guard a
floor: nDCG@10 with graded judgements (0, 1, 2), Recall@10 (grade ≥ 1 counts) and MRR@10
(the first grade-2 answer), overall, per need language and cross-lingual vs not.

An evaluation set is a folder of corpus.jsonl (experiences, as `import_experiences` reads
them), queries.jsonl (`id`, `language`, `text`, `cross_lingual`) and qrels.tsv
(`query_id  doc_id  grade`, with a header line)."""

import json
import math
from collections import defaultdict
from pathlib import Path

K = 10


def load(data: Path, *more: Path):
    """(corpus, queries, qrels) of a set; the corpora of `more` sets are added to its own."""
    corpus = [
        json.loads(line)
        for folder in (data, *more)
        for line in (folder / "corpus.jsonl").open(encoding="utf-8")
    ]
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
    """{group: {metric: mean, "n": count}} for all queries, each language, cross-lingual
    and same-language ones."""
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
