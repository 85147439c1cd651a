"""Hebrew words in the index were stored unstemmed; the analyser now stems them (light
prefix and suffix stripping, search/analysis.py). Each Hebrew term already stored is the
normalised word, so stemming it in place gives what indexing it again would; the full-text
tables follow through their update triggers (0002, 0003)."""

import re

from django.db import migrations

HEBREW = re.compile("[\u0590-\u05ff]")


def stem_hebrew_terms(apps, schema_editor):
    from tashbeek.search.analysis import stem

    def restem(terms: str) -> str:
        return " ".join(stem(t, "he") if HEBREW.search(t) else t for t in terms.split(" "))

    SearchEntry = apps.get_model("search", "SearchEntry")
    rows = SearchEntry.objects.only("pk", "title_terms", "body_terms").order_by("pk")
    for entry in rows.iterator(chunk_size=500):
        if not (HEBREW.search(entry.title_terms) or HEBREW.search(entry.body_terms)):
            continue
        SearchEntry.objects.filter(pk=entry.pk).update(
            title_terms=restem(entry.title_terms), body_terms=restem(entry.body_terms)
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_decisions_in_search")]

    operations = [migrations.RunPython(stem_hebrew_terms, migrations.RunPython.noop)]
