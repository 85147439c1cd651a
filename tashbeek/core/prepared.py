"""Queries compiled to SQL once per process and run again with other values.

On a page that reads a few rows by key, the ORM spends longer turning a queryset into SQL than
the database spends answering it: on an organisation's profile, building and compiling each of
its queries took 0.4 ms and running it 0.25 ms (docs/PERFORMANCE.md, "the profile's queries
compiled once per process").
`prepared_rows` builds a queryset once per shape, with stand-in numbers where the values go,
keeps its SQL, and afterwards runs that SQL with the real values through `raw()`.

The caller names the shape: everything that changes the SQL other than the values
themselves (which reader's visibility applies, which relation is followed). Two calls with the
same key and the same number of values must build the same query apart from those values.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.query import RawQuerySet

M = TypeVar("M", bound=Model)

# Stand-ins for the values while a query is compiled: numbers no row id takes, so a
# parameter equal to one of them is that value's place.
_FIRST_MARKER = -9_876_543_210
# Shapes are few (a handful of keys times the reader kinds); the bound only guards against a
# caller whose key grows without limit.
_MOST_SHAPES = 256

_compiled: dict[tuple[str, Hashable, int], tuple[str, list[Any], list[tuple[int, int]]]] = {}


def _compile(
    build: Callable[..., QuerySet], count: int
) -> tuple[str, list[Any], list[tuple[int, int]]]:
    markers = [_FIRST_MARKER - n for n in range(count)]
    sql, compiled = build(*markers).query.sql_with_params()
    params = list(compiled)
    places = [(at, markers.index(p)) for at, p in enumerate(params) if p in markers]
    missing = set(range(count)) - {value for _, value in places}
    if missing:
        raise ValueError(f"values {sorted(missing)} do not reach the query's parameters")
    return sql, params, places


def prepared_rows(
    model: type[M], key: Hashable, build: Callable[..., QuerySet[M]], values: Sequence[int]
) -> RawQuerySet[M]:
    """The rows of `build(*values)`, compiled once per database and (key, len(values)).

    `build` takes one integer per value and returns the queryset; it is called only the first
    time a shape is seen, with stand-ins. The rows are `model` instances (fields left out by
    `only()` are deferred, as in the queryset)."""
    shape = (connection.vendor, key, len(values))
    found = _compiled.get(shape)
    if found is None:
        found = _compile(build, len(values))
        if settings.PREPARED_QUERIES:  # else compiled again on every call
            if len(_compiled) >= _MOST_SHAPES:
                _compiled.clear()
            _compiled[shape] = found
    sql, params, places = found
    params = list(params)
    for at, value in places:
        params[at] = values[value]
    return model._default_manager.raw(sql, params)
