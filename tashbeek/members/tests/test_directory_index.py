"""The directory's in-memory index: same results as SQL, fresh after every kind of write."""

import datetime
import itertools
import random
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import PERSONAS
from tashbeek.core.models import Theme
from tashbeek.members import selectors
from tashbeek.members.models import Organisation, Region
from tashbeek.members.selectors import directory, directory_columns
from tashbeek.tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

KINDS = ["municipality", "rural_commune", "village_council", "association", "union"]
WORDS = ["النور", "الجديدة", "Nour", "Vallée", "Oasis", "بلدية"]


@pytest.fixture
def network():
    """Forty organisations that differ in every column the directory filters or sorts on,
    with ties, empty populations and dates, and sub-themes."""
    rng = random.Random(7)
    regions = [RegionFactory(country="MA", slug="souss"), RegionFactory(country="TN", slug="souss")]
    regions.append(RegionFactory(country="PS", slug="nablus"))
    themes = list(Theme.objects.filter(parent__isnull=False)[:6]) + list(
        Theme.objects.filter(parent__isnull=True)[:3]
    )
    for n in range(40):
        member = rng.random() < 0.8
        org = OrganisationFactory(
            names={"ar": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n % 7}"},
            kind=rng.choice(KINDS),
            country=rng.choice(["MA", "TN", "PS"]),
            region=rng.choice([*regions, None]),
            relation="member" if member else "partner",
            membership_status=rng.choice(["active", "suspended", "ended"]) if member else "",
            population=rng.choice([None, 900, 4_999, 5_000, 20_000, 250_000, 750_000]),
            member_since=rng.choice([None, datetime.date(2020, 1, 1), datetime.date(2024, 5, 1)]),
        )
        org.themes.set(rng.sample(themes, rng.randint(0, 3)))
    # Ties in the last update, which the order breaks by id (as the SQL order does).
    tied = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))[::3]
    stamp = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    Organisation.objects.filter(pk__in=tied).update(updated_at=stamp)
    return Organisation.objects.all()


def _filter_sets():
    singles = [
        {"q": "النور"},
        {"q": "nour oasis"},
        {"q": "zzz"},
        {"q": "ن"},  # shorter than a trigram: the union of the postings of its trigrams
        {"q": "ou 3"},  # short terms only: each answered from the trigram postings
        {"q": "ال"},
        {"q": "oasis 3"},  # a short term compared with a long term's candidates
        {"q": "vallee oasis nour"},
        {"country": "TN"},
        {"country": "FR"},
        {"region": "souss"},
        {"region": "nowhere"},
        {"kind": "union"},
        {"status": "suspended"},
        {"status": "partner"},
        {"population": "lt5k"},
        {"population": "gte500k"},
        {"theme": "waste"},
        {"theme": Theme.objects.filter(parent__isnull=False).first().slug},
    ]
    pairs = [a | b for a, b in itertools.combinations(singles, 2) if not set(a) & set(b)]
    return [{}, *singles, *pairs[::3]]


@pytest.mark.parametrize("sparse", [1, 16, 10**9])  # by rank nearly always, mixed, never
def test_results_and_order_agree_with_sql_for_every_sort(network, monkeypatch, sparse):
    monkeypatch.setattr(directory_columns, "SPARSE", sparse)
    anonymous = AnonymousUser()
    matched = []
    for values in _filter_sets():
        for sort in selectors.SORTS:
            filters = selectors.DirectoryFilters(**values, sort=sort)
            indexed = selectors.directory_results(user=anonymous, filters=filters, facets=False)
            sql = selectors.organisation_search(user=anonymous, filters=filters)
            assert [org.pk for org in indexed.rows[:100]] == [org.pk for org in sql], (values, sort)
        matched.append(len(indexed.rows))
    assert sum(1 for n in matched if n) > len(matched) // 2  # most cases do select rows


def test_a_name_shorter_than_a_trigram_is_found_by_its_letters(network):
    OrganisationFactory(names={"ar": "يا", "fr": "Ya"})
    anonymous = AnonymousUser()
    for q in ["ي", "يا", "y", "ya", "a ي", "ya oasis"]:
        filters = selectors.DirectoryFilters(q=q)
        indexed = selectors.directory_results(user=anonymous, filters=filters, facets=False)
        sql = selectors.organisation_search(user=anonymous, filters=filters)
        assert [org.pk for org in indexed.rows[:100]] == [org.pk for org in sql], q
    found = selectors.directory_results(
        user=anonymous, filters=selectors.DirectoryFilters(q="ya"), facets=False
    )
    assert [org.name for org in found.rows[:100]] == ["يا"]


