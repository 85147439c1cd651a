"""manage.py reindex [--kind K ...] [--no-embeddings]: rebuild the search index."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from tqdm import tqdm

from tashbeek.search import embeddings
from tashbeek.search.services import reindex
from tashbeek.search.sources import BUILDERS


class Command(BaseCommand):
    help = "Rebuild the search index from the objects, then compute missing embeddings."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=sorted(BUILDERS))
        parser.add_argument("--no-embeddings", action="store_true")

    def handle(self, *args, kind, no_embeddings, **options):
        started = time.perf_counter()
        bars: dict[str, tqdm] = {}

        def progress(name: str, done: int) -> None:
            if name not in bars:
                model = apps.get_model(BUILDERS[name][0])
                bars[name] = tqdm(total=model.objects.count(), desc=name, unit="obj", disable=None)
            bars[name].update(done - bars[name].n)

        # Embeddings follow below in large batches, not as one background task per batch.
        total = reindex(kind, embed=False, progress=progress)
        for bar in bars.values():
            bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(f"{total} entries indexed in {seconds:.1f} s.")
        if not no_embeddings and embeddings.enabled():
            started = time.perf_counter()
            done = embeddings.embed_pending()
            seconds = time.perf_counter() - started
            self.stdout.write(f"{done} embeddings computed in {seconds:.1f} s.")
