"""manage.py restore ARCHIVE --yes: replace the database and media with a backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tashbeek.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database, public media and private documents with a backup archive's."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by manage.py backup")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current data (required)"
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("restore replaces every table and file: add --yes to go ahead.")
        try:
            manifest = backup_restore(archive=Path(options["archive"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created']} ({manifest['engine']})."
            )
        )
