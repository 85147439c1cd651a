"""Membership benchmark (not a timed test): the committee's queue and the dues ledger.

Seeds N synthetic organisations, a year of dues for every active member and A submitted
applications, then serves the app with gunicorn (2 workers, DEBUG off) and drives each page as
a signed-in committee member with C keep-alive clients for S seconds, beside /healthz.

    .venv/bin/python bench/membership.py --database sqlite --database postgres
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import drive_pages, page_bench  # noqa: E402

SETUP = """
import datetime
from decimal import Decimal
from django.contrib.auth.models import Group
from tashbeek.accounts.models import User
from tashbeek.members import services
from tashbeek.members.models import Application, Organisation

member = User.objects.create_user(email="committee@bench.local", password="x" * 20,
                                  full_name="Bench Committee", is_active=True)
member.groups.add(Group.objects.get(name="steering_committee"))
schedule = services.schedule_save(by=member, data={
    "year": 2026, "currency": "EUR", "method": "per_inhabitant",
    "rate_per_inhabitant": Decimal(2), "floor_minor": 10000, "cap_minor": 500000,
    "due_on": datetime.date(2026, 6, 30)}, bands=[], reductions=[("MA", "", Decimal("0.5"))])
services.dues_generate(schedule=schedule, by=member)
people = User.objects.bulk_create(
    User(email=f"applicant{i}@bench.local", full_name=f"Applicant {i}")
    for i in range({applications}))
Application.objects.bulk_create(
    Application(applicant=p, status="submitted", reference=f"TSH-2026-B{i:05d}",
                names={"ar": f"بلدية {i}", "fr": f"Commune {i}"}, country="MA",
                kind="municipality", population=1000 + i,
                submitted_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    for i, p in enumerate(people))
signed_in = member
"""


def run(database, args):
    def pages():
        return [
            ("/healthz (baseline)", "/healthz"),
            ("committee queue", "/members/applications/"),
            ("queue filtered", "/members/applications/?country=MA&age=month"),
            ("dues ledger", "/members/dues/"),
            ("dues overdue", "/members/dues/?status=overdue"),
            ("API dues", "/api/v1/dues/"),
        ]

    return drive_pages(database, args, SETUP, pages, "/members/dues/")


if __name__ == "__main__":
    page_bench(
        __doc__,
        "membership",
        run,
        port=8766,
        seconds=8.0,
        organisations=10_000,
        applications=500,
    )
