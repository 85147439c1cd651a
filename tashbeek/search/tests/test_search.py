"""Search and matchmaking: the analyser, the index kept current, visibility per persona,
bad queries, the import's all-or-nothing behaviour, and cross-lingual matching."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import PERSONAS
from tashbeek.experiences.importing import ImportRejected, experiences_import, read_rows
from tashbeek.experiences.models import Experience
from tashbeek.search.analysis import analyse, detect_language, normalise, query_terms, stem
from tashbeek.search.matching import match
from tashbeek.search.models import SearchEntry
from tashbeek.search.selectors import search
from tashbeek.search.services import reindex


@pytest.fixture(autouse=True)
def _embeddings_on(settings):
    settings.SEARCH_EMBEDDINGS = True


VARIANTS = [
    "النفايات المنزلية",
    "النفـايات المنزليه",
    "النُّفَايَات المَنْزِلِيَّة",
    "والنفايات المنزلية",
]


@pytest.mark.parametrize(
    "text,language,expected",
    [
        ("المدرسى المدرسي المدرسية", "ar", ["مدرس", "مدرس", "مدرس"]),
        ("الإنارة الانارة", "ar", ["انار", "انار"]),
        ("تَأْسِيس مَجْلِس", "ar", ["تاسيس", "مجلس"]),
        ("الصغيره الصغيرة", "ar", ["صغير", "صغير"]),
        ("٢٠٢٤ ۲۰۲۴", "ar", ["2024", "2024"]),
        ("Le tri des déchets ménagers", "fr", ["tri", "dechet", "menager"]),
        ("Participatory budgeting for the residents", "en", ["participatori", "budget", "resid"]),
        ("תַּקְצִיב הָעִירִיָּה", "he", ["תקציב", "עירי"]),
    ],
)
def test_analyser(text, language, expected):
    assert analyse(text, language) == expected


@pytest.mark.parametrize(
    "forms",
    [
        # article, particles and plural: one stem
        ("תלמידים", "לתלמידים", "התלמידים", "וכשהתלמידים", "תלמיד"),
        ("הסעה", "הסעות", "ההסעות"),
        ("מכרז", "מכרזים", "במכרזים"),
        ("רשות", "רשויות"),
        ("זכות", "זכויות"),
        # short words keep their root letters: a particle is never the word's last three
        ("בית", "בבית"),
        ("מים", "המים"),
    ],
)
def test_hebrew_forms_of_a_word_meet_on_one_stem(forms):
    assert len({stem(normalise(form), "he") for form in forms}) == 1


@pytest.mark.parametrize(
    "forms",
    [
        # singular, plural, article and attached particles: one stem
        ("حافلة", "حافلات", "الحافلات", "بالحافلة", "والحافلات"),
        ("بلدية", "البلديات", "للبلديات", "وبلديات"),
        ("المواطنين", "المواطنون", "مواطن"),
        ("مشروع", "مشروعها", "والمشروع"),
    ],
)
def test_arabic_forms_of_a_word_meet_on_one_stem(forms):
    assert len({stem(normalise(form), "ar") for form in forms}) == 1


@pytest.mark.parametrize("name", ["كفركنا", "بيت لحم", "برقين", "لقية", "بني ملال"])
def test_arabic_place_names_are_found_as_written(name):
    text = f"تجربة بلدية {name} في جمع النفايات"
    assert set(query_terms(name)) <= set(analyse(text, "ar"))
    assert set(query_terms(f"ب{name}")) != set(query_terms(name))  # ب is not a particle


def test_arabic_keeps_a_name_apart_from_a_shorter_word():
    # Snowball cut كفركنا to كفر (a village to "disbelief"), and البلديات to لديا.
    assert query_terms("كفركنا") == ["كفركنا"] and query_terms("كفر") == ["كفر"]
    assert query_terms("البلديات") == query_terms("بلدية")


def test_hebrew_keeps_words_apart_that_only_share_letters():
    # בית (house) is not stripped to ית, nor מים (water) to ים, so they match nothing else.
    assert stem("בית", "he") != stem("ית", "he")
    assert stem("מים", "he") != stem("ים", "he")


def test_every_spelling_variant_gives_the_same_terms():
    assert len({tuple(query_terms(v)) for v in VARIANTS}) == 1


def test_language_detection():
    assert detect_language("بلدية صغيرة") == "ar"
    assert detect_language("עירייה קטנה") == "he"
    assert detect_language("La commune a lancé le tri des déchets") == "fr"
    assert detect_language("The council launched waste sorting") == "en"


def _rows(*rows):
    return [(n, row, "") for n, row in enumerate(rows, start=1)]


ROWS = [
    {
        "external_id": "t-1",
        "language": "ar",
        "title": "فرز النفايات المنزلية من المصدر",
        "summary": "أطلقت البلدية مشروعا لفرز النفايات في الأحياء بحاويات ملونة.",
        "themes": ["waste", "recycling"],
        "organisation": "بلدية تجريبية",
        "country": "JO",
        "source_url": "https://example.org/1",
    },
    {
        "external_id": "t-2",
        "language": "fr",
        "title": "Tri sélectif des déchets ménagers",
        "summary": "La commune a installé des conteneurs de tri dans chaque quartier.",
        "themes": ["waste"],
        "organisation": "Commune test",
        "country": "FR",
        "source_url": "https://example.org/2",
    },
    {
        "external_id": "t-3",
        "language": "en",
        "title": "LED street lighting retrofit",
        "summary": "The town replaced sodium street lamps with LED lamps and cut its bill.",
        "themes": ["street-lighting"],
        "organisation": "Test Town",
        "country": "US",
        "source_url": "https://example.org/3",
    },
]


@pytest.fixture
def imported(db):
    experiences_import(rows=_rows(*ROWS))
    return {e.external_id: e for e in Experience.objects.all()}


def _ids(found):
    return [r.entry.external_id for r in found.results]


def test_import_publishes_indexes_and_keeps_unknown_themes(imported):
    first = imported["t-1"]
    assert first.status == "published" and first.country == "JO"
    assert "recycling" in first.keywords or first.themes.filter(slug="recycling").exists()
    assert SearchEntry.objects.filter(kind="experience").count() == 3
    assert SearchEntry.objects.filter(embedded_at__isnull=False).count() == 3


@pytest.mark.parametrize("query", VARIANTS)
def test_each_arabic_variant_finds_the_same_experience(imported, query):
    found = search(user=AnonymousUser(), q=query)
    # The French one is found through its theme, whose Arabic name is indexed with it.
    assert _ids(found) == ["t-1", "t-2"]
    assert "<mark>" in str(found.results[0].snippet)


def test_a_hebrew_write_up_is_found_by_other_forms_of_its_words(db):
    hebrew = {
        "external_id": "he-1",
        "language": "he",
        "title": "הסעות תלמידים מהיישובים המרוחקים",
        "summary": "המועצה הפעילה הסעה לבית הספר לכל התלמידים.",
        "themes": ["education"],
        "organisation": "מועצה אזורית לדוגמה",
        "country": "PS",
        "source_url": "https://example.org/he-1",
    }
    experiences_import(rows=_rows(*ROWS, hebrew))
    # Without the particle (ל), in the singular, and with the article: the same write-up.
    for query in ("הסעה לתלמיד", "ההסעות", "לתלמידים"):
        assert _ids(search(user=AnonymousUser(), q=query)) == ["he-1"], query


def test_reimport_updates_by_external_id(imported):
    changed = dict(ROWS[2], title="LED lighting and smart meters")
    report = experiences_import(rows=_rows(changed))
    assert (report.created, report.updated) == (0, 1)
    assert Experience.objects.get(external_id="t-3").title == "LED lighting and smart meters"
    assert _ids(search(user=AnonymousUser(), q="smart meters")) == ["t-3"]


def test_a_bad_file_imports_nothing_and_reports_every_bad_row(db):
    bad = [
        ROWS[0],
        dict(ROWS[1], language="de"),
        dict(ROWS[2], external_id="t-1"),
        {"external_id": "t-4", "title": "x"},
        dict(ROWS[2], external_id="t-5", country="XX", source_url="javascript:alert(1)"),
    ]
    data = "\n".join(json.dumps(row, ensure_ascii=False) for row in bad) + "\nnot json\n"
    with pytest.raises(ImportRejected) as rejected:
        experiences_import(rows=read_rows(data.encode(), "file.jsonl"))
    assert [line for line, _ in rejected.value.errors] == [2, 3, 4, 5, 6]
    assert not Experience.objects.exists() and not SearchEntry.objects.exists()


def test_long_source_addresses_import_and_overlong_ones_are_refused(db):
    # Percent-encoded Arabic paths are long: the development set has sources of 495 characters.
    path = "/%D8%A8%D9%84%D8%AF%D9%8A%D8%A9" * 15
    long_url, overlong = "https://example.org" + path, "https://example.org/" + "a" * 2000
    rows = [dict(ROWS[0], source_url=long_url), dict(ROWS[1], source_url=overlong)]
    with pytest.raises(ImportRejected) as rejected:
        experiences_import(rows=_rows(*rows))
    assert [line for line, _ in rejected.value.errors] == [2]
    assert "source_url" in rejected.value.errors[0][1] and "2000" in rejected.value.errors[0][1]
    experiences_import(rows=_rows(rows[0]))
    assert Experience.objects.get().source_url == long_url


def test_csv_import(db):
    data = (
        "external_id,language,title,summary,themes,organisation,country,source_url\n"
        "c-1,fr,Budget participatif,Les habitants votent les projets.,budgeting;youth,"
        "Ville,FR,https://example.org/c\n"
    )
    report = experiences_import(rows=read_rows(data.encode(), "file.csv"))
    assert report.created == 1
    assert Experience.objects.get().keywords or Experience.objects.get().themes.exists()


def test_index_follows_edits_unpublishing_and_reindex(experience, secretariat, focal_aourir):
    from tashbeek.experiences import services

    assert search(user=AnonymousUser(), q=experience.title).total >= 1
    services.experience_save(by=focal_aourir, experience=experience, data={"title": "قوارب"})
    assert _ids(search(user=AnonymousUser(), q="قوارب")) == [""]
    services.experience_unpublish(by=secretariat, experience=experience, reason="Out of date")
    assert search(user=AnonymousUser(), q="قوارب").total == 0
    SearchEntry.objects.all().delete()
    reindex()
    assert not SearchEntry.objects.filter(kind="experience").exists()
    assert SearchEntry.objects.filter(kind="organisation").exists()


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_visibility_matches_the_apps_rules(
    persona, persona_name, library_document, thread, need, experience
):
    """A community-only document and thread, a members-only need: what search shows each
    persona is exactly what the apps' own queries let them see."""
    from tashbeek.discussions.rules import rules as _  # noqa: F401 - rules loaded
    from tashbeek.library.selectors import documents_visible_to
    from tashbeek.needs.selectors import needs_visible_to

    user = persona(persona_name) or AnonymousUser()
    words = "Publishing council Transport scolaire " + library_document.title
    found = search(user=user, q=words)
    seen = {(r.entry.kind, r.entry.object_id) for r in found.results}
    counted = dict(found.facets["kind"])
    may_read_doc = documents_visible_to(user).filter(pk=library_document.pk).exists()
    may_read_thread = user.has_perm("discussions.view_discussions", thread.community)
    may_read_need = needs_visible_to(user).filter(pk=need.pk).exists()
    assert (("document", library_document.pk) in seen) == may_read_doc
    assert (("thread", thread.pk) in seen) == may_read_thread
    assert (("need", need.pk) in seen) == may_read_need
    assert ("need" in counted) == may_read_need


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_the_sql_and_orm_audience_conditions_agree(
    persona, persona_name, library_document, thread, need, experience
):
    """Full text filters with audience_sql, matching with audience_q: for every persona
    both must keep exactly the same entries."""
    from django.db import connection

    from tashbeek.search.backends import audience_q, audience_sql

    user = persona(persona_name) or AnonymousUser()
    where, params = audience_sql(user)
    with connection.cursor() as cursor:
        # The condition is placeholders only (see backends.audience_sql).
        cursor.execute(f"SELECT e.id FROM search_searchentry e WHERE {where}", params)  # noqa: S608
        by_sql = {row[0] for row in cursor.fetchall()}
    by_orm = set(SearchEntry.objects.filter(audience_q(user)).values_list("pk", flat=True))
    assert by_sql == by_orm
    assert SearchEntry.objects.filter(audience="public").count() <= len(by_sql)


