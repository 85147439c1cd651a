"""The directory page's per-process memos, each measured alone (a benchmark, not a timed test).

The directory view may keep small memos for the life of a process (`functools.lru_cache` in
members/views/directory.py); MEMOS names them (none today). Issue 18 asks that every speed-up
earn its place (15 % of the page, or it goes). This seeds N synthetic organisations as
bench/directory.py does, then renders the directory's pages in one process with Django's test
client: with every memo, and with each memo in turn bypassed (its undecorated function put in
its place), each request made in every variant one after the other, beside /healthz in the
same rounds. It reports each page's median time with and without each memo.

    .venv/bin/python bench/directory_memos.py --database postgres --database sqlite
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import ROOT, _env, _prepare  # noqa: E402

# The memos measured. On 2026-12-07 there were four (the labels per language, the sort
# options' HTML, the profile URL template, each quoted facet value); none bought 15 % and all
# were removed (PERFORMANCE.md). A memo that comes back is named here and measured.
MEMOS: tuple[str, ...] = ()
PAGES = {
    "/members/ first page": ["/members/"],
    "/members/ filtered": [
        "/members/?country=MA&kind=rural_commune&status=active&sort=-population",
        "/members/?country=TN&status=active",
        "/members/?kind=municipality&population=20k-100k",
        "/members/?country=PS&sort=-member_since",
    ],
    "/members/ name search": ["/members/?q=%D8%A7%D9%84%D9%86%D9%88%D8%B1", "/members/?q=nour"],
}


def _get(client, path: str) -> float:
    """Milliseconds for one request."""
    started = time.perf_counter()
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ar")
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def measure(rounds: int) -> list[dict]:
    """Every request of every round is made once in each variant, one right after the other
    and in a shuffled order, so that the machine's drift falls on all variants alike."""
    from django.test import Client

    from tashbeek.members.views import directory

    client = Client()
    memoised = {name: getattr(directory, name) for name in MEMOS}
    variants = ["every memo", *[f"without {name}" for name in MEMOS]]
    pages = {"/healthz (baseline)": ["/healthz"], **PAGES}
    for paths in pages.values():  # warm: the directory index, templates, connections
        for path in paths * 3:
            _get(client, path)
    order = random.Random(0)
    times: dict[tuple[str, str], list[float]] = {}
    for _round in range(rounds):
        for page, paths in pages.items():
            for path in paths:
                for variant in order.sample(variants, len(variants)):
                    for name, function in memoised.items():
                        bypassed = variant == f"without {name}"
                        setattr(directory, name, function.__wrapped__ if bypassed else function)
                    times.setdefault((page, variant), []).append(_get(client, path))
    for name, function in memoised.items():
        setattr(directory, name, function)
    return [
        {"page": page, "variant": variant, "p50": statistics.median(found), "n": len(found)}
        for (page, variant), found in times.items()
    ]


def report(database: str, rows: list[dict]) -> None:
    median = {(r["page"], r["variant"]): r["p50"] for r in rows}
    print(f"\n{database}: median ms per request (in process, one thread)\n")
    print("| page | every memo | " + " | ".join(f"without {m}" for m in MEMOS) + " |")
    print("|---|---:|" + "---:|" * len(MEMOS))
    for page in ["/healthz (baseline)", *PAGES]:
        base = median[(page, "every memo")]
        cells = []
        for name in MEMOS:
            without = median[(page, f"without {name}")]
            cells.append(f"{without:.2f} ({(without - base) / without:+.0%})")
        print(f"| {page} | {base:.2f} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not MEMOS:
        sys.exit("no memo to measure: the directory view keeps none (see MEMOS)")
    if args.child:  # one database, in a process of its own (Django is set up once per process)
        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        rows = measure(args.rounds)
        Path(args.child).write_text(json.dumps(rows))
        return
    import subprocess

    for database in args.database or ["postgres", "sqlite"]:
        with tempfile.TemporaryDirectory() as tmp:
            url = _prepare(database, args.organisations, Path(tmp))
            out = Path(tmp) / "rows.json"
            env = {**_env(url), "ALLOWED_HOSTS": "testserver"}
            command = [sys.executable, __file__, "--child", str(out)]
            command += ["--rounds", str(args.rounds)]
            subprocess.run(command, cwd=ROOT, env=env, check=True)
            report(database, json.loads(out.read_text()))


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    main()
