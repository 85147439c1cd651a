"""The directory's data version: a stamp that triggers renew with every write to what the
directory shows (migration members 0006), read before the rows it describes."""

from django.db import connection
from django.db.models import Subquery

from tashbeek.core.models import ChangeCounter

VERSION_KEY = "members.directory"


def data_version() -> int:
    """The `members.directory` version stamp, read with one indexed lookup."""
    # Raw SQL: the ORM's compilation would cost more than the lookup on every request.
    table = ChangeCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE key = %s", [VERSION_KEY])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def version_subquery() -> Subquery:
    """The version as a column, for a query that reads it with its own rows: one round trip
    instead of two, and the same snapshot, so the index is never older than those rows."""
    counters = ChangeCounter.objects.filter(key=VERSION_KEY).values("value")[:1]
    return Subquery(counters)
