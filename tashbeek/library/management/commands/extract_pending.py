"""manage.py extract_pending: read the text of library files whose background task was lost."""

from django.core.management.base import BaseCommand

from tashbeek.library.services import extract_pending


class Command(BaseCommand):
    help = "Read the text (for search) of library file versions that have none yet."

    def handle(self, *args, **options):
        self.stdout.write(f"{extract_pending()} file versions read.")
