"""Directory benchmark (not a timed test).

Seeds N synthetic organisations into a fresh database, serves the app with gunicorn (2 workers,
production-like settings: DEBUG off, uncached unless --cache-seconds is given) and drives each
page with C concurrent keep-alive clients for S seconds, reporting requests/s and p50/p95
latency beside /healthz served by the same server in the same run.

    .venv/bin/python bench/directory.py --database sqlite --database postgres

With --layer NAME (repeatable), a second server runs beside the first with that speed-up layer
switched the other way, and each page's windows alternate between the two, so the layer's gain
is measured in the same run on the same data (docs/PERFORMANCE.md, "each layer measured, two
removed").
"""

import argparse
import http.client
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = "postgres://postgres@127.0.0.1:5432/tashbeek_bench"


CACHE_SECONDS = "0"  # uncached by default: the targets are for uncached pages

# Each speed-up layer: the environment that switches it on the second server, and which of the
# two servers ("base", uncached, or "variant") has the layer.
# `{% fixed %}` blocks and the visitor's site header rendered once per language were measured
# this way and removed (PERFORMANCE.md): a layer that comes back brings its switch here.
LAYERS = {
    "body-cache": ({"DIRECTORY_FACET_CACHE_SECONDS": "300"}, "variant"),
    "prepared-queries": ({"PREPARED_QUERIES": "false"}, "base"),
}


def _env(database_url: str) -> dict:
    return {
        "DIRECTORY_FACET_CACHE_SECONDS": CACHE_SECONDS,
        # The benchmarks measure the server, not the API's per-client rate limit.
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tashbeek.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }


def _psql(database: str, sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-q", "-c", sql], check=True
    )


def _prepare(database: str, organisations: int, workdir: Path) -> str:
    if database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        _psql("postgres", "DROP DATABASE IF EXISTS tashbeek_bench")
        _psql("postgres", "CREATE DATABASE tashbeek_bench")
        url = PG_URL
    env = _env(url)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "seed_synthetic", "--organisations", str(organisations)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if database == "postgres":
        _psql("tashbeek_bench", "ANALYZE")
    return url


def _serve(url: str, port: int, extra: dict | None = None) -> subprocess.Popen:
    gunicorn = Path(PYTHON).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "tashbeek.wsgi",
        ],
        cwd=ROOT,
        env={**_env(url), **(extra or {})},
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _drive(port: int, path, clients: int, seconds: float, headers=None) -> dict:
    """Requests/s and latency of one path, or of a list of paths taken in turn (each client
    starts at a different one), at `clients` concurrent keep-alive connections."""
    paths = [path] if isinstance(path, str) else list(path)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int):
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, turn = [], 0, offset
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            target = paths[turn % len(paths)]
            turn += 1
            conn.request("GET", target, headers={"Accept-Language": "ar", **(headers or {})})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            bad += response.status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(n * 7,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "latencies": latencies,
        "elapsed": elapsed,
    }


