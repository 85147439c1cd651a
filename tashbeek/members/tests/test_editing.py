"""Editing profiles, audit entries, and bad input answered with 400 and nothing saved."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from PIL import Image

from tashbeek.core.models import AuditEntry
from tashbeek.members.models import Affiliation, Organisation

pytestmark = pytest.mark.django_db


def _form(org, **overrides):
    data = {
        "names_ar": "جماعة أورير",
        "names_he": "",
        "names_fr": "Commune d'Aourir",
        "names_en": "Aourir",
        "descriptions_ar": "جماعة ساحلية",
        "descriptions_he": "",
        "descriptions_fr": "",
        "descriptions_en": "",
        "country": "MA",
        "population": "35000",
        "population_year": "2024",
        "website": "https://aourir.ma",
        "email": "contact@aourir.ma",
        "latitude": "30.49",
        "longitude": "-9.64",
    }
    data.update(overrides)
    return data


def _png(size=(4, 4)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "logo.png"
    return buffer


def test_focal_person_edits_and_it_is_audited(client, focal_aourir, aourir):
    client.force_login(focal_aourir)
    response = client.post(
        f"/members/{aourir.pk}/edit/", _form(aourir, population="٣٦٠٠٠", logo=_png())
    )
    assert response.status_code == 302
    aourir.refresh_from_db()
    assert aourir.population == 36000  # Arabic-Indic digits accepted
    assert aourir.names["en"] == "Aourir"
    assert aourir.logo.name.startswith("logos/")
    entry = AuditEntry.objects.get(action="members.organisation.updated")
    assert entry.actor == focal_aourir
    assert entry.before["population"] == 35000 and entry.after["population"] == 36000
    assert entry.ip_address == "127.0.0.1"


def test_reserved_fields_are_not_offered_to_the_focal_person(client, focal_aourir, aourir):
    client.force_login(focal_aourir)
    client.post(
        f"/members/{aourir.pk}/edit/", _form(aourir, membership_status="ended", kind="company")
    )
    aourir.refresh_from_db()
    assert (aourir.membership_status, aourir.kind) == ("active", "rural_commune")


def test_secretariat_creates_an_organisation(client, secretariat):
    client.force_login(secretariat)
    data = _form(None, kind="village_council", relation="member", membership_status="active")
    response = client.post("/members/new/", data)
    assert response.status_code == 302
    org = Organisation.objects.get(names__en="Aourir")
    assert org.search_name and org.sort_name == "جماعه اورير"
    assert AuditEntry.objects.filter(
        action="members.organisation.created", object_id=str(org.pk)
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"names_ar": "", "names_fr": "", "names_en": ""}, "names"),
        ({"population": "-5"}, "population"),
        ({"population": "many"}, "population"),
        ({"email": "not-an-address"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"latitude": "123"}, "latitude"),
        ({"longitude": ""}, "__all__"),
        ({"population_year": "1200"}, "population_year"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_input_gets_400_and_nothing_saved(client, focal_aourir, aourir, overrides, field):
    client.force_login(focal_aourir)
    before = Organisation.objects.values().get(pk=aourir.pk)
    response = client.post(
        f"/members/{aourir.pk}/edit/", _form(aourir, **overrides), HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "لم يُحفظ شيء".encode() in response.content  # the message is translated
    assert Organisation.objects.values().get(pk=aourir.pk) == before
    assert not AuditEntry.objects.exists()


def test_a_logo_that_is_not_an_image_is_refused_whatever_its_name(client, focal_aourir, aourir):
    client.force_login(focal_aourir)
    fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
    fake.name = "logo.png"
    response = client.post(
        f"/members/{aourir.pk}/edit/", _form(aourir, logo=fake), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "logo" in response.context["form"].errors
    aourir.refresh_from_db()
    assert not aourir.logo


def test_an_oversize_logo_is_refused(client, focal_aourir, aourir, settings):
    settings.LOGO_MAX_BYTES = 100
    client.force_login(focal_aourir)
    response = client.post(f"/members/{aourir.pk}/edit/", _form(aourir, logo=_png((200, 200))))
    assert response.status_code == 400
    assert "logo" in response.context["form"].errors


def test_staff_contacts_only_for_signed_in_members(
    client, aourir, focal_aourir, resident, staff_other_member
):
    url = f"/members/{aourir.pk}/"
    assert focal_aourir.email.encode() not in client.get(url).content
    client.force_login(resident)
    assert focal_aourir.email.encode() not in client.get(url).content
    client.force_login(staff_other_member)
    assert focal_aourir.email.encode() in client.get(url).content


def test_script_in_a_name_is_shown_inert(client, focal_aourir, aourir):
    client.force_login(focal_aourir)
    client.post(f"/members/{aourir.pk}/edit/", _form(aourir, names_en="<script>alert(1)</script>"))
    content = client.get(f"/members/{aourir.pk}/", HTTP_ACCEPT_LANGUAGE="en").content
    assert b"<script>alert(1)</script>" not in content
    assert b"&lt;script&gt;" in content


def test_invitation_flow(client, focal_aourir, aourir, django_capture_on_commit_callbacks):
    from tashbeek.tests.factories import UserFactory

    invitee = UserFactory(email="new.colleague@aourir.ma", preferred_language="fr")
    client.force_login(focal_aourir)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/members/{aourir.pk}/staff/", {"email": invitee.email, "role": "staff"}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [invitee.email]
    assert "Rejoignez" in message.subject  # the invitee's language, not the inviter's
    link = next(line for line in message.body.splitlines() if "/members/invitations/" in line)
    path = link[link.index("/members/") :]
    client.force_login(invitee)
    assert client.post(path).status_code == 302
    assert Affiliation.objects.filter(user=invitee, organisation=aourir, role="staff").exists()
    assert client.get(path).status_code == 404  # used once


def test_focal_person_cannot_invite_a_focal_person(client, focal_aourir, aourir):
    client.force_login(focal_aourir)
    response = client.post(
        f"/members/{aourir.pk}/staff/", {"email": "x@example.org", "role": "focal"}
    )
    assert response.status_code == 400
    assert "role" in response.context["form"].errors


def test_invitation_for_another_address_is_refused(client, focal_aourir, aourir, resident):
    from tashbeek.members import services

    services.staff_invite(
        organisation=aourir, by=focal_aourir, email="someone@else.org", role="staff"
    )
    invitation = aourir.invitations.get()
    client.force_login(resident)
    # The raw token is only in the e-mail; look the invitation up by its hash through the service.
    token_response = client.post("/members/invitations/wrong-token/")
    assert token_response.status_code == 404
    with pytest.raises(ValidationError, match="عنوان بريد آخر"):  # Arabic, the default
        services.invitation_accept(invitation=invitation, user=resident)
