"""The e-mail outbox (django-mailer): every e-mail is a row written in the same transaction
as the change that caused it (`EMAIL_BACKEND = mailer.backend.DbBackend`), and a worker
(`manage.py send_mail_outbox`) sends it through the real backend (`MAILER_EMAIL_BACKEND`).
A mail server that is down never turns a person's action into an error: the message is
deferred and tried again with a growing delay; after `MAX_ATTEMPTS` it stays deferred, shown
to the secretariat at /outbox/, which may send it again."""

import datetime
import logging
import smtplib

from django.db import transaction
from django.utils import timezone
from mailer import engine
from mailer.models import (
    PRIORITY_DEFERRED,
    PRIORITY_MEDIUM,
    RESULT_FAILURE,
    Message,
    MessageLog,
    get_message_id,
)

from .audit import audit_record

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
FIRST_DELAY = datetime.timedelta(minutes=1)
LONGEST_DELAY = datetime.timedelta(hours=6)


def delivery_failed(connection, message: Message, error: Exception):
    """django-mailer's error handler: any SMTP or network failure defers the message and
    counts the attempt; anything else (a bug) is raised."""
    if not isinstance(error, smtplib.SMTPException | OSError):
        raise error
    email = message.email
    if email is not None and get_message_id(email) is None:
        # Stored with its Message-ID, so its failures in the log can be found again (the
        # queue keeps e-mails without one, and each sending attempt would make a new one).
        engine.ensure_message_id(email)
        message.email = email
    message.retry_count += 1
    message.priority = PRIORITY_DEFERRED
    message.save(update_fields=["message_data", "retry_count", "priority"])
    MessageLog.objects.log(message, RESULT_FAILURE, log_message=f"{type(error).__name__}: {error}")
    log.warning("e-mail deferred (attempt %s): %s", message.retry_count, error)
    return None, "deferred"


def delay_after(attempts: int) -> datetime.timedelta:
    """1, 2, 4, … minutes after each failure, at most six hours."""
    return min(FIRST_DELAY * 2 ** max(attempts - 1, 0), LONGEST_DELAY)


def _last_failures(messages: list[Message]) -> dict[str, MessageLog]:
    """Each message's latest failure, by Message-ID, in one query for the whole list."""
    ids = [get_message_id(m.email) for m in messages if m.email is not None]
    latest: dict[str, MessageLog] = {}
    failures = MessageLog.objects.filter(message_id__in=ids, result=RESULT_FAILURE)
    for entry in failures.order_by("when_attempted"):
        latest[entry.message_id] = entry
    return latest


def _failure_of(message: Message, failures: dict[str, MessageLog]) -> MessageLog | None:
    email = message.email
    return failures.get(get_message_id(email)) if email is not None else None


def next_try(message: Message, failures: dict | None = None) -> datetime.datetime | None:
    """When a deferred message is tried again (None: it has given up)."""
    if message.retry_count >= MAX_ATTEMPTS:
        return None
    failures = _last_failures([message]) if failures is None else failures
    failure = _failure_of(message, failures)
    failed = failure.when_attempted if failure else message.when_added
    return failed + delay_after(message.retry_count)


def requeue_due(now: datetime.datetime | None = None) -> int:
    """Put back in the queue the deferred messages whose delay has passed."""
    now = now or timezone.now()
    waiting = list(Message.objects.deferred().filter(retry_count__lt=MAX_ATTEMPTS))
    failures = _last_failures(waiting)
    due = [m.pk for m in waiting if (when := next_try(m, failures)) is not None and when <= now]
    return Message.objects.filter(pk__in=due).update(priority=PRIORITY_MEDIUM)


def send_queued() -> None:
    """One round: requeue what is due, then send everything in the queue."""
    requeue_due()
    engine.send_all()


def outbox_summary() -> dict:
    """What the secretariat sees: how many wait, and each deferred message with its story
    (two queries, whatever the number of messages)."""
    deferred = list(Message.objects.deferred().order_by("when_added"))
    failures = _last_failures(deferred)
    rows = []
    for m in deferred:
        failure, email = _failure_of(m, failures), m.email
        rows.append(
            {
                "message": m,
                "subject": m.subject,
                # The subject is in the recipient's language, which the e-mail names.
                "language": email.extra_headers.get("Content-Language", "") if email else "",
                "to": ", ".join(m.to_addresses),
                "attempts": m.retry_count,
                "error": failure.log_message if failure else "",
                "next_try": next_try(m, failures),
            }
        )
    return {"queued": Message.objects.non_deferred().count(), "deferred": rows}


@transaction.atomic
def outbox_retry(*, by) -> int:
    """The secretariat sends every deferred message again now, those that gave up too."""
    messages = list(Message.objects.deferred().select_for_update())
    for message in messages:
        audit_record(
            actor=by,
            action="core.outbox.retried",
            obj=message,
            before={"attempts": message.retry_count},
            after={"to": ", ".join(message.to_addresses)},
        )
    return Message.objects.filter(pk__in=[m.pk for m in messages]).update(
        priority=PRIORITY_MEDIUM, retry_count=0
    )