def _pages(port: int) -> list[tuple[str, list[str]]]:
    """Each page as several URLs taken in turn, so that no result could be served from a
    per-query memo: filters, names, profiles and API pages all vary."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/api/v1/organisations/?limit=12&sort=-updated")
    pks = [row["id"] for row in json.loads(conn.getresponse().read())["results"]]
    names = ["النور", "الامل", "بلديه الزيتون", "nour", "Zeitoun", "commune de salam"]
    filtered = [
        "/members/?country=MA&kind=rural_commune&status=active&sort=-population",
        "/members/?country=TN&status=active",
        "/members/?kind=municipality&population=20k-100k",
        "/members/?country=PS&sort=-member_since",
        "/members/?status=suspended&sort=population",
        "/members/?country=LB&kind=local_council&page=2",
    ]
    return [
        ("/members/ first page", ["/members/"]),
        ("/members/ filtered", filtered),
        ("/members/ name search", [f"/members/?q={urllib.parse.quote(n)}" for n in names]),
        ("profile", [f"/members/{pk}/" for pk in pks]),
        ("API list", ["/api/v1/organisations/", "/api/v1/organisations/?country=MA&offset=25"]),
    ]


def run(
    database: str,
    organisations: int,
    clients: int,
    seconds: float,
    port: int,
    rounds: int,
    layers: tuple[str, ...] = (),
) -> list[dict]:
    """Each page is driven in `rounds` windows, each right after a window of /healthz, so
    that a machine that speeds up or slows down during the run moves both figures alike.
    Each of `layers` adds a server with that layer switched, driven right after the base."""
    with tempfile.TemporaryDirectory() as tmp:
        url = _prepare(database, organisations, Path(tmp))
        servers = {"": _serve(url, port)}
        ports = {"": port}
        for n, layer in enumerate(layers, start=1):
            servers[layer] = _serve(url, port + n, LAYERS[layer][0])
            ports[layer] = port + n
        try:
            for name in servers:
                _drive(ports[name], "/members/", clients, 1.0)  # warm both workers
            window = seconds / rounds
            baseline, rows = [], []
            for label, paths in _pages(port):
                for name in servers:
                    _drive(ports[name], paths, clients, 0.5)  # build what the page builds once
                health, runs = [], {name: [] for name in servers}
                for _ in range(rounds):
                    health.append(_drive(port, "/healthz", clients, window))
                    for name in servers:
                        runs[name].append(_drive(ports[name], paths, clients, window))
                baseline += health
                for name, results in runs.items():
                    row = {"database": database, "page": label, "layer": name, **_merge(results)}
                    row["ratio"] = row["rps"] / _merge(health)["rps"]
                    rows.append(row)
        finally:
            for server in servers.values():
                server.terminate()
                server.wait()
    head = {"database": database, "page": "/healthz (baseline)", **_merge(baseline), "ratio": 1.0}
    return [head, *rows]


def gains(rows: list[dict]) -> list[dict]:
    """Each layer's gain on each page: requests/s with the layer over requests/s without it,
    from the two servers driven in the same windows."""
    base = {(r["database"], r["page"]): r for r in rows if r.get("layer") == ""}
    out = []
    for r in rows:
        if not r.get("layer"):
            continue
        other = base[(r["database"], r["page"])]
        with_layer, without = (other, r) if LAYERS[r["layer"]][1] == "base" else (r, other)
        out.append(
            {
                "database": r["database"],
                "page": r["page"],
                "layer": r["layer"],
                "with_rps": with_layer["rps"],
                "without_rps": without["rps"],
                "gain": with_layer["rps"] / without["rps"] - 1,
                "with_p95": with_layer["p95_ms"],
                "without_p95": without["p95_ms"],
            }
        )
    return out


def report_gains(rows: list[dict]) -> None:
    print()
    print("| database | page | layer | req/s with | req/s without | gain | p95 ms with | without |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for g in rows:
        cells = [
            g["database"],
            g["page"],
            g["layer"],
            f"{g['with_rps']:.0f}",
            f"{g['without_rps']:.0f}",
            f"{g['gain']:+.0%}",
            f"{g['with_p95']:.1f}",
            f"{g['without_p95']:.1f}",
        ]
        print("| " + " | ".join(cells) + " |")


def _merge(results: list[dict]) -> dict:
    """Windows of one path as one result (latencies pooled)."""
    latencies = sorted(x for r in results for x in r["latencies"])
    elapsed = sum(r["elapsed"] for r in results)
    return {
        "requests": len(latencies),
        "errors": sum(r["errors"] for r in results),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def shell(url: str, code: str) -> str:
    """What `code` prints, run in the app's shell on the database at `url`."""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


# Appended to each page bench's setup code, which leaves the person to drive as `signed_in`:
# a session signed in and confirmed with a second factor, as a committee member's must be.
SIGN_IN = """
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_static.models import StaticDevice
session = SessionStore()
session["_auth_user_id"] = str(signed_in.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = signed_in.get_session_auth_hash()
session["otp_device_id"] = StaticDevice.objects.create(user=signed_in, name="bench").persistent_id
session.create()
print(session.session_key)
"""


