"""manage.py import_experiences FILE [--draft]: JSONL or CSV, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tashbeek.experiences.importing import ImportRejected, experiences_import, read_rows
from tashbeek.search import embeddings


class Command(BaseCommand):
    help = "Import experiences from a JSONL or CSV file (all or nothing; updates by external_id)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--draft", action="store_true", help="Keep the imported experiences as drafts."
        )

    def handle(self, *args, file, draft, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        rows = read_rows(path.read_bytes(), path.name)
        bar = tqdm(total=len(rows), desc=path.name, unit="row", disable=None)
        try:
            report = experiences_import(
                rows=rows,
                publish=not draft,
                source=f"import {path.name}",
                embed=False,
                progress=lambda done, total: bar.update(done - bar.n),
            )
        except ImportRejected as rejected:
            for line, message in rejected.errors:
                self.stderr.write(f"{path.name}:{line}: {message}")
            raise CommandError(f"{len(rejected.errors)} bad rows: nothing was imported.") from None
        finally:
            bar.close()
        self.stdout.write(f"{report.created} created, {report.updated} updated.")
        # In one batch run here rather than a background task per thousand rows.
        if embeddings.enabled():
            self.stdout.write(f"{embeddings.embed_pending()} embeddings computed.")
