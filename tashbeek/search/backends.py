"""Full-text queries on either engine, over the analyser's terms.

Queries never pass user text to the engine's query language: the analyser reduces a query
to word terms, and each term goes in quoted (FTS5) or as a quoted lexeme (tsquery). So `"`,
`*`, `NEAR(`, `OR` or SQL typed into the box are just words, or nothing.

Ranking: BM25 on SQLite with the title weighted over the body; ts_rank with the same A/B
weights (and length normalisation) on PostgreSQL.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from tashbeek.core.permissions import is_secretariat

from .sources import READERS
from .termstats import selective

TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
BM25 = f"-bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"  # higher is better
MAX_TERMS = 64


@dataclass
class Hit:
    id: int
    score: float
    kind: str
    country: str
    languages: str
    themes: str
    year: int | None
    closeness: float | None = None  # set when the entry was also found by meaning


def audience_sql(user) -> tuple[str, list]:
    """The WHERE part that keeps a user to the entries they may see. user=None is the
    platform itself (matching needs for notifications), which sees everything."""
    if user is None or is_secretariat(user):
        return "1 = 1", []
    parts, params = ["e.audience = %s"], ["public"]
    if READERS["is_member"](user):
        parts.append("e.audience = %s")
        params.append("members")
    active = sorted(READERS["communities"](user))
    if active:
        marks = ", ".join(["%s"] * len(active))
        parts.append(f"(e.audience = %s AND e.community_id IN ({marks}))")
        params += ["community", *active]
    return "(" + " OR ".join(parts) + ")", params


def audience_q(user) -> Q:
    """The same condition as audience_sql, for the ORM."""
    if user is None or is_secretariat(user):
        return Q()
    condition = Q(audience="public")
    if READERS["is_member"](user):
        condition |= Q(audience="members")
    active = list(READERS["communities"](user))
    if active:
        condition |= Q(audience="community", community_id__in=active)
    return condition


def _where(user, kinds) -> tuple[str, list]:
    sql, params = audience_sql(user)
    if kinds:
        sql += f" AND e.kind IN ({', '.join(['%s'] * len(kinds))})"
        params += list(kinds)
    return sql, params


# The year, not the date: only the facet needs it, and a date costs a parse per row.
COLUMNS = "e.id, e.kind, e.country, e.languages, e.themes, {year}"
SQLITE_COLUMNS = COLUMNS.format(year="CAST(strftime('%%Y', e.date) AS INTEGER)")
POSTGRES_COLUMNS = COLUMNS.format(year="e.year")


def fulltext(
    terms: list[str],
    *,
    user,
    kinds=(),
    limit: int = 1000,
    every_word: list[list[str]] | None = None,
) -> list[Hit]:
    """Entries matching any term, best first, among those the user may see. With
    every_word (the query's words, each as its alternative terms), only entries that have
    every word are ranked: far fewer rows when the words are common."""
    if every_word:
        groups = [[t for t in group if t] for group in every_word[:MAX_TERMS]]
        groups = [group for group in groups if group]
    else:
        groups = [[term] for term in selective([t for t in terms if t][:MAX_TERMS])]
    if not groups:
        return []
    where, params = _where(user, kinds)
    if connection.vendor == "postgresql":
        rows = _postgres(groups, bool(every_word), where, params, limit)
    else:
        rows = _sqlite(groups, bool(every_word), where, params, limit)
    return [
        Hit(id=r[0], score=r[6], kind=r[1], country=r[2], languages=r[3], themes=r[4], year=r[5])
        for r in rows
    ]


def hits_of(ids: list[int], *, user) -> list[Hit]:
    """The facet columns of these entries, for those the user may see (score 0): the
    entries found by meaning, which the vector index knows only by id."""
    if not ids:
        return []
    where, params = audience_sql(user)
    marks = ", ".join(["%s"] * len(ids))
    if connection.vendor == "postgresql":
        columns, table = POSTGRES_COLUMNS, "search_rank"
    else:
        columns, table = SQLITE_COLUMNS, "search_searchentry"
    # Constants and placeholders only, as below.
    sql = f"SELECT {columns} FROM {table} e WHERE e.id IN ({marks}) AND {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *params])
        rows = cursor.fetchall()
    return [
        Hit(id=r[0], score=0.0, kind=r[1], country=r[2], languages=r[3], themes=r[4], year=r[5])
        for r in rows
    ]


def _expression(groups: list[list[str]], every: bool, quote, any_of: str, all_of: str) -> str:
    """The engine's query: each term quoted (so it is a word, never an operator), the
    alternatives of a word joined by any_of, the words by all_of (or any_of)."""
    words = [any_of.join(quote(term) for term in group) for group in groups]
    if every:
        return all_of.join(f"({word})" for word in words)
    return any_of.join(words)


def _sqlite(groups, every, where, params, limit):
    match = _expression(groups, every, _fts5_quote, " OR ", " AND ")
    # Rank in the FTS index alone, then read the facet columns of the best rows only: joining
    # every match to its (wide) entry row first cost more than the ranking itself. The
    # audience and type are checked on those rows; only if they leave too few (and more
    # matches exist) is the exact query, which filters before ranking, run instead.
    ranked = (
        f"SELECT rowid, {BM25} AS score "  # noqa: S608
        "FROM search_fts WHERE search_fts MATCH %s ORDER BY score DESC LIMIT %s"
    )
    # Only constants and the audience SQL (placeholders only) are interpolated.
    sql = (
        f"SELECT {SQLITE_COLUMNS}, f.score, {where} AS visible FROM ({ranked}) f "  # noqa: S608
        "JOIN search_searchentry e ON e.id = f.rowid ORDER BY f.score DESC, e.id"
    )
    fetch = limit + limit // 2
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, match, fetch])  # the audience comes first in the SQL
        rows = cursor.fetchall()
        kept = [row[:7] for row in rows if row[7]]
        if len(kept) >= limit or len(rows) < fetch:
            return kept[:limit]
        exact = (
            f"SELECT {SQLITE_COLUMNS}, {BM25} AS score "  # noqa: S608
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} ORDER BY score DESC, e.id LIMIT %s"
        )
        cursor.execute(exact, [match, *params, limit])
        return cursor.fetchall()


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _tsquery_quote(term: str) -> str:
    # The analyser's terms are word characters only; the quotes keep any that were not
    # from being read as operators.
    return "'" + term.replace("'", "").replace("\\", "") + "'"


def _postgres(groups, every, where, params, limit):
    query = _expression(groups, every, _tsquery_quote, " | ", " & ")
    # ts_rank weights are {D, C, B, A}; normalisation 1 divides by 1 + log(length).
    weights = f"'{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1}}'::float4[]"
    # search_rank is the narrow twin of the entries (migration 0003): ranking, visibility
    # and facets read it alone. Constants and placeholders only, as above.
    sql = (
        f"SELECT {POSTGRES_COLUMNS}, ts_rank({weights}, e.vector, q, 1) AS score "  # noqa: S608
        "FROM search_rank e, to_tsquery('simple', %s) q "
        f"WHERE e.vector @@ q AND {where} ORDER BY score DESC, e.id LIMIT %s"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # Parallel workers cost more to start than they save on one query of a web request,
        # and take the cores that other requests need.
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(sql, [query, *params, limit])
        return cursor.fetchall()
