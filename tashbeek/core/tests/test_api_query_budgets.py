"""The API lists of the exchange platform cost the same number of queries for 3 rows or 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import EXPERIENCE_TEXT, pdf_upload

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(n, community, staff_aourir, focal_aourir, coordinator, aourir, thread):
    from tashbeek.discussions import services as discussions
    from tashbeek.experiences import services as experiences
    from tashbeek.library import services as library
    from tashbeek.workplans import services as plans

    for i in range(n):
        library.document_create(
            by=staff_aourir,
            data={"kind": "study", "titles": {"en": f"Study {i}"}, "community": community},
            upload=pdf_upload(),
        )
        experience = experiences.experience_save(
            by=focal_aourir,
            data={**EXPERIENCE_TEXT, "organisation": aourir, "communities": [community]},
        )
        experiences.experience_submit(by=focal_aourir, experience=experience)
        experiences.experience_review(by=coordinator, experience=experience, decision="publish")
        plans.plan_item_save(
            by=coordinator, community=community, data={"year": 2026, "activity": f"A{i}"}
        )
        discussions.thread_start(by=coordinator, community=community, title=f"T{i}", body="x")
        discussions.post_reply(by=staff_aourir, thread=thread, body=f"r{i}")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents/",
        "/api/v1/experiences/",
        "/api/v1/plan-items/?community=public-relations",
        "/api/v1/threads/",
        "/api/v1/threads/{thread}/",
        "/communities/public-relations/",
        "/communities/public-relations/discussions/",
        "/experiences/review/",
    ],
)
def test_lists_do_not_add_queries_per_row(
    client, url, community, staff_aourir, focal_aourir, coordinator, aourir, thread
):
    client.force_login(coordinator)
    url = url.format(thread=thread.pk)
    _grow(3, community, staff_aourir, focal_aourir, coordinator, aourir, thread)
    few = _count(client, url)
    _grow(17, community, staff_aourir, focal_aourir, coordinator, aourir, thread)
    assert _count(client, url) == few
