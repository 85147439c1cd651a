"""Cooperation in search: public projects, signed agreements and shared services are found
and matched to a need; a private project and a proposed agreement stay out of the index."""

import pytest
from django.urls import reverse

from tashbeek.cooperation import services
from tashbeek.needs.selectors import who_can_help
from tashbeek.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _kinds():
    return set(SearchEntry.objects.values_list("kind", "object_id"))


def test_what_is_public_is_indexed(cooperation, focal_aourir, focal_nablus, other_member):
    project, agreement = cooperation["project"], cooperation["agreement"]
    assert ("project", project.pk) in _kinds()
    assert ("service", cooperation["service"].pk) in _kinds()
    assert ("agreement", agreement.pk) not in _kinds()  # awaiting Nablus's confirmation
    services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    assert ("agreement", agreement.pk) in _kinds()
    services.project_save(by=focal_aourir, project=project, data={"public": False})
    assert ("project", project.pk) not in _kinds()


def test_a_need_finds_the_project_that_answers_it(cooperation, need, staff_aourir, client):
    project = cooperation["project"]
    services.project_save(
        by=staff_aourir,
        project=project,
        data={
            "titles": {"fr": "Transport scolaire", "ar": "النقل المدرسي"},
            "summaries": {"fr": need.title + ". " + need.description},
        },
    )
    found = who_can_help(user=staff_aourir, need=need)
    assert project.get_absolute_url() in [m.entry.url for m in found.cooperation]
    page = client.get(reverse("search:search") + "?q=" + "Transport scolaire").text
    assert project.get_absolute_url() in page
