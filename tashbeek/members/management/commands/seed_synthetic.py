"""Generate a large, realistic network for benchmarks: `seed_synthetic --organisations N`."""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from tashbeek.core.models import Theme
from tashbeek.core.taxonomy import sync_taxonomy
from tashbeek.members.models import Organisation, Region
from tashbeek.members.services import organisation_index_names

COUNTRIES = {
    "MA": ("جماعة", "Commune de", 31.8, -7.1),
    "TN": ("بلدية", "Commune de", 34.5, 9.5),
    "PS": ("بلدية", "Municipality of", 31.9, 35.2),
    "JO": ("بلدية", "Municipality of", 31.9, 35.9),
    "LB": ("بلدية", "Municipalité de", 33.9, 35.7),
    "IL": ("مجلس", "Council of", 32.7, 35.3),
}
STEMS = [
    "النور",
    "الزيتون",
    "الواحة",
    "السلام",
    "الأمل",
    "الجبل",
    "البحر",
    "الوادي",
    "النخيل",
    "الربيع",
]
LATIN = ["Nour", "Zeitoun", "Waha", "Salam", "Amal", "Jabal", "Bahr", "Wadi", "Nakhil", "Rabi"]
KINDS = [
    "municipality",
    "local_council",
    "village_council",
    "urban_commune",
    "rural_commune",
    "regional_council",
]


class Command(BaseCommand):
    help = "Add N synthetic organisations (mixed countries, kinds, sizes, themes) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    @transaction.atomic
    def handle(self, *args, organisations: int, seed: int, **options):
        rng = random.Random(seed)
        sync_taxonomy(Theme)
        themes = list(Theme.objects.values_list("pk", flat=True))
        regions = {
            code: [
                Region.objects.get_or_create(
                    country=code, slug=f"synthetic-{i}", defaults={"names": {"en": f"Region {i}"}}
                )[0]
                for i in range(5)
            ]
            for code in COUNTRIES
        }
        start = Organisation.objects.count()
        batch = []
        for n in range(start, start + organisations):
            code = rng.choice(list(COUNTRIES))
            ar_prefix, fr_prefix, lat, lon = COUNTRIES[code]
            i = rng.randrange(len(STEMS))
            names = {"ar": f"{ar_prefix} {STEMS[i]} {n}", "fr": f"{fr_prefix} {LATIN[i]} {n}"}
            partner = rng.random() < 0.1
            batch.append(
                Organisation(
                    names=names,
                    kind="association" if partner else rng.choice(KINDS),
                    relation="partner" if partner else "member",
                    membership_status=""
                    if partner
                    else rng.choice(["active"] * 8 + ["suspended", "ended"]),
                    country=code,
                    region=rng.choice(regions[code]),
                    population=int(rng.lognormvariate(9.5, 1.4)),
                    population_year=2024,
                    latitude=round(lat + rng.uniform(-1.5, 1.5), 5),
                    longitude=round(lon + rng.uniform(-1.5, 1.5), 5),
                )
            )
        for organisation in tqdm(batch, desc="names", unit="org", disable=None):
            organisation_index_names(organisation)
        created = []
        with tqdm(total=len(batch), desc="saved", unit="org", disable=None) as bar:
            for first in range(0, len(batch), 1000):
                created += Organisation.objects.bulk_create(batch[first : first + 1000])
                bar.update(len(batch[first : first + 1000]))
        through = Organisation.themes.through
        links = [
            through(organisation_id=o.pk, theme_id=t)
            for o in created
            for t in rng.sample(themes, 2)
        ]
        through.objects.bulk_create(links, batch_size=5000)
        self.stdout.write(self.style.SUCCESS(f"Added {len(created)} synthetic organisations."))