@pytest.mark.parametrize(
    "query",
    ["", " ", '"', "*", "NEAR(", "OR", "a OR b", "'; DROP TABLE x; --", "x" * 10_000, "\x00"],
)
def test_bad_queries_never_fail(client, imported, query):
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]["message"]
    assert client.get("/search/", {"q": query}).status_code in (200, 400)
    assert client.get("/api/v1/match/", {"text": query}).status_code in (200, 400)


def test_search_api_and_facets(client, imported):
    body = client.get("/api/v1/search/", {"q": "déchets النفايات"}).json()
    assert {r["external_id"] for r in body["results"]} == {"t-1", "t-2"}
    assert {f["value"]: f["count"] for f in body["facets"]["language"]} == {"ar": 1, "fr": 1}
    only = client.get("/api/v1/search/", {"q": "déchets النفايات", "language": "fr"}).json()
    assert [r["external_id"] for r in only["results"]] == ["t-2"]


def test_match_is_cross_lingual_with_reasons(client, imported):
    body = client.post(
        "/api/v1/match/",
        {"text": "نريد تعميم فرز النفايات المنزلية في الأحياء", "limit": 3},
        content_type="application/json",
    ).json()
    ids = [r["external_id"] for r in body["results"]]
    assert ids[:2] in (["t-1", "t-2"], ["t-2", "t-1"])  # the French one too
    assert body["results"][0]["reasons"]
    assert client.get("/api/v1/match/", {"text": "x", "limit": 500}).status_code == 400


