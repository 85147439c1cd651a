"""Reinstate members whose suspension carried an end date that has come (run daily)."""

from django.core.management.base import BaseCommand

from tashbeek.members.services import suspensions_lift_expired


class Command(BaseCommand):
    help = "Reinstate members whose suspension has reached its end date (run it daily, e.g. cron)."

    def handle(self, *args, **options):
        lifted = suspensions_lift_expired()
        self.stdout.write(f"{lifted} suspension(s) lifted.")