def _expected_facets(organisations, filters) -> dict[str, Counter]:
    """Brute force: every facet's counts under all the other filters, from model instances."""
    anonymous = AnonymousUser()
    counts = {}
    for facet in ("country", "region", "kind", "theme", "status", "population"):
        others = selectors.DirectoryFilters(**{**vars(filters), facet: ""})
        matching = selectors.organisation_search(user=anonymous, filters=others)
        counter = Counter()
        for org in matching.prefetch_related("themes"):
            if facet == "theme":
                counter.update(theme.slug for theme in org.themes.all())
            elif facet == "region":
                counter.update([org.region.slug] if org.region else [])
            elif facet == "status":
                counter.update(["partner" if org.relation == "partner" else org.membership_status])
            elif facet == "population":
                counter.update([directory_columns.band(org.population)] if org.population else [])
            elif facet == "country":
                counter.update([org.country.code])
            else:
                counter.update([org.kind])
        counts[facet] = +counter
    return counts


@pytest.mark.parametrize("sparse", [1, 10**9])  # counted by rows, or by bitsets
def test_facet_counts_agree_with_brute_force(network, monkeypatch, sparse):
    monkeypatch.setattr(directory_columns, "SPARSE", sparse)
    for values in _filter_sets():
        filters = selectors.DirectoryFilters(**values)
        facets = selectors.directory_results(user=AnonymousUser(), filters=filters).facets
        found = {}
        for facet in ("country", "region", "kind", "theme", "status", "population"):
            counter = Counter()
            for row in getattr(facets, facet):
                counter[row.value] += row.n
            found[facet] = +counter
        assert found == _expected_facets(network, filters), values


def test_facets_put_largest_first_and_leave_out_empty_values(network):
    facets = selectors.directory_results(
        user=AnonymousUser(), filters=selectors.DirectoryFilters()
    ).facets
    for facet in ("country", "region", "kind", "theme"):
        counts = [row.n for row in getattr(facets, facet)]
        assert counts == sorted(counts, reverse=True) and all(counts)


def test_every_kind_of_write_changes_the_version(aourir):
    region = RegionFactory()
    theme = Theme.objects.get(slug="waste")
    writes = [
        lambda: OrganisationFactory(),
        lambda: Organisation.objects.filter(pk=aourir.pk).update(kind="union"),
        lambda: aourir.themes.add(theme),
        lambda: aourir.themes.remove(theme),
        lambda: Region.objects.filter(pk=region.pk).update(names={"ar": "جهة"}),
        lambda: Theme.objects.filter(pk=theme.pk).update(names={"ar": "النفايات"}),
        lambda: Organisation.objects.filter(pk=aourir.pk).delete(),
    ]
    seen = {selectors.data_version()}
    for write in writes:
        write()
        version = selectors.data_version()
        assert version not in seen
        seen.add(version)


def test_name_postings_outlive_a_write_that_renames_nothing(network):
    def search(q: str) -> list[int]:
        filters = selectors.DirectoryFilters(q=q)
        rows = selectors.directory_results(user=AnonymousUser(), filters=filters).rows
        return [org.pk for org in rows[:100]]

    search("nour")
    names = directory.current().names
    assert "grams" in vars(names)  # built by the search
    org = network.first()
    Organisation.objects.filter(pk=org.pk).update(population=123_456, kind="union")
    assert search("nour") and directory.current().names is names  # same rows, same names

    Organisation.objects.filter(pk=org.pk).update(search_name="zanzibar")
    assert directory.current().names is not names
    assert search("zanzibar") == [org.pk]
    OrganisationFactory(names={"ar": "زنجبار"})
    assert len(directory.current().names.array) == len(names.array) + 1


def test_the_page_follows_a_write_that_bypasses_the_services(client, aourir, other_member):
    def kinds(response):
        return {
            v.value: v.n for f in response.context["facets"] if f.key == "kind" for v in f.values
        }

    before = kinds(client.get("/members/"))
    Organisation.objects.filter(pk=aourir.pk).update(kind="union")  # no save(), no signal
    after = kinds(client.get("/members/"))
    assert after != before and after["union"] == before.get("union", 0) + 1


def test_a_deletion_is_seen_by_the_next_read(aourir, other_member):
    def listed():
        filters = selectors.DirectoryFilters()
        rows = selectors.directory_results(user=AnonymousUser(), filters=filters).rows
        return [org.pk for org in rows[:10]]

    assert sorted(listed()) == sorted([aourir.pk, other_member.pk])
    Organisation.objects.filter(pk=aourir.pk).delete()
    assert listed() == [other_member.pk]


