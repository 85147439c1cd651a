"""Remind confirmed participants of events starting within a day (run hourly)."""

from django.core.management.base import BaseCommand

from tashbeek.events.services import reminders_send


class Command(BaseCommand):
    help = "E-mail reminders (with the .ics) for events starting within 24 hours; once each."

    def handle(self, *args, **options):
        self.stdout.write(f"{reminders_send()} reminder(s) sent.")
