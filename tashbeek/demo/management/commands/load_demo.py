"""Load the demo network (idempotent: running it twice changes nothing)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from tashbeek.communities import demo as communities_demo
from tashbeek.cooperation import demo as cooperation_demo
from tashbeek.core.models import Theme
from tashbeek.core.taxonomy import sync_taxonomy
from tashbeek.discussions import demo as discussions_demo
from tashbeek.events import demo as events_demo
from tashbeek.experiences import demo as experiences_demo
from tashbeek.governance import demo as governance_demo
from tashbeek.library import demo as library_demo
from tashbeek.members import demo, demo_lifecycle
from tashbeek.members.models import Affiliation, Organisation, Region
from tashbeek.members.services import organisation_index_names
from tashbeek.needs import demo as needs_demo
from tashbeek.search import embeddings
from tashbeek.search.services import reindex
from tashbeek.workplans import demo as workplans_demo


class Command(BaseCommand):
    help = "Load the demo network built from the five source cases, and print the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--show-mail",
            action="store_true",
            help="Put the demo's e-mails in the outbox, which send_mail_outbox sends through "
            "EMAIL_BACKEND (by default they are written to DEMO_MAIL_DIR, var/demo-mail/, so "
            "the sign-ins stay the last thing printed).",
        )

    def handle(self, *args, **options):
        if options["show_mail"]:
            self._load()
        else:
            # Printed to the console, ~550 e-mails buried the sign-ins.
            folder = Path(settings.DEMO_MAIL_DIR)
            folder.mkdir(parents=True, exist_ok=True)
            with override_settings(
                EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                EMAIL_FILE_PATH=str(folder),
            ):
                self._load()  # e-mails go out when its transaction commits, inside this block
            self.stdout.write(f"The demo's e-mails are in {folder}/.")
        self._sign_ins()

    @transaction.atomic
    def _load(self):
        sync_taxonomy(Theme)
        regions = {}
        for country, slug, names in demo.REGIONS:
            regions[slug], _c = Region.objects.update_or_create(
                country=country, slug=slug, defaults={"names": names}
            )
        themes = {t.slug: t for t in Theme.objects.all()}
        orgs: dict[str, Organisation] = {}
        for (
            key,
            kind,
            relation,
            country,
            region,
            population,
            year,
            lat,
            lon,
            theme_slugs,
            names,
            descriptions,
            parent,
        ) in demo.ORGANISATIONS:
            org = (
                Organisation.objects.filter(website=f"https://demo.tashbeek.org/{key}").first()
                or Organisation()
            )
            org.names, org.descriptions, org.kind, org.relation = (
                names,
                descriptions,
                kind,
                relation,
            )
            org.country, org.region = country, regions.get(region)
            org.population, org.population_year, org.latitude, org.longitude = (
                population,
                year,
                lat,
                lon,
            )
            org.website = f"https://demo.tashbeek.org/{key}"
            org.languages = sorted({code for code in names if code in ("ar", "he", "fr", "en")})
            org.parent = orgs.get(parent)
            if relation == "member":
                org.membership_status = "suspended" if key in demo.SUSPENDED else "active"
                org.member_since = org.member_since or datetime.date(2021, 6, 15)
            else:
                org.membership_status, org.member_since = "", None
            organisation_index_names(org)
            org.save()
            org.themes.set([themes[s] for s in theme_slugs])
            orgs[key] = org
        self._people(orgs)
        User = get_user_model()
        demo_lifecycle.load(
            secretariat=User.objects.get(email="secretariat@demo.tashbeek.org"),
            committee=User.objects.get(email="committee@demo.tashbeek.org"),
        )
        people = {u.email: u for u in User.objects.filter(email__endswith="@demo.tashbeek.org")}
        communities_demo.load(people=people)
        events_demo.load(people=people)
        library_demo.load(people=people)
        workplans_demo.load(people=people)
        discussions_demo.load(people=people)
        experiences_demo.load(people=people)
        needs_demo.load(people=people)
        governance_demo.load(people=people)
        cooperation_demo.load(people=people)
        # The demo writes some rows directly (organisations, people): index everything once.
        indexed = reindex(embed=False)
        embedded = embeddings.embed_pending()
        self.stdout.write(f"Search: {indexed} entries, {embedded} new embeddings.")
        self.stdout.write(self.style.SUCCESS(f"Demo network: {len(orgs)} organisations."))

    def _sign_ins(self):
        self.stdout.write(f"Demo sign-ins (password for all: {demo.DEMO_PASSWORD}):")
        for email, _name, _lang, groups, affiliation in demo.PEOPLE:
            role = ", ".join(groups) or (
                f"{affiliation[1]} @ {affiliation[0]}" if affiliation else "registered person"
            )
            if email == demo.OPERATOR:
                role = "platform operator (the Django admin, /admin/)"
            self.stdout.write(f"  {email:38} {role}")
        for email, *_rest in demo_lifecycle.APPLICANTS:
            self.stdout.write(f"  {email:38} applicant (membership application)")

    def _people(self, orgs):
        User = get_user_model()
        for email, name, language, groups, affiliation in demo.PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=demo.DEMO_PASSWORD,
                    full_name=name,
                    preferred_language=language,
                    email_verified_at=timezone.now(),
                )
            user.groups.set([Group.objects.get_or_create(name=g)[0] for g in groups])
            # The admin is the operator's (core.admin_site); the secretariat works in the app.
            operator = email == demo.OPERATOR
            if (user.is_staff, user.is_superuser) != (operator, operator):
                user.is_staff = user.is_superuser = operator
                user.save(update_fields=["is_staff", "is_superuser"])
            if affiliation:
                Affiliation.objects.update_or_create(
                    user=user, organisation=orgs[affiliation[0]], defaults={"role": affiliation[1]}
                )
