"""What the query-vector cache earns on a need's page (a benchmark, not a timed test).

A need's page matches the need's text on every view. Imports the development corpus into a
fresh SQLite database (as bench/search_quality.py does), then, in one process and one thread
(`OPENBLAS_NUM_THREADS=1`), posts each development need to /api/v1/match/ as a page view
would, several times in a row, with SEARCH_QUERY_VECTOR_CACHE_SECONDS off and on, in
alternating rounds, beside GET /healthz through the same client.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/query_vectors.py [--views 5] [--rounds 3]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import DEFAULT_DATA, prepare  # noqa: E402

from tashbeek.search.evaluation import load  # noqa: E402


def _time(client, call, repeat: int) -> list[float]:
    took = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = call(client)
        took.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return took


def measure(queries: list[dict], views: int, rounds: int) -> dict[str, list[float]]:
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    times: dict[str, list[float]] = {"/healthz": [], "match, cache off": [], "match, cache on": []}
    for _round in range(rounds):
        cache.clear()  # every round starts cold: the first view of each need encodes
        times["/healthz"] += _time(client, lambda c: c.get("/healthz"), 50)
        for label, seconds in (("match, cache off", 0), ("match, cache on", 3600)):
            with override_settings(SEARCH_QUERY_VECTOR_CACHE_SECONDS=seconds):
                for query in queries:
                    body = {"text": query["text"], "limit": 10}
                    times[label] += _time(
                        client,
                        lambda c, b=body: c.post(
                            "/api/v1/match/", b, content_type="application/json"
                        ),
                        views,
                    )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--views", type=int, default=5, help="views of each need in a row")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus, queries, _qrels = load(args.data)
    with tempfile.TemporaryDirectory() as workdir:
        os.environ.update(prepare(corpus, Path(workdir)))
        os.environ["API_THROTTLE_ANON"] = "1000000/min"
        times = measure(queries, args.views, args.rounds)
    base = statistics.median(times["/healthz"])
    print(f"{len(queries)} needs × {args.views} views × {args.rounds} rounds, one thread")
    print("| request | p50 ms | p95 ms | mean ms | mean ÷ /healthz p50 |")
    print("|---|---:|---:|---:|---:|")
    for label, took in times.items():
        took = sorted(took)
        p95 = took[int(len(took) * 0.95) - 1]
        mean = statistics.fmean(took)
        cells = [f"{statistics.median(took) * 1000:.1f}", f"{p95 * 1000:.1f}"]
        cells += [f"{mean * 1000:.1f}", f"{mean / base:.0f}×"]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
