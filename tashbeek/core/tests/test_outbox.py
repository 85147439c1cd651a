"""The e-mail outbox (issue 18.4): a person's action never waits for, or fails with, the mail
server; the message is written with the change, tried by the worker, retried with a growing
delay while the server is down, and sent when it returns; the secretariat sees what failed."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from mailer.models import Message, MessageLog

from tashbeek.accounts.models import User
from tashbeek.core import outbox
from tashbeek.notifications.services import notify
from tashbeek.tests.smtp import free_port, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_port(settings):
    """The outbox in front of a real SMTP backend on a loopback port where, for now, nothing
    listens: the mail server is down."""
    port = free_port()
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 3
    settings.EMAIL_USE_TLS = False
    return port


def _sign_up(client):
    return client.post(
        "/accounts/signup/",
        {
            "full_name": "Amal Haddad",
            "email": "amal@example.org",
            "preferred_language": "fr",
            "password1": "a-long-passphrase-2026",
            "password2": "a-long-passphrase-2026",
        },
    )


def _age_failures(minutes: int) -> None:
    MessageLog.objects.update(when_attempted=timezone.now() - datetime.timedelta(minutes=minutes))


def test_the_action_succeeds_while_the_server_is_down_and_the_mail_goes_out_later(
    client, mail_port, secretariat
):
    assert _sign_up(client).status_code == 302  # no mail server was spoken to
    assert User.objects.filter(email="amal@example.org").exists()
    assert Message.objects.count() == 1
    call_command("send_mail_outbox", "--once")  # the server is down: deferred, counted
    message = Message.objects.get()
    assert (message.retry_count, message.priority) == (1, 4)
    assert "Error" in MessageLog.objects.get().log_message
    client.force_login(secretariat)
    page = client.get("/outbox/")
    assert page.status_code == 200 and "amal@example.org" in page.content.decode()
    with smtp_server(mail_port) as received:
        call_command("send_mail_outbox", "--once")
        assert received == []  # its delay (one minute) has not passed yet
        _age_failures(2)
        call_command("send_mail_outbox", "--once")
        assert len(received) == 1 and "amal@example.org" in received[0]
    assert not Message.objects.exists()


def test_delays_grow_and_the_outbox_gives_up_until_the_secretariat_retries(
    client, mail_port, secretariat
):
    _sign_up(client)
    assert [outbox.delay_after(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert outbox.delay_after(20) == outbox.LONGEST_DELAY
    for _attempt in range(outbox.MAX_ATTEMPTS):
        _age_failures(outbox.LONGEST_DELAY.total_seconds() // 60 + 1)
        call_command("send_mail_outbox", "--once")
    message = Message.objects.get()
    assert message.retry_count == outbox.MAX_ATTEMPTS and outbox.next_try(message) is None
    _age_failures(60 * 24)
    assert outbox.requeue_due() == 0  # gave up: it waits for a person
    client.force_login(secretariat)
    assert client.post("/outbox/").status_code == 302
    with smtp_server(mail_port) as received:
        call_command("send_mail_outbox", "--once")
    assert len(received) == 1 and not Message.objects.exists()


def test_a_rolled_back_change_leaves_nothing_in_the_outbox(mail_port, resident):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(users=[resident], action="test.rolled_back", message="Never sent")
        assert Message.objects.count() == 1  # written with the change…
        raise RuntimeError
    assert not Message.objects.exists()  # …and gone with it


def test_the_outbox_page_costs_the_same_queries_for_2_or_8_failed_mails(
    client, mail_port, secretariat, resident, django_assert_num_queries
):
    client.force_login(secretariat)

    def fail(count):
        for n in range(count):
            notify(users=[resident], action="test.failing", message=f"Mail {n}")
        call_command("send_mail_outbox", "--once")

    fail(2)
    client.get("/outbox/")  # warm the session and the permission memo
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/outbox/").context["deferred"]) == 2
    fail(6)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get("/outbox/")
    assert len(page.context["deferred"]) == 8
    assert 'lang="' in page.content.decode()  # each subject marked with its language
