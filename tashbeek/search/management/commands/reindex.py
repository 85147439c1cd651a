"""manage.py reindex [--kind K ... | --stale] [--no-embeddings]: rebuild the search index
(every kind, these kinds, or the kinds an older analyser indexed: run it after upgrades)."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from tqdm import tqdm

from tashbeek.search import embeddings
from tashbeek.search.selectors import stale_kinds
from tashbeek.search.services import reindex
from tashbeek.search.sources import BUILDERS


class Command(BaseCommand):
    help = "Rebuild the search index from the objects, then compute missing embeddings."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=sorted(BUILDERS))
        parser.add_argument(
            "--stale",
            action="store_true",
            help="only the kinds holding entries whose terms an older analyser made",
        )
        parser.add_argument("--no-embeddings", action="store_true")

    def handle(self, *args, kind, stale, no_embeddings, **options):
        if stale:
            kind = stale_kinds()
            if not kind:
                self.stdout.write("The search index is up to date.")
                return
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
