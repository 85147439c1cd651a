"""Names and amounts in a notification are rendered in each recipient's language when it is
read or sent, not frozen in the sender's: a Hebrew reader gets the Hebrew name of Nazareth,
a French committee member the French name of Tiznit."""

import pytest
from django.core import mail
from django.utils import translation

from tashbeek.members import services
from tashbeek.members.models import Affiliation
from tashbeek.notifications.models import Notification
from tashbeek.tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]

NAZARETH = {
    "ar": "بلدية الناصرة",
    "he": "עיריית נצרת",
    "fr": "Municipalité de Nazareth",
    "en": "Nazareth Municipality",
}


@pytest.fixture
def nazareth(db):
    return OrganisationFactory(names=NAZARETH, country="IL", population=78000)


@pytest.mark.parametrize("language", ["ar", "he", "fr", "en"])
def test_the_dues_notice_names_the_member_in_the_readers_language(
    nazareth, schedule, secretariat, language
):
    focal = UserFactory(preferred_language=language)
    Affiliation.objects.create(user=focal, organisation=nazareth, role="focal")
    mail.outbox.clear()
    services.dues_generate(schedule=schedule, by=secretariat)
    notice = Notification.objects.get(user=focal, action="members.dues.generated")
    (message,) = [m for m in mail.outbox if m.to == [focal.email]]
    assert NAZARETH[language] in message.body
    for other in set(NAZARETH) - {language}:
        assert NAZARETH[other] not in message.body
    with translation.override(language):
        assert NAZARETH[language] in notice.text
    # Read later in another language (the inbox follows the page): the name follows too.
    with translation.override("fr"):
        assert "Municipalité de Nazareth" in notice.text
        assert "39 000,00 MAD" in notice.text.replace("\u202f", " ").replace("\xa0", " ")
    with translation.override("en"):
        assert "39,000.00 MAD" in notice.text


def test_the_committee_reads_the_applicants_name_in_its_own_language(
    draft_application, applicant, committee_member
):
    from conftest import pdf_upload

    committee_member.preferred_language = "fr"
    committee_member.save()
    applicant.preferred_language = "ar"
    applicant.save()
    mail.outbox.clear()
    services.application_document_add(
        application=draft_application, by=applicant, upload=pdf_upload()
    )
    services.application_submit(application=draft_application, by=applicant, declaration=True)
    (to_committee,) = [m for m in mail.outbox if m.to == [committee_member.email]]
    assert "Commune de Tiznit" in to_committee.body and "تيزنيت" not in to_committee.body
    (to_applicant,) = [m for m in mail.outbox if m.to == [applicant.email]]
    assert "جماعة تيزنيت" in to_applicant.body
