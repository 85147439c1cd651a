"""Exchange-platform benchmark (not a timed test): experiences, the library, a community page,
a discussion and the work plan.

Seeds N synthetic organisations (as bench/directory.py), then E published experiences, D library
documents, a community with T threads (one of P posts) and a year's work plan; serves the app with
gunicorn (2 workers, DEBUG off) and drives each page as a signed-in community member with C
keep-alive clients for S seconds, beside /healthz measured in the same run.

    .venv/bin/python bench/exchange.py --database sqlite --database postgres
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import PYTHON, ROOT, _drive, _env, _prepare, _serve, report  # noqa: E402

SETUP = """
import datetime
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from tashbeek.accounts.models import User
from tashbeek.communities.models import Community, CommunityMembership
from tashbeek.discussions.models import Post, Thread
from tashbeek.experiences.models import Experience
from tashbeek.library.models import Document
from tashbeek.members.models import Organisation
from tashbeek.workplans.models import WorkPlanItem

now = timezone.now()
member = User.objects.create_user(email="member@bench.local", password="x" * 20,
                                  full_name="Bench Member", is_active=True)
community = Community.objects.create(slug="bench", names={"ar": "منصة", "en": "Platform"})
CommunityMembership.objects.create(community=community, user=member, role="coordinator")
orgs = list(Organisation.objects.values_list("pk", flat=True)[:500])
words = ["النفايات", "transport scolaire", "water", "الطاقة", "tourisme", "budget"]
Experience.objects.bulk_create(
    Experience(organisation_id=orgs[i % len(orgs)], language=("ar", "fr", "en")[i % 3],
               title=f"{words[i % 6]} {i}", summary="ملخص " * 30, problem="p", solution="s",
               results="r", status="published", published_at=now)
    for i in range({experiences}))
Document.objects.bulk_create(
    Document(kind="guide", titles={"ar": f"دليل {i}", "en": f"Guide {i}"}, community=community,
             status="published", visibility=("public", "members", "community")[i % 3],
             published_at=now)
    for i in range({documents}))
threads = Thread.objects.bulk_create(
    Thread(community=community, title=f"Thread {i}", author=member, last_post_at=now, post_count=1)
    for i in range({threads}))
Post.objects.bulk_create(
    Post(thread=threads[0], author=member, body=f"<p>Post {i}</p>") for i in range({posts}))
WorkPlanItem.objects.bulk_create(
    WorkPlanItem(community=community, year=2026, activity=f"Activity {i}",
                 status=("planned", "done", "in_progress")[i % 3]) for i in range(40))
session = SessionStore()
session["_auth_user_id"] = str(member.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = member.get_session_auth_hash()
session.create()
print(threads[0].pk, session.session_key)
"""


def run(database, args):
    with tempfile.TemporaryDirectory() as tmp:
        url = _prepare(database, args.organisations, Path(tmp))
        script = SETUP
        for name in ("experiences", "documents", "threads", "posts"):
            script = script.replace("{" + name + "}", str(getattr(args, name)))
        setup = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=_env(url),
            check=True,
            capture_output=True,
            text=True,
        )
        thread, session = setup.stdout.split()[-2:]
        headers = {"Cookie": f"sessionid={session}"}
        server = _serve(url, args.port)
        try:
            pages = [
                ("/healthz (baseline)", "/healthz"),
                ("experiences list", "/experiences/"),
                ("experiences, page 50", "/experiences/?page=50"),
                ("library list", "/library/"),
                ("community page", "/communities/bench/"),
                ("work plan", "/communities/bench/plan/?year=2026"),
                (f"thread of {args.posts} posts", f"/communities/bench/discussions/{thread}/"),
                ("API experiences", "/api/v1/experiences/"),
                ("API documents", "/api/v1/documents/"),
            ]
            _drive(args.port, "/experiences/", args.clients, 1.0, headers)  # warm both workers
            rows = []
            for label, path in pages:
                result = _drive(args.port, path, args.clients, args.seconds, headers)
                rows.append({"database": database, "page": label, **result})
        finally:
            server.terminate()
            server.wait()
    for row in rows:
        row["ratio"] = row["rps"] / rows[0]["rps"]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--experiences", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=3_000)
    parser.add_argument("--threads", type=int, default=500)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    rows = []
    for database in args.database or ["sqlite", "postgres"]:
        rows += run(database, args)
    report(rows, "exchange")


if __name__ == "__main__":
    main()