def drive_pages(database, args, setup_code, pages, warm):
    """Seed `args.organisations`, run `setup_code` in the app's shell (each `{option}` in it
    replaced by that option's value; the words it prints are passed to `pages`; it leaves the
    person to drive as `signed_in`), serve the app on `args.port` and drive each of
    `pages(*words)` — (label, path), /healthz first — as that person with `args.clients`
    clients for `args.seconds`, all in one run; `warm` is the page that warms the workers."""
    for option, value in vars(args).items():
        setup_code = setup_code.replace("{" + option + "}", str(value))
    port, clients, seconds = args.port, args.clients, args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        url = _prepare(database, args.organisations, Path(tmp))
        printed = shell(url, setup_code + SIGN_IN)
        # The shell may print its own lines first: keep the last words, as many as `pages`
        # takes, and the session key after them.
        wanted = len(inspect.signature(pages).parameters)
        *words, session = printed.split()[-(wanted + 1) :]
        headers = {"Cookie": f"sessionid={session}"}
        server = _serve(url, port)
        try:
            _drive(port, warm, clients, 1.0, headers)  # warm both workers
            rows = []
            for label, path in pages(*words):
                result = _drive(port, path, clients, seconds, headers)
                rows.append({"database": database, "page": label, **result})
        finally:
            server.terminate()
            server.wait()
    for row in rows:
        row["ratio"] = row["rps"] / rows[0]["rps"]
    return rows


def report(rows: list[dict], name: str) -> None:
    """Print the Markdown table of a run and keep its rows in bench/results/<name>.json."""
    print("| database | page | requests/s | ratio to /healthz | p50 ms | p95 ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        cells = [
            r["database"],
            r["page"] + (f" (layer {r['layer']} switched)" if r.get("layer") else ""),
            f"{r['rps']:.0f}",
            f"{r['ratio']:.0%}",
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            str(r["errors"]),
        ]
        print("| " + " | ".join(cells) + " |")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    kept = [{k: v for k, v in r.items() if k not in ("latencies", "elapsed")} for r in rows]
    (out / f"{name}.json").write_text(json.dumps(kept, indent=2))


def page_bench(doc: str, name: str, run, *, port: int, seconds: float = 6.0, **counts) -> None:
    """The command line a page bench shares: `--database` (both by default), one integer
    option per `counts` entry (name=default, e.g. organisations=1_000), `--clients`,
    `--seconds` and `--port`; runs `run(database, args)` on each database and reports the
    rows under `name`."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", action="append", choices=["sqlite", "postgres"])
    for option, default in counts.items():
        parser.add_argument(f"--{option}", type=int, default=default)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=seconds)
    parser.add_argument("--port", type=int, default=port)
    args = parser.parse_args()
    rows = []
    for database in args.database or ["sqlite", "postgres"]:
        rows += run(database, args)
    report(rows, name)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=9.0, help="per page, in all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="windows per page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--cache-seconds",
        default="0",
        help="DIRECTORY_FACET_CACHE_SECONDS for the server (0: uncached, the issue's targets)",
    )
    parser.add_argument(
        "--layer",
        action="append",
        default=[],
        choices=sorted(LAYERS),
        help="also serve with this speed-up layer switched and report its gain",
    )
    args = parser.parse_args()
    global CACHE_SECONDS
    CACHE_SECONDS = args.cache_seconds
    rows = []
    for database in args.database or ["sqlite", "postgres"]:
        rows += run(
            database,
            args.organisations,
            args.clients,
            args.seconds,
            args.port,
            args.rounds,
            tuple(args.layer),
        )
    report(rows, "directory")
    if args.layer:
        report_gains(gains(rows))


if __name__ == "__main__":
    main()
