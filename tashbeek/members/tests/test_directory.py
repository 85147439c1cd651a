"""The public directory: spelling-tolerant search, facets with counts, sorting, paging, map."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tashbeek.core.models import Theme
from tashbeek.tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query", ["أورير", "اورير", "أُورِير", "اوريـر", "Aourir", "AOURIR", "commune d'aourir"]
)
def test_every_spelling_finds_aourir(client, aourir, other_member, query):
    response = client.get("/members/", {"q": query})
    assert response.status_code == 200
    assert [org.pk for org in response.context["page"]] == [aourir.pk]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("كفركنا", "kafr"),
        ("كفر كنا", "kafr"),
        ("KafrKanna", "kafr"),
        ("Kafr-Kanna", "kafr"),
        ("Beni Mellal", "beni"),
        ("Beni-Mellal", "beni"),
        ("BeniMellal", "beni"),
        ("بني ملال", "beni"),
        ("بنيملال", "beni"),
    ],
)
def test_names_are_found_with_or_without_their_spaces_and_hyphens(client, query, expected):
    from django.contrib.auth.models import AnonymousUser

    from tashbeek.members.selectors import DirectoryFilters, organisation_search

    made = {
        "kafr": OrganisationFactory(country="IL", names={"ar": "كفر كنا", "en": "Kafr Kanna"}),
        "beni": OrganisationFactory(country="MA", names={"fr": "Béni-Mellal", "ar": "بني ملال"}),
    }
    OrganisationFactory(country="MA", names={"ar": "كفر قاسم", "fr": "Beni Ansar"})
    page = client.get("/members/", {"q": query}).context["page"]
    assert [org.pk for org in page] == [made[expected].pk]  # the in-memory index
    sql = organisation_search(user=AnonymousUser(), filters=DirectoryFilters(q=query))
    assert [org.pk for org in sql] == [made[expected].pk]  # and the SQL path agree


def test_filters_combine_and_facets_count_under_other_filters(client, aourir, other_member):
    waste = Theme.objects.get(slug="waste")
    child = Theme.objects.get(slug="waste-collection")
    aourir.themes.add(child)
    region = RegionFactory(country="MA", slug="souss-massa")
    aourir.region = region
    aourir.save()
    OrganisationFactory(country="MA", relation="partner", membership_status="", kind="association")
    response = client.get("/members/", {"country": "MA", "theme": waste.slug})
    assert [o.pk for o in response.context["page"]] == [
        aourir.pk
    ]  # the parent theme includes its child
    facets = {f.key: {v.value: v.n for v in f.values} for f in response.context["facets"]}
    assert facets["country"] == {
        "MA": 1
    }  # country counts ignore the country filter but keep the theme
    assert facets["status"] == {"active": 1}
    assert facets["region"] == {"souss-massa": 1}
    response = client.get("/members/", {"status": "partner"})
    assert response.context["page"].paginator.count == 1


def test_population_bands_and_sorting(client, db):
    small = OrganisationFactory(population=1200)
    big = OrganisationFactory(population=600_000)
    OrganisationFactory(population=50_000)
    response = client.get("/members/", {"population": "lt5k"})
    assert [o.pk for o in response.context["page"]] == [small.pk]
    response = client.get("/members/", {"sort": "-population"})
    assert response.context["page"][0].pk == big.pk


@pytest.mark.parametrize(
    "params",
    [
        {"page": "999999"},
        {"page": "-3"},
        {"page": "abc"},
        {"kind": "spaceship"},
        {"sort": "password"},
        {"q": "x" * 10_000},
        {"q": '" OR 1=1 --'},
        {"theme": "<script>"},
        {"country": "ZZZ"},
    ],
)
def test_bad_parameters_never_fail(client, aourir, params):
    response = client.get("/members/", params)
    assert response.status_code == 200


def test_empty_result_page_helps(client, aourir):
    response = client.get("/members/", {"q": "لا يوجد مثل هذا الاسم"}, HTTP_ACCEPT_LANGUAGE="en")
    assert b"No organisation matches these filters." in response.content
    assert b"Clear all filters" in response.content


def test_htmx_request_gets_only_the_results(client, aourir):
    response = client.get("/members/", {"q": "اورير"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert "جماعة أورير".encode() in response.content


def test_map_geojson_respects_filters(client, aourir, other_member):
    data = client.get("/members/map.json", {"country": "MA"}).json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["url"] for f in data["features"]] == [f"/members/{aourir.pk}/"]
    assert data["features"][0]["geometry"]["coordinates"] == [-7.5, 31.5]


def test_html_lang_and_dir_follow_the_language(client, aourir):
    for language, direction in [("ar", "rtl"), ("he", "rtl"), ("fr", "ltr"), ("en", "ltr")]:
        response = client.get("/members/", HTTP_ACCEPT_LANGUAGE=language)
        assert f'<html lang="{language}" dir="{direction}">'.encode() in response.content


def test_arabic_is_the_default_language(client, aourir):
    response = client.get("/members/", HTTP_ACCEPT_LANGUAGE="")
    assert b'<html lang="ar" dir="rtl">' in response.content


def test_reader_sees_names_in_their_language_with_fallback(client, aourir):
    assert b"Commune d&#x27;Aourir" in client.get("/members/", HTTP_ACCEPT_LANGUAGE="fr").content
    # No English name: English readers fall back to French before Arabic.
    assert b"Commune d&#x27;Aourir" in client.get("/members/", HTTP_ACCEPT_LANGUAGE="en").content
    assert "جماعة أورير".encode() in client.get("/members/", HTTP_ACCEPT_LANGUAGE="ar").content


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/members/",
        "/members/?country=MA&sort=-population",
        "/members/?q=بلدية",
        "/members/map.json",
        "/api/v1/organisations/",
        "/api/v1/organisations/?q=municipality&limit=100",
    ],
)
def test_query_count_does_not_grow_with_rows(client, url):
    region = RegionFactory()
    theme = Theme.objects.get(slug="water")
    for _ in range(10):
        OrganisationFactory(region=region).themes.add(theme)
    few = _queries(client, url)
    for _ in range(190):
        OrganisationFactory(region=region).themes.add(theme)
    assert _queries(client, url) == few


def test_audit_log_query_count_does_not_grow(client, secretariat, aourir):
    from tashbeek.members import services

    client.force_login(secretariat)
    for i in range(10):
        services.organisation_update(
            organisation=aourir, by=secretariat, data={"population": 1000 + i}
        )
    few = _queries(client, "/audit/")
    for i in range(60):
        services.organisation_update(
            organisation=aourir, by=secretariat, data={"population": 2000 + i}
        )
    assert _queries(client, "/audit/") == few


def test_cached_facets_follow_every_change(client, aourir, focal_aourir, secretariat):
    from tashbeek.members import services

    def kinds():
        # Read from the HTML: a cached body has no template context.
        html = client.get("/members/").content.decode()
        found = re.findall(r'kind=(\w+)"[^>]*>[^<]*</a> <span class="count">(\d+)</span>', html)
        return {kind: int(n) for kind, n in found}

    assert kinds() == {"rural_commune": 1}
    assert kinds() == {"rural_commune": 1}  # served from the cache
    services.organisation_update(
        organisation=aourir, by=secretariat, data={"kind": "urban_commune"}
    )
    assert kinds() == {"urban_commune": 1}
    OrganisationFactory(kind="village_council")
    assert kinds() == {"urban_commune": 1, "village_council": 1}
    aourir.delete()
    assert kinds() == {"village_council": 1}


def test_directory_body_is_cached_per_language_and_version(client, aourir):
    first = _queries(client, "/members/?country=MA")
    again = _queries(client, "/members/?country=MA")
    assert again == 1 < first  # only the data-version probe (the directory change counter)
    french = client.get("/members/?country=MA", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Membres et partenaires" in french
    arabic = client.get("/members/?country=MA").content.decode()
    assert "Membres et partenaires" not in arabic and "جماعة أورير" in arabic
