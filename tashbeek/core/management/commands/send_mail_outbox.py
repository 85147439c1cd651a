"""manage.py send_mail_outbox: the worker that sends the e-mail outbox (core.outbox)."""

import time

from django.core.management.base import BaseCommand

from tashbeek.core.outbox import send_queued


class Command(BaseCommand):
    help = "Send queued e-mails; failures are retried later with a growing delay."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop (cron)")
        parser.add_argument("--every", type=float, default=5.0, help="seconds between rounds")

    def handle(self, *args, **options):
        while True:
            send_queued()
            if options["once"]:
                return
            time.sleep(options["every"])