def test_match_without_the_model_uses_full_text(imported, settings):
    settings.SEARCH_EMBEDDINGS = False
    found = match(user=AnonymousUser(), text="LED street lamps")
    assert found[0].entry.external_id == "t-3" and found[0].similarity is None


def test_need_page_shows_who_can_help_and_authors_are_told(
    client, need, staff_aourir, draft_experience, focal_aourir, coordinator, staff_other_member
):
    from tashbeek.experiences import services
    from tashbeek.needs import services as need_services
    from tashbeek.notifications.models import Notification

    other = need_services.need_save(
        by=staff_other_member,
        data={
            "organisation": staff_other_member.affiliations.get().organisation,
            "title": "حافلة مدرسية للدواوير البعيدة",
            "description": "تلاميذ الدواوير البعيدة يمشون طويلا إلى المدرسة، نبحث عن نقل مدرسي.",
        },
    )
    assert other.language == "ar"
    services.experience_submit(by=focal_aourir, experience=draft_experience)
    services.experience_review(by=coordinator, experience=draft_experience, decision="publish")
    told = Notification.objects.filter(user=staff_other_member, action="needs.need.matched")
    assert told.count() == 1
    client.force_login(staff_other_member)
    page = client.get(other.get_absolute_url())
    assert page.status_code == 200
    assert draft_experience.title in page.content.decode()


