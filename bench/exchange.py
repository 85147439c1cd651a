"""Exchange-platform benchmark (not a timed test): experiences, the library, a community page,
a discussion and the work plan.

Seeds N synthetic organisations (as bench/directory.py), then E published experiences, D library
documents, a community with T threads (one of P posts) and a year's work plan; serves the app with
gunicorn (2 workers, DEBUG off) and drives each page as a signed-in community member with C
keep-alive clients for S seconds, beside /healthz measured in the same run.

    .venv/bin/python bench/exchange.py --database sqlite --database postgres
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import drive_pages, page_bench  # noqa: E402

SETUP = """
import datetime
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
signed_in = member
print(threads[0].pk)
"""


def run(database, args):
    def pages(thread):
        return [
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

    return drive_pages(database, args, SETUP, pages, "/experiences/")


if __name__ == "__main__":
    page_bench(
        __doc__,
        "exchange",
        run,
        port=8767,
        organisations=2_000,
        experiences=10_000,
        documents=3_000,
        threads=500,
        posts=200,
    )
