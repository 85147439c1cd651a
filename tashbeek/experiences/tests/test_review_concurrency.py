"""Two reviewers deciding on the same experience at the same moment, each on its own
connection: exactly one review is recorded, the other is told the experience moved on."""

import pytest

from tashbeek.experiences import services
from tashbeek.experiences.models import Experience, ExperienceReview
from tashbeek.members.tests.test_concurrency import _race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("decisions", [("publish", "publish"), ("publish", "return")])
def test_simultaneous_reviews_yield_exactly_one(
    draft_experience, focal_aourir, coordinator, secretariat, decisions
):
    services.experience_submit(by=focal_aourir, experience=draft_experience)

    def review(person, decision):
        return lambda: services.experience_review(
            by=person,
            experience=Experience.objects.get(pk=draft_experience.pk),
            decision=decision,
            comments="Add figures.",
        )

    outcomes = _race(
        [review(p, d) for p, d in zip((coordinator, secretariat), decisions, strict=True)]
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    refused = next(o[1] for o in outcomes if o[0] == "refused")
    assert getattr(refused, "code", None) == "stale", refused
    assert ExperienceReview.objects.filter(experience=draft_experience).count() == 1
