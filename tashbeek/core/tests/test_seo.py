"""What public pages tell search engines and link previews: robots.txt, a sitemap of public
pages only, a favicon, Open Graph tags and schema.org JSON-LD that parses and says the right
thing (an event's start in its own zone, never its online link)."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tashbeek.events import services as event_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_robots_and_favicon(client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and icon["Location"].endswith("core/favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_the_sitemap_lists_public_pages_only(client, aourir, event, coordinator, community):
    draft = event_services.event_save(
        by=coordinator,
        data={
            "titles": {"ar": "مسودة"},
            "kind": "meeting",
            "community": community,
            "status": "draft",
            "starts_at": timezone.now() + datetime.timedelta(days=2),
            "ends_at": timezone.now() + datetime.timedelta(days=2, hours=1),
            "mode": "in_person",
        },
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert f"http://testserver{aourir.get_absolute_url()}" in urls
    assert f"http://testserver{event.get_absolute_url()}" in urls
    assert f"http://testserver{community.get_absolute_url()}" in urls
    assert f"http://testserver{draft.get_absolute_url()}" not in urls


def test_an_organisation_is_a_government_organisation_with_its_names(client, aourir):
    html = client.get(aourir.get_absolute_url()).content.decode()
    (data,) = _json_ld(html)
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "جماعة أورير" and "Commune d'Aourir" in data["alternateName"]
    assert data["address"]["addressCountry"] == "MA"
    assert (
        f'<meta property="og:url" content="http://testserver{aourir.get_absolute_url()}">' in html
    )
    assert '<meta property="og:locale" content="ar_AR">' in html


def test_an_event_starts_in_its_zone_and_keeps_its_link_private(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    (data,) = _json_ld(html)
    assert data["@type"] == "Event"
    start = datetime.datetime.fromisoformat(data["startDate"])
    assert start == event.starts_at and start.utcoffset() == datetime.timedelta(hours=1)  # Tunis
    assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert "secret-room" not in json.dumps(data)


def test_a_published_experience_is_an_article_and_a_draft_says_nothing(
    client, draft_experience, secretariat
):
    from tashbeek.experiences import services

    client.force_login(draft_experience.created_by)  # the author reads the draft
    draft_html = client.get(draft_experience.get_absolute_url())
    assert draft_html.status_code == 200
    assert (
        _json_ld(draft_html.content.decode()) == []
        and "og:title" not in draft_html.content.decode()
    )
    client.logout()
    services.experience_submit(by=draft_experience.created_by, experience=draft_experience)
    services.experience_review(by=secretariat, experience=draft_experience, decision="publish")
    html = client.get(draft_experience.get_absolute_url()).content.decode()
    (data,) = _json_ld(html)
    assert data["@type"] == "Article" and data["headline"] == draft_experience.title
    assert data["inLanguage"] == draft_experience.language and data["datePublished"]
    assert '<meta property="og:type" content="article">' in html


def test_json_ld_cannot_close_its_script(client, aourir):
    aourir.names = {"ar": "</script><script>alert(1)</script>"}
    aourir.save()
    html = client.get(aourir.get_absolute_url()).content.decode()
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and json.loads(block)["name"].startswith("</script>")
