"""Governance benchmark (not a timed test): the decisions register and a body's page at 10k
decisions.

Seeds N synthetic organisations, a steering committee with six seats and M meetings, D
decisions (a third of them for members only), then serves the app with gunicorn (2 workers,
DEBUG off) and drives each page as a signed-in member's focal person with C keep-alive
clients for S seconds, beside /healthz in the same run.

    .venv/bin/python bench/governance.py --database sqlite --database postgres
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import drive_pages, page_bench  # noqa: E402

SETUP = """
import datetime
from django.utils import timezone
from tashbeek.accounts.models import User
from tashbeek.events.models import Event
from tashbeek.governance.models import Body, Decision, Meeting, Seat
from tashbeek.members.models import Affiliation, Organisation

members = list(Organisation.objects.filter(relation="member", membership_status="active")[:6])
focal = User.objects.create_user(email="focal@bench.local", password="x" * 20,
                                 full_name="Bench Focal", is_active=True)
Affiliation.objects.create(user=focal, organisation=members[0], role="focal")
body = Body.objects.create(slug="steering", names={"ar": "لجنة التسيير", "en": "Steering"},
                           kind="steering", seats=6)
today = timezone.localdate()
Seat.objects.bulk_create(Seat(body=body, organisation=o, person=None, filled_by="election",
    starts_on=today - datetime.timedelta(days=300), ends_on=today + datetime.timedelta(days=400))
    for o in members)
now = timezone.now()
for i in range({meetings}):
    start = now - datetime.timedelta(days=91 * i)
    event = Event.objects.create(titles={"ar": f"اجتماع {i}"}, kind="meeting", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), mode="in_person", venue="Agadir")
    Meeting.objects.create(body=body, event=event, number=i + 1)
Decision.objects.bulk_create(
    Decision(year=2016 + i // 1000, number=i % 1000 + 1, source="resolution", body=body,
             decided_on=datetime.date(2016 + i // 1000, 1 + i % 12, 1 + i % 28),
             titles={"ar": f"قرار رقم {i} بشأن النفايات والنقل المدرسي", "fr": f"Décision {i}"},
             visibility="members" if i % 3 == 0 else "public", tally={"for": 5, "against": 1})
    for i in range({decisions}))
signed_in = focal
print(Meeting.objects.order_by("pk").first().pk)
"""


def run(database, args):
    def pages(meeting):
        return [
            ("/healthz (baseline)", "/healthz"),
            ("governance overview", "/governance/"),
            ("body page", "/governance/bodies/steering/"),
            ("register, first page", "/governance/decisions/"),
            ("register, one year", "/governance/decisions/?year=2020"),
            ("register, by reference", "/governance/decisions/?q=2021/417"),
            ("register, words", "/governance/decisions/?q=%D8%A7%D9%84%D9%86%D9%82%D9%84"),
            ("meeting page", f"/governance/meetings/{meeting}/"),
            ("API decisions", "/api/v1/decisions/"),
        ]

    return drive_pages(database, args, SETUP, pages, "/governance/decisions/")


if __name__ == "__main__":
    page_bench(
        __doc__, "governance", run, port=8767, organisations=1_000, decisions=10_000, meetings=40
    )