def test_search_page_query_count_does_not_grow_with_results(
    client, db, django_assert_max_num_queries
):
    experiences_import(rows=_rows(*[dict(ROWS[1], external_id=f"q-{i}") for i in range(40)]))
    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": "déchets"})
    assert response.status_code == 200 and response.content.decode().count("<article") == 20


def test_reasons_show_the_words_as_typed_and_theme_names_in_the_readers_language(imported):
    """Reasons read "الأحياء" as the person wrote it (not the folded "الاحياء"), and a shared
    theme by its name in the reader's language, not its slug."""
    from django.utils import translation

    from tashbeek.core.models import Theme

    Theme.objects.update_or_create(
        slug="waste", defaults={"scheme": "sector", "names": {"he": "פסולת", "en": "Waste"}}
    )
    with translation.override("he"):
        (found, *_rest) = match(
            user=AnonymousUser(), text="فرز النفايات في الأحياء بحاويات ملوّنة", themes=["waste"]
        )
        reasons = " ".join(found.reasons)
    assert found.entry.external_id == "t-1"
    assert "פסולת" in reasons and "waste" not in reasons
    assert "الأحياء" in reasons and "الاحياء" not in reasons


def test_hebrew_terms_stored_before_stemming_are_stemmed_by_the_migration(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("tashbeek.search.migrations.0006_hebrew_stems")
    row = dict(ROWS[0], external_id="he-old", language="he", title="הסעות תלמידים")
    experiences_import(rows=_rows(row))
    entry = SearchEntry.objects.get(external_id="he-old")
    # As an index written before Hebrew stemming held it: the normalised words.
    SearchEntry.objects.filter(pk=entry.pk).update(title_terms="הסעות תלמידים")
    assert _ids(search(user=AnonymousUser(), q="לתלמידים")) == []
    migration.stem_hebrew_terms(apps, None)
    entry.refresh_from_db()
    assert entry.title_terms == "הסע תלמיד"
    # The full-text table followed the update.
    assert _ids(search(user=AnonymousUser(), q="לתלמידים")) == ["he-old"]


def test_reindex_stale_rebuilds_what_an_older_analyser_indexed(imported):
    from io import StringIO

    from django.core.management import call_command

    from tashbeek.search.analysis import VERSION

    assert set(SearchEntry.objects.values_list("analyser", flat=True)) == {VERSION}
    first = SearchEntry.objects.get(external_id="t-1")
    held = (first.title_terms, first.body_terms, first.embedding)
    # As an index written by Snowball's Arabic stemmer held it (before this version).
    SearchEntry.objects.filter(pk=first.pk).update(
        analyser=0, title_terms="فرز نفايا منزل مصدر", body_terms="لديا نفايا"
    )
    assert "t-1" not in _ids(search(user=AnonymousUser(), q="البلديات والنفايات"))
    out = StringIO()
    call_command("reindex", "--stale", "--no-embeddings", stdout=out)
    first.refresh_from_db()
    assert (first.title_terms, first.body_terms, first.embedding) == held
    assert first.analyser == VERSION
    assert _ids(search(user=AnonymousUser(), q="النفايات المنزلية")) == ["t-1", "t-2"]
    call_command("reindex", "--stale", stdout=out)
    assert out.getvalue().endswith("The search index is up to date.\n")


def test_a_query_vector_is_encoded_once_per_text_while_cached(monkeypatch, settings):
    from tashbeek.search import embeddings

    real = embeddings._encode
    encoded: list[str] = []

    def counting(texts, *, query):
        encoded.extend(texts)
        return real(texts, query=query)

    monkeypatch.setattr(embeddings, "_encode", counting)
    need = "حافلة مدرسية للتلاميذ في الدواوير البعيدة"
    first = embeddings.encode_query(need)
    again = embeddings.encode_query(need)
    assert encoded == [need] and (again == first).all()
    embeddings.encode_query(need + " ؟")  # an edited text is another key
    assert len(encoded) == 2
    settings.SEARCH_QUERY_VECTOR_CACHE_SECONDS = 0  # off: every call encodes
    embeddings.encode_query(need)
    embeddings.encode_query(need)
    assert len(encoded) == 4