def test_long_facets_show_their_largest_values_and_a_link_to_all(client):
    themes = list(Theme.objects.order_by("pk")[:12])
    assert len(themes) == 12
    for n, theme in enumerate(themes):
        for _ in range(12 - n):  # theme 0 is the most common, theme 11 the rarest
            OrganisationFactory().themes.add(theme)

    def theme_facet(query):
        facets = client.get("/members/", query).context["facets"]
        return next(f for f in facets if f.key == "theme")

    short = theme_facet({})
    assert [v.value for v in short.values] == [t.slug for t in themes[:10]]
    assert "more=theme" in short.more_href
    expanded = theme_facet({"more": "theme"})
    assert len(expanded.values) == 12 and "more=" not in expanded.more_href
    rare = theme_facet({"theme": themes[11].slug})
    assert themes[11].slug in [v.value for v in rare.values if v.current]
    html = client.get("/members/").content.decode()
    assert 'class="facet-more"' in html


@pytest.mark.parametrize("name", PERSONAS)
def test_the_index_premise_everyone_sees_every_organisation(persona, name, aourir, other_member):
    """The index holds one public set for all readers, and the profile's query is compiled
    once for all readers (`organisation_detail`); if visibility ever depends on the reader,
    this fails, and the index needs an audience column and the profile its reader's query."""
    user = persona(name) or AnonymousUser()
    assert set(selectors.visible_to(user)) == set(Organisation.objects.all())


def test_profile_lists_themes_and_a_unions_members_from_the_index(client, aourir):
    union = OrganisationFactory(kind="union", names={"ar": "اتحاد سوس"})
    later = OrganisationFactory(names={"ar": "ي بلدية"}, parent=union)
    first = OrganisationFactory(names={"ar": "أ بلدية"}, parent=union)
    water, waste = Theme.objects.get(slug="water"), Theme.objects.get(slug="waste")
    union.themes.set([water, waste])

    response = client.get(f"/members/{union.pk}/")
    themes = response.context["themes"]
    assert [t.slug for t in themes] == [
        t.slug for t in Theme.objects.filter(pk__in=[water.pk, waste.pk])
    ]  # the taxonomy's order
    assert [c.pk for c in response.context["constituents"]] == [first.pk, later.pk]
    html = response.content.decode()
    assert f'href="/members/{first.pk}/"' in html and "أ بلدية" in html

    union.themes.remove(water)  # seen by the next view, without any signal
    assert [t.slug for t in client.get(f"/members/{union.pk}/").context["themes"]] == ["waste"]
    assert client.get(f"/members/{aourir.pk}/").context["constituents"] == []
    member_page = client.get(f"/members/{first.pk}/")
    assert member_page.context["parent"].pk == union.pk
    assert f'href="/members/{union.pk}/">اتحاد سوس</a>' in member_page.content.decode()


def test_cards_and_facet_values_escape_what_members_write(client):
    region = RegionFactory(slug="evil", names={"ar": '<img src=x onerror="alert(1)">'})
    OrganisationFactory(names={"ar": "<script>alert('x')</script> & co"}, region=region)
    html = client.get("/members/", {"q": "script"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_api_list_rows_are_what_the_generic_serializer_makes(network):
    from rest_framework import serializers as drf

    from tashbeek.members.api.serializers import OrganisationListSerializer

    Organisation.objects.filter(pk=network.first().pk).update(latitude=None, longitude=None)
    generic = drf.ModelSerializer.to_representation
    serializer = OrganisationListSerializer()
    rows = selectors.directory_results(
        user=AnonymousUser(), filters=selectors.DirectoryFilters(), facets=False
    ).rows[:100]
    assert len(rows) == 40
    for listing in rows:
        org = Organisation.objects.select_related("region").get(pk=listing.pk)
        expected = dict(generic(serializer, org))
        assert serializer.to_representation(listing) == expected
        assert serializer.to_representation(org) == expected


@pytest.mark.parametrize("language", ["ar", "he", "fr", "en"])
def test_counts_are_formatted_as_intcomma_would(language):
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import translation

    from tashbeek.members.views.components import integer

    with translation.override(language):
        for n in (0, 7, 999, 1_000, 12_345, 1_234_567, -5_000):
            assert integer(n, language) == intcomma(n)


def test_facet_links_keep_the_query_in_order_and_reset_the_page(client, aourir):
    response = client.get("/members/", {"q": "أورير & co", "country": "MA", "page": "1"})
    facets = {facet.key: facet for facet in response.context["facets"]}
    (morocco,) = [v for v in facets["country"].values if v.value == "MA"]
    assert morocco.current
    assert morocco.href == "?q=%D8%A3%D9%88%D8%B1%D9%8A%D8%B1+%26+co"  # its own removal
    (kind,) = facets["kind"].values
    assert kind.href == f"?q=%D8%A3%D9%88%D8%B1%D9%8A%D8%B1+%26+co&country=MA&kind={kind.value}"
    html = response.content.decode()
    assert (
        f'href="?q=%D8%A3%D9%88%D8%B1%D9%8A%D8%B1+%26+co&amp;country=MA&amp;kind={kind.value}"'
        in html
    )
