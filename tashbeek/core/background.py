"""Work that must not hold up a request: run once the transaction commits, on one
background thread per server process, with its own database connection. What is lost
in a crash is picked up by the matching `manage.py …_pending` command (cron or `make run`).

The tests (settings `BACKGROUND_SYNC = True`) run it at once, in the test's transaction."""

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, transaction

log = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tashbeek-background")


def _run(task: Callable[..., object], args: tuple) -> None:
    try:
        task(*args)
    except Exception:  # logged, never lost silently: the _pending command retries
        log.exception("background task %s failed", getattr(task, "__name__", task))
    finally:
        close_old_connections()


def after_commit(task: Callable[..., object], *args) -> None:
    """Run `task(*args)` in the background once the current transaction commits."""
    if settings.BACKGROUND_SYNC:
        task(*args)
        return
    transaction.on_commit(lambda: _executor.submit(_run, task, args))
