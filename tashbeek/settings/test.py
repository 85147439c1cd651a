"""Test profile: fast hashing, e-mails kept in the outbox, no throttling state leaking."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only, tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
ALLOWED_HOSTS = ["*"]
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media" / "private"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: the concurrency tests need separate
    # connections that wait for each other (WAL + busy timeout) as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# Background work (embeddings, text extraction) at once, in the test's own transaction, and
# text read in this process: a child process per upload cost the suite minutes, and the
# capped child is tested on its own (library/tests/test_extraction.py).
BACKGROUND_SYNC = True
LIBRARY_EXTRACT_IN_CHILD = False
# Off for the suite (speed); the search tests turn them on (see search/tests).
SEARCH_EMBEDDINGS = False
AUDIT_STRICT = True  # every audit action must be declared (core.audit)

# The second factor is switched on by the tests that are about it (accounts/tests/test_mfa.py);
# elsewhere the personas sign in with force_login, as a verified session would.
MFA_REQUIRED = False
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min", "token": "100000/min"},
}
