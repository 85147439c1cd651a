"""Cooperation benchmark (not a timed test): the project list and the partnership graph at
10k projects and 50k agreements.

Seeds N synthetic organisations, P joint projects (each with a lead, two partners and an
indicator with a measured value, so the list shows progress) and A signed agreements
between pairs of organisations (a few of them twinnings), then serves the app with gunicorn
(2 workers, DEBUG off) and drives each page as a signed-in focal person with C keep-alive
clients for S seconds, beside /healthz in the same run.

    .venv/bin/python bench/cooperation.py --database sqlite --database postgres
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from directory import drive_pages, page_bench  # noqa: E402

SETUP = """
import datetime, random
from django.utils import timezone
from tashbeek.accounts.models import User
from tashbeek.cooperation.models import (Agreement, AgreementParty, Indicator, Measurement,
    Project, ProjectPartner)
from tashbeek.members.models import Affiliation, Organisation

rng = random.Random(7)
orgs = list(Organisation.objects.values_list("pk", flat=True))
focal = User.objects.create_user(email="focal@bench.local", password="x" * 20,
                                 full_name="Bench Focal", is_active=True)
Affiliation.objects.create(user=focal, organisation_id=orgs[0], role="focal")
today = timezone.localdate()
statuses = ["planned", "running", "running", "completed"]
Project.objects.bulk_create(
    Project(lead_id=orgs[i % len(orgs)], titles={"ar": f"مشروع مشترك {i} للنقل المدرسي",
            "fr": f"Projet commun {i}"}, summaries={"fr": "Transport scolaire et collecte."},
            status=statuses[i % 4], starts_on=today - datetime.timedelta(days=i % 900),
            public=i % 10 != 0)
    for i in range({projects}))
projects = list(Project.objects.values_list("pk", "lead_id"))
ProjectPartner.objects.bulk_create(
    ProjectPartner(project_id=pk, organisation_id=org, role=role)
    for pk, lead in projects
    for org, role in ((lead, "lead"), (orgs[(lead + 1) % len(orgs)], "partner"),
                      (orgs[(lead + 7) % len(orgs)], "funder")) if org != lead or role == "lead")
Indicator.objects.bulk_create(
    Indicator(project_id=pk, names={"fr": "Élèves"}, unit="u", baseline=0, target=100)
    for pk, _lead in projects)
Measurement.objects.bulk_create(
    Measurement(indicator=i, measured_on=today, value=i.pk % 100, evidence="registre")
    for i in Indicator.objects.all())
kinds = ["cooperation", "mou", "framework", "service", "twinning"]
Agreement.objects.bulk_create(
    Agreement(kind=kinds[i % 5], titles={"fr": f"Accord {i}"}, status="signed",
              declared_by_id=orgs[i % len(orgs)], signed_on=today, starts_on=today)
    for i in range({agreements}))
now = timezone.now()
parties = []
for pk, declared in Agreement.objects.values_list("pk", "declared_by_id"):
    other = rng.choice(orgs)
    while other == declared:
        other = rng.choice(orgs)
    parties += [AgreementParty(agreement_id=pk, organisation_id=declared, confirmed_at=now),
                AgreementParty(agreement_id=pk, organisation_id=other, confirmed_at=now)]
AgreementParty.objects.bulk_create(parties, batch_size=5000)
signed_in = focal
print(projects[len(projects) // 2][0])
"""


def run(database, args):
    def pages(project):
        return [
            ("/healthz (baseline)", "/healthz"),
            ("project list", "/cooperation/projects/"),
            ("project list, running", "/cooperation/projects/?status=running"),
            ("project page", f"/cooperation/projects/{project}/"),
            ("agreements", "/cooperation/"),
            ("agreements, twinning", "/cooperation/?kind=twinning"),
            ("partnership graph", "/cooperation/graph/"),
            ("partnership map", "/cooperation/graph/?view=map"),
            ("API projects", "/api/v1/projects/"),
            ("API agreements", "/api/v1/agreements/"),
        ]

    return drive_pages(database, args, SETUP, pages, "/cooperation/projects/")


if __name__ == "__main__":
    page_bench(
        __doc__,
        "cooperation",
        run,
        port=8768,
        organisations=1_000,
        projects=10_000,
        agreements=50_000,
    )
