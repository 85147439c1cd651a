"""manage.py backup [PATH]: the database and both media folders in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tashbeek.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write the database, public media and private documents to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default="var/backups", help="a file, or a folder (var/backups)"
        )

    def handle(self, *args, **options):
        try:
            archive = backup_create(output=Path(options["path"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
