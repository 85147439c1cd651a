"""In-app notifications and their e-mail copy, each in the reader's language."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_noop

from tashbeek.notifications.models import Notification
from tashbeek.notifications.services import notify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def test_each_reader_gets_their_own_language(resident, committee_member):
    resident.preferred_language = "he"
    resident.save()
    committee_member.preferred_language = "fr"
    committee_member.save()
    notify(
        users=[resident, committee_member, resident],  # duplicates collapse
        action="members.decision.reinstated",
        message=gettext_noop("The membership of %(name)s is reinstated."),
        context={"name": "Aourir"},
        url="/members/1/membership/",
    )
    assert Notification.objects.count() == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[resident.email] == "החברות של Aourir חודשה."
    assert subjects[committee_member.email] == "L'adhésion de Aourir est rétablie."
    notification = Notification.objects.get(user=resident)
    with translation.override("ar"):  # shown in whatever language the reader browses in
        assert notification.text == "أعيد تفعيل عضوية Aourir."


def test_inbox_shows_only_my_notifications_and_marks_them_read(client, resident, secretariat):
    for user in (resident, secretariat):
        notify(
            users=[user],
            action="x",
            message=gettext_noop("Nothing yet."),
            context={},
            email=False,
        )
    client.force_login(resident)
    page = client.get("/notifications/")
    assert [n.user for n in page.context["page"]] == [resident]
    assert client.post("/notifications/read/").status_code == 302
    assert Notification.objects.get(user=resident).read_at is not None
    assert Notification.objects.get(user=secretariat).read_at is None


def test_broken_parameters_do_not_break_the_page():
    notification = Notification(message="Dues of %(name)s for %(year)s: %(amount)s.", context={})
    with translation.override("en"):  # the bare message rather than a KeyError
        assert notification.text == "Dues of %(name)s for %(year)s: %(amount)s."
