"""Notification e-mails at once, as a daily or weekly digest, or never: each person's choice."""

import pytest
from django.core import mail
from django.core.management import call_command

from tashbeek.notifications.models import Notification
from tashbeek.notifications.services import notify

pytestmark = pytest.mark.django_db


def _tell(users, n=1):
    for i in range(n):
        notify(
            users=users,
            action="test.thing",
            message="Your experience “%(experience)s” is published.",
            context={"experience": f"Exp {i}"},
            url=f"/experiences/{i}/",
        )


def test_digest_people_get_nothing_at_once_then_one_mail_in_their_language(
    staff_aourir, focal_aourir, immediate_on_commit
):
    staff_aourir.notification_frequency = "daily"
    staff_aourir.preferred_language = "fr"
    staff_aourir.save()
    _tell([staff_aourir, focal_aourir], n=3)
    assert [m.to for m in mail.outbox] == [[focal_aourir.email]] * 3
    mail.outbox.clear()
    call_command("send_digests", "weekly")
    assert mail.outbox == []
    call_command("send_digests", "daily")
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [staff_aourir.email] and digest.extra_headers["Content-Language"] == "fr"
    assert "Exp 0" in digest.body and "Exp 2" in digest.body and "/experiences/2/" in digest.body
    assert "3" in digest.subject
    call_command("send_digests", "daily")
    assert len(mail.outbox) == 1  # nothing twice
    assert Notification.objects.filter(user=staff_aourir, read_at__isnull=True).count() == 3


def test_never_means_in_app_only(resident, immediate_on_commit):
    resident.notification_frequency = "never"
    resident.save()
    _tell([resident])
    call_command("send_digests", "daily")
    assert mail.outbox == []
    assert resident.notifications.count() == 1
