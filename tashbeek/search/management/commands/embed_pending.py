"""manage.py embed_pending: compute the embeddings that are still missing."""

from django.core.management.base import BaseCommand

from tashbeek.search import embeddings


class Command(BaseCommand):
    help = "Compute the sentence embeddings of search entries that have none yet."

    def handle(self, *args, **options):
        if not embeddings.enabled():
            self.stdout.write("Embeddings are off (no model package or SEARCH_EMBEDDINGS=False).")
            return
        self.stdout.write(f"{embeddings.embed_pending()} embeddings computed.")
