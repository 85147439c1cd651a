"""Full-text queries on either engine, over the analyser's terms.

Queries never pass user text to the engine's query language: the analyser reduces a query
to word terms, and each term goes in quoted (FTS5) or as a quoted lexeme (tsquery). So `"`,
`*`, `NEAR(`, `OR` or SQL typed into the box are just words, or nothing.

Ranking: BM25 on SQLite with the title weighted over the body; ts_rank with the same A/B
weights (and length normalisation) on PostgreSQL.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from tashbeek.communities.rules import community_roles
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import is_network_member

from .termstats import selective

TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
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


def audience_sql(user) -> tuple[str, list]:
    """The WHERE part that keeps a user to the entries they may see. user=None is the
    platform itself (matching needs for notifications), which sees everything."""
    if user is None or is_secretariat(user):
        return "1 = 1", []
    parts, params = ["e.audience = %s"], ["public"]
    if is_network_member(user):
        parts.append("e.audience = %s")
        params.append("members")
    active = sorted(
        pk for pk, (_role, status) in community_roles(user).items() if status == "active"
    )
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
    if is_network_member(user):
        condition |= Q(audience="members")
    active = [pk for pk, (_role, status) in community_roles(user).items() if status == "active"]
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


def fulltext(terms: list[str], *, user, kinds=(), limit: int = 1000) -> list[Hit]:
    """Entries matching any term, best first, among those the user may see."""
    terms = selective([term for term in terms if term][:MAX_TERMS])
    if not terms:
        return []
    where, params = _where(user, kinds)
    if connection.vendor == "postgresql":
        rows = _postgres(terms, where, params, limit)
    else:
        rows = _sqlite(terms, where, params, limit)
    return [
        Hit(id=r[0], score=r[6], kind=r[1], country=r[2], languages=r[3], themes=r[4], year=r[5])
        for r in rows
    ]


def _sqlite(terms, where, params, limit):
    match = " OR ".join('"' + term.replace('"', "") + '"' for term in terms)
    # Rank in the FTS index alone, then read the facet columns of the best rows only: joining
    # every match to its (wide) entry row first cost more than the ranking itself. The
    # audience and type are checked on those rows; only if they leave too few (and more
    # matches exist) is the exact query, which filters before ranking, run instead.
    ranked = (
        f"SELECT rowid, -bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "  # noqa: S608
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
            f"SELECT {SQLITE_COLUMNS}, -bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "  # noqa: S608
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} ORDER BY score DESC, e.id LIMIT %s"
        )
        cursor.execute(exact, [match, *params, limit])
        return cursor.fetchall()


def _postgres(terms, where, params, limit):
    # Each term as a quoted lexeme: the analyser's terms are word characters only, and the
    # quotes keep any that were not from being read as operators.
    query = " | ".join("'" + term.replace("'", "").replace("\\", "") + "'" for term in terms)
    # ts_rank weights are {D, C, B, A}; normalisation 1 divides by 1 + log(length).
    weights = f"'{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1}}'::float4[]"
    # search_rank is the narrow twin of the entries (migration 0003): ranking, visibility
    # and facets read it alone. Constants and placeholders only, as above.
    sql = (
        f"SELECT {POSTGRES_COLUMNS}, ts_rank({weights}, e.vector, q, 1) AS score "  # noqa: S608
        "FROM search_rank e, to_tsquery('simple', %s) q "
        f"WHERE e.vector @@ q AND {where} ORDER BY score DESC, e.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit])
        return cursor.fetchall()
