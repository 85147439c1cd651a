"""Search and matchmaking speed at 100,000 experiences (a benchmark, not a timed test).

For each database: seeds the synthetic network (bench/directory.py), writes N synthetic
experiences (mixed ar/fr/en, sentences recombined from the search-dev corpus so the words and
their frequencies are those of real write-ups), then measures indexing:

- import: `experiences_import` of the whole file (parse, check, create, audit, index), per s;
- index: the same experiences' entries dropped and rebuilt by `reindex` (analyser + bulk
  writes + FTS5 triggers / tsvector + GIN), per s — the issue's "indexing throughput";
- embed: the two sentence encoders (USE v3 and E5) on the CPU, per s, timed on the first 200
  entries; the others get vectors composed from their parts' (see COMPOSE).

Then serves the app with gunicorn (2 workers, DEBUG off) and reports p50/p95 and requests/s of
the search API for one-to-three-word queries and for sentence queries, and of the match API
for sentence needs, each beside /healthz served by the same server in the same run; at one
client (the latency a person sees) and at C concurrent clients (throughput).

    .venv/bin/python bench/search_speed.py --database sqlite --database postgres
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import ROOT, _drive, _prepare, _psql, _serve, report, shell  # noqa: E402

SHARED_DEV = ROOT.parent / "shared" / "eval" / "search-dev"
DEV = SHARED_DEV if SHARED_DEV.exists() else ROOT / "tashbeek/search/tests/data/search-dev"
SHORT_QUERIES = [
    "النفايات",
    "النفـايات",  # with tatweel: the analyser's variants cost nothing extra
    "فرز النفايات",
    "النقل المدرسى",
    "الطاقة الشمسية",
    "المياه العادمة الصرف",
    "déchets",
    "transport scolaire",
    "éclairage public LED",
    "water",
    "solar street lighting",
    "citizen complaints",
]
PLACES = {
    "ar": ["أورير", "الخليل", "جنين", "الناصرة", "مكناس", "بنجرير", "العرائش", "نابلس", "سخنين"],
    "fr": ["Aourir", "Meknès", "Khémisset", "Larache", "Béni Mellal", "Agadir", "Tiznit"],
    "en": ["Hebron", "Nablus", "Jenin", "Irbid", "Sfax", "Tripoli", "Saida", "Zarqa"],
}

COMPOSE = """
import numpy as np
from tashbeek.search import embeddings


def compose_vectors(parts):
    # Each synthetic experience's [USE | E5] vector is the normalised sum of its title's and
    # its sentences' vectors, each distinct text encoded once: search speed does not depend
    # on the values, and encoding 100,000 write-ups with E5 (~5/s per core) takes hours.
    texts = sorted({text for texts in parts.values() for text in texts})
    encoded = {}
    for start in range(0, len(texts), 64):
        batch = texts[start : start + 64]
        encoded.update(zip(batch, embeddings.encode_passages(batch)))
    split = embeddings.USE_DIMENSIONS
    composed = {}
    for key, texts in parts.items():
        total = np.sum([encoded[text] for text in texts], axis=0)
        first, second = total[:split], total[split:]
        composed[key] = np.concatenate(
            [first / np.linalg.norm(first), second / np.linalg.norm(second)]
        ).astype(np.float32)
    return composed
"""

INDEXING = """
import json, os, time
from django.utils import timezone
from tashbeek.experiences.importing import experiences_import, read_rows
from tashbeek.search.models import SearchEntry
from tashbeek.search.services import reindex

rows = read_rows(open({file!r}, "rb").read(), "corpus.jsonl")
started = time.perf_counter()
report = experiences_import(rows=rows, embed=False)
imported = time.perf_counter() - started
SearchEntry.objects.filter(kind="experience").delete()
started = time.perf_counter()
indexed = reindex(["experience"], embed=False)
index_seconds = time.perf_counter() - started
entries = list(SearchEntry.objects.filter(kind="experience").only("pk", "external_id"))
embedded, embed_seconds = 0, 0.0
if not os.path.exists({vectors!r}):  # computed for the first database, copied to the next
    # The real encoders on a sample give the rate; the other vectors are composed.
    sample = [entry.pk for entry in entries[:{sample}]]
    started = time.perf_counter()
    embedded = embeddings.embed_entries(sample)
    embed_seconds = time.perf_counter() - started
    composed = compose_vectors(json.load(open({parts!r}, encoding="utf-8")))
    real = SearchEntry.objects.filter(pk__in=sample).values_list("external_id", "embedding")
    composed.update({{key: np.frombuffer(bytes(blob), dtype=np.float32) for key, blob in real}})
    ids = sorted(composed)
    np.savez({vectors!r}, ids=np.array(ids), vectors=np.stack([composed[i] for i in ids]))
saved = np.load({vectors!r})
by_id = dict(zip(saved["ids"].tolist(), saved["vectors"]))
for entry in entries:
    entry.embedding = by_id[entry.external_id].tobytes()
    entry.embedded_at = timezone.now()
SearchEntry.objects.bulk_update(entries, ["embedding", "embedded_at"], batch_size=2000)
print(json.dumps({{"created": report.created, "import_s": imported, "indexed": indexed,
                  "index_s": index_seconds, "embedded": embedded, "embed_s": embed_seconds}}))
