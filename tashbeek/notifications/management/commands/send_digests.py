"""Send the daily or weekly notification digests (run daily and weekly from cron)."""

from django.core.management.base import BaseCommand

from tashbeek.notifications.services import digests_send


class Command(BaseCommand):
    help = "E-mail the notification digest to everyone who chose this frequency."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=["daily", "weekly"])

    def handle(self, *args, frequency: str, **options):
        sent = digests_send(frequency=frequency)
        self.stdout.write(f"{sent} {frequency} digest(s) sent.")
