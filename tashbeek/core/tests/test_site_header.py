"""The site header (includes/site_header.html): this request's page to come back to, a CSRF
token of its own, and the signed-in person's own links."""

import re

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

HEADER = re.compile(r'<header class="site-header">.*?</header>', re.S)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _header(response) -> str:
    return HEADER.search(response.content.decode()).group(0)


def _without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


PATHS = [
    "/members/",
    "/members/?q=%D8%A3%D9%88%D8%B1%D9%8A%D8%B1&country=MA",
    "/members/?a=1&b=%22%3E%3Cx%3E&c='",
    "/search/?q=water",
]


@pytest.mark.parametrize("language", ["ar", "he", "fr", "en"])
def test_the_header_is_in_the_page_language_with_its_own_page_to_come_back_to(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for path in PATHS:
        html = _header(client.get(path))
        assert f'lang="{language}" selected' in html
        assert 'name="next" value="/' in html


def test_next_page_is_escaped():
    html = _header(Client().get("/members/?a=1&b=2&c='"))
    assert 'name="next" value="/members/?a=1&amp;b=2&amp;c=&#x27;"' in html


def test_each_page_gets_its_own_token_and_the_token_works():
    client = Client(enforce_csrf_checks=True)
    tokens = [TOKEN.search(_header(client.get("/members/"))).group(1) for _ in range(3)]
    assert len(set(tokens)) == 3  # masked afresh on every page, as a full render does
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/members/", "csrfmiddlewaretoken": tokens[-1]}
    )
    assert response.status_code == 302
    page = client.get("/members/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert 'lang="fr" selected' in _header(client.get("/members/"))


def test_a_forged_token_is_still_refused():
    client = Client(enforce_csrf_checks=True)
    client.get("/members/")
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/members/", "csrfmiddlewaretoken": "x" * 64}
    )
    assert response.status_code == 403


def test_signed_in_people_get_their_own_header(client, secretariat, resident):
    Client().get("/members/")  # a visitor's header is rendered and kept first
    for person in (secretariat, resident):
        client.force_login(person)
        html = _header(client.get("/members/"))
        assert person.full_name in html
        assert "/accounts/logout/" in html or "logout" in html
        assert ("/audit/" in html) == person.has_perm("core.view_auditentry")
    client.logout()
    html = _header(client.get("/members/"))
    assert secretariat.full_name not in html and resident.full_name not in html