"""
# Entries embedded by the real encoders, for the rate; the rest get composed vectors.
SAMPLE = 200


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!؟?;؛])\s+", text) if len(s.strip()) > 20]


def write_corpus(path: Path, count: int, seed: int = 7) -> None:
    """N experiences recombined from the dev corpus: 40 % Arabic, 30 % French, 30 % English;
    and beside it (.parts.json) the texts each one is made of."""
    parts = {}
    dev = [json.loads(line) for line in (DEV / "corpus.jsonl").open(encoding="utf-8")]
    by_language: dict[str, list[dict]] = {}
    pools: dict[str, list[str]] = {}
    for doc in dev:
        by_language.setdefault(doc["language"], []).append(doc)
        pools.setdefault(doc["language"], []).extend(_sentences(doc["summary"]))
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            language = rng.choices(("ar", "fr", "en"), weights=(4, 3, 3))[0]
            base = rng.choice(by_language[language])
            place = rng.choice(PLACES[language])
            summary_parts = rng.sample(pools[language], k=min(4, len(pools[language])))
            summary = " ".join(summary_parts)
            row = {
                "external_id": f"speed-{number:06d}",
                "language": language,
                "title": f"{base['title']} — {place}"[:255],
                "summary": summary[:2000],
                "themes": base.get("themes", []),
                "organisation": f"{place} {number % 997}",
                "country": base.get("country", ""),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            parts[row["external_id"]] = [base["title"], *summary_parts]
    path.with_suffix(".parts.json").write_text(json.dumps(parts, ensure_ascii=False))


def _index(url: str, corpus: Path) -> dict:
    """Import, reindex and embed; the embeddings (the same whatever the database) are
    computed for the first database and copied into the next."""
    script = COMPOSE + INDEXING.format(
        file=str(corpus),
        vectors=str(corpus.with_suffix(".npz")),
        parts=str(corpus.with_suffix(".parts.json")),
        sample=SAMPLE,
    )
    return json.loads(shell(url, script).strip().splitlines()[-1])


def _paths() -> dict[str, list[str]]:
    needs = [json.loads(line)["text"] for line in (DEV / "queries.jsonl").open(encoding="utf-8")]
    quote = urllib.parse.quote
    return {
        "search API, 1–3 words": [f"/api/v1/search/?q={quote(q)}" for q in SHORT_QUERIES],
        "search API, sentences": [f"/api/v1/search/?q={quote(q)}" for q in needs],
        "match API, sentences": [f"/api/v1/match/?limit=10&text={quote(q)}" for q in needs],
    }


def run(database: str, args, corpus: Path) -> tuple[list[dict], dict]:
    with tempfile.TemporaryDirectory() as tmp:
        url = _prepare(database, args.organisations, Path(tmp))
        indexing = {"database": database, **_index(url, corpus)}
        if database == "postgres":
            # Deleting and rebuilding every entry (to time indexing) left a dead version of
            # each search_rank row, which ranking would read too: compact the search tables
            # to the state an import leaves, then vacuum as after any bulk load.
            for sql in ("VACUUM FULL search_rank", "VACUUM FULL search_searchentry"):
                _psql("tashbeek_bench", sql)
            _psql("tashbeek_bench", "VACUUM ANALYZE")
            # Write those rewrites out now: a checkpoint spread over the next minutes (the
            # server's default) would run during the measurement and slow its queries.
            _psql("tashbeek_bench", "CHECKPOINT")
        server = _serve(url, args.port)
        rows = []
        try:
            paths = _paths()
            # Warm both workers (the model and the 100k × 512 matrix load on first use) and
            # the caches: each query's first run reads its pages from disk, which with 12
            # queries would be the slowest 5 % of a short run. Steady state is measured.
            _drive(args.port, paths["match API, sentences"], 2, 8.0)
            for targets in paths.values():
                _drive(args.port, targets, 2, 3.0)
            for clients in args.clients:
                pages = [("/healthz (baseline)", ["/healthz"]), *paths.items()]
                for label, targets in pages:
                    result = _drive(args.port, targets, clients, args.seconds)
                    page = f"{label} ({clients} client{'s' if clients > 1 else ''})"
                    rows.append({"database": database, "page": page, **result})
        finally:
            server.terminate()
            server.wait()
    for row in rows:
        baseline = next(
            r
            for r in rows
            if r["page"].startswith("/healthz")
            and r["page"].endswith(row["page"][row["page"].rfind("(") :])
        )
        row["ratio"] = row["rps"] / baseline["rps"]
    return rows, indexing


def print_indexing(results: list[dict]) -> None:
    print("| database | experiences | import /s | index /s | embeddings /s |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        if not r["embedded"]:
            r["embedded"], r["embed_s"] = results[0]["embedded"], results[0]["embed_s"]
        if not r["embedded"]:
            r["embedded"], r["embed_s"] = 0, float("nan")  # copied, not computed
        print(
            f"| {r['database']} | {r['indexed']:,} | {r['created'] / r['import_s']:.0f} | "
            f"{r['indexed'] / r['index_s']:.0f} | {r['embedded'] / max(r['embed_s'], 1e-9):.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--experiences", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--clients", type=int, action="append")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--port", type=int, default=8768)
    parser.add_argument(
        "--embeddings-from",
        type=Path,
        help="an .npz saved by an earlier run with the same --experiences: copy its vectors "
        "instead of computing them (the embedding rate is then not measured)",
    )
    args = parser.parse_args()
    args.clients = args.clients or [1, 8]
    # One thread per process for numpy and the E5 engine, as the issue measures.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    rows, indexing = [], []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.experiences)
        if args.embeddings_from:
            shutil.copy(args.embeddings_from, corpus.with_suffix(".npz"))
        for database in args.database or ["sqlite", "postgres"]:
            found, indexed = run(database, args, corpus)
            rows += found
            indexing.append(indexed)
            print(json.dumps(indexed), flush=True)
    print_indexing(indexing)
    report(rows, "search_speed")
    (ROOT / "bench" / "results" / "search_indexing.json").write_text(json.dumps(indexing, indent=2))


if __name__ == "__main__":
    main()
