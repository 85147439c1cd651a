"""manage.py governance_tick: the clock of governance (cron every few minutes, or --every)."""

import time

from django.core.management.base import BaseCommand

from tashbeek.governance import services


class Command(BaseCommand):
    help = (
        "Close and count ballots whose time is over, tell voters who have not voted that a "
        "ballot closes within a day, remind owners of action items falling due, and keep the "
        "general assembly's seats in line with membership."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, help="seconds between rounds (else one round)")

    def handle(self, *args, **options):
        while True:
            closed = services.ballots_close_due()
            told = services.closing_reminders_send()
            reminded = services.action_reminders_send()
            # Members may also change without a decision here (the admin, an import).
            seats = services.assemblies_sync(by=None)
            if options["every"] is None:
                self.stdout.write(
                    f"{closed} ballot(s) closed, {told} closing notice(s), "
                    f"{reminded} action reminder(s), {seats} assembly seat(s) changed."
                )
                return
            time.sleep(options["every"])
