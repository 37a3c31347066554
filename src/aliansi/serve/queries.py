"""The server's read queries over the store's tables.

Every query is a constant SQL string with named parameters (``$name``): a filter that is not given
is passed as NULL and its condition reads ``$name IS NULL OR ...``, so no value ever becomes part of
the SQL text. The only variable part is the ORDER BY clause, which is picked from the fixed
mappings below by a validated enum value, never taken from the request.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from aliansi.errors import AliansiError
from aliansi.store import EVENT_COLUMNS

EVENT_SELECT = ", ".join(f"e.{name}" for name in EVENT_COLUMNS) + ", e.event_day, a.title AS article_title"
EVENT_FROM = "FROM event_rows AS e JOIN articles AS a ON a.article_id = e.article_id"
EVENT_WHERE = """
WHERE ($deduplicated = false OR e.event_id = e.cluster_id)
  AND ($actor IS NULL OR e.source_code = $actor OR e.target_code = $actor)
  AND ($source IS NULL OR e.source_code = $source)
  AND ($target IS NULL OR e.target_code = $target)
  AND ($dyad_a IS NULL OR (e.source_code = $dyad_a AND e.target_code = $dyad_b)
                       OR (e.source_code = $dyad_b AND e.target_code = $dyad_a))
  AND ($cameo IS NULL OR starts_with(e.cameo, $cameo))
  AND ($root IS NULL OR e.root = $root)
  AND ($quad_classes IS NULL OR list_contains($quad_classes, e.quad_class))
  AND ($modalities IS NULL OR list_contains($modalities, e.modality))
  AND ($negated IS NULL OR e.negated = $negated)
  AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
  AND ($since IS NULL OR e.event_day >= $since)
  AND ($until IS NULL OR e.event_day <= $until)
  AND ($language IS NULL OR e.language = $language)
  AND ($q IS NULL OR contains(lower(coalesce(e.evidence_sentence, '')), lower($q)))
  AND ($article_id IS NULL OR e.article_id = $article_id)
"""
EVENT_SORTS = {
    "-date": "e.event_day DESC NULLS LAST, e.article_id, e.ordinal",
    "date": "e.event_day ASC NULLS LAST, e.article_id, e.ordinal",
    "-confidence": "e.confidence DESC NULLS LAST, e.event_id",
    "confidence": "e.confidence ASC NULLS LAST, e.event_id",
    "-goldstein": "e.goldstein DESC NULLS LAST, e.event_id",
    "goldstein": "e.goldstein ASC NULLS LAST, e.event_id",
    "-mentions": "e.num_mentions DESC, e.event_day DESC NULLS LAST, e.event_id",
    "text": "e.article_id, e.evidence_start, e.ordinal",
}

ARTICLE_SELECT = """
SELECT a.article_id, a.title, a.date, a.date_precision, a.language, a.source, a.outlet, a.wire, a.url,
       a.duplicate_of, a.ingested_at,
       (SELECT count(*) FROM events AS e WHERE e.article_id = a.article_id) AS event_count
"""
ARTICLE_WHERE = """
WHERE ($language IS NULL OR a.language = $language)
  AND ($outlet IS NULL OR a.outlet = $outlet)
  AND ($since IS NULL OR a.date >= $since)
  AND ($until IS NULL OR a.date <= $until)
  AND ($q IS NULL OR contains(lower(coalesce(a.title, '')), lower($q)) OR contains(lower(a.text), lower($q)))
  AND ($actor IS NULL OR a.article_id IN (SELECT article_id FROM actor_mentions WHERE actor_code = $actor))
"""
ARTICLE_SORTS = {
    "-date": "a.date DESC NULLS LAST, a.article_id",
    "date": "a.date ASC NULLS LAST, a.article_id",
    "id": "a.article_id",
    "-ingested": "a.ingested_at DESC, a.article_id",
}

# Counted events (README "Which events count": asserted, not negated), one per cluster, between two
# different known actors; a dyad is the unordered pair.
TOP_DYADS = """
SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b,
       count(*) AS events,
       count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2,
       count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4,
       avg(goldstein) AS goldstein_mean
FROM event_rows
WHERE event_id = cluster_id AND modality = 'asserted' AND NOT negated
  AND source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code
  AND ($since IS NULL OR event_day >= $since) AND ($until IS NULL OR event_day <= $until)
GROUP BY ALL ORDER BY events DESC, a, b LIMIT $limit
"""
ACTOR_EVENT_COUNTS = """
SELECT code, count(*) FROM (
    SELECT source_code AS code FROM event_rows WHERE event_id = cluster_id AND source_code IS NOT NULL
    UNION ALL
    SELECT target_code FROM event_rows WHERE event_id = cluster_id AND target_code IS NOT NULL
      AND target_code IS DISTINCT FROM source_code
) GROUP BY code
"""
NAME_EVENT_COUNTS = """
SELECT name, count(*) FROM (
    SELECT source_name AS name FROM event_rows WHERE event_id = cluster_id AND source_name IS NOT NULL
    UNION ALL
    SELECT target_name FROM event_rows WHERE event_id = cluster_id AND target_name IS NOT NULL
      AND target_name IS DISTINCT FROM source_name
) GROUP BY name
"""


@dataclass(frozen=True)
class EventFilters:
    """The filters of GET /api/events; None means "any"."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad_a: str | None = None
    dyad_b: str | None = None
    cameo: str | None = None
    root: str | None = None
    quad_classes: tuple[int, ...] | None = None
    modalities: tuple[str, ...] | None = None
    negated: bool | None = None
    min_confidence: float | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    language: str | None = None
    q: str | None = None
    article_id: str | None = None
    deduplicated: bool = True

    def params(self) -> dict[str, Any]:
        values = asdict(self)
        for name in ("quad_classes", "modalities"):
            values[name] = list(values[name]) if values[name] else None
        return values


@dataclass(frozen=True)
class ArticleFilters:
    language: str | None = None
    outlet: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    q: str | None = None
    actor: str | None = None

    def params(self) -> dict[str, Any]:
        return asdict(self)


def records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def events_page(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, sort: str, limit: int, offset: int
                ) -> tuple[int, list[dict[str, Any]]]:
    params = filters.params()
    # The total comes with the page (a window over the filtered rows), so the event_rows view, which
    # joins and counts clusters, is evaluated once; only a page past the end needs a second query.
    sql = (f"SELECT {EVENT_SELECT}, count(*) OVER () AS total {EVENT_FROM} {EVENT_WHERE} "
           f"ORDER BY {EVENT_SORTS[sort]} LIMIT $limit OFFSET $offset")
    rows = records(con.execute(sql, {**params, "limit": limit, "offset": offset}))
    if rows:
        total = rows[0]["total"]
    else:
        total = con.execute(f"SELECT count(*) {EVENT_FROM} {EVENT_WHERE}", params).fetchall()[0][0]
    return total, [with_cameo_name(row) for row in rows]


def article_events(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every event (every report) of the given articles, in text order."""
    sql = (f"SELECT {EVENT_SELECT} {EVENT_FROM} WHERE e.article_id IN (SELECT unnest($ids)) "
           "ORDER BY e.article_id, e.evidence_start NULLS LAST, e.ordinal")
    return [with_cameo_name(row) for row in records(con.execute(sql, {"ids": list(article_ids)}))]


def event_by_id(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = records(con.execute(f"SELECT {EVENT_SELECT} {EVENT_FROM} WHERE e.event_id = $id", {"id": event_id}))
    return with_cameo_name(rows[0]) if rows else None


def cluster_mentions(con: duckdb.DuckDBPyConnection, cluster_id: str) -> list[dict[str, Any]]:
    return records(con.execute(
        """SELECT e.event_id, e.article_id, a.title AS article_title, e.outlet, e.language, e.article_date,
                  e.evidence_sentence, e.evidence_text, e.evidence_start, e.evidence_end
           FROM event_rows AS e JOIN articles AS a ON a.article_id = e.article_id
           WHERE e.cluster_id = $cluster ORDER BY e.event_day NULLS LAST, e.article_id, e.ordinal""",
        {"cluster": cluster_id},
    ))


def mentions_within(con: duckdb.DuckDBPyConnection, article_id: str, start: int | None, end: int | None) -> list[dict[str, Any]]:
    if start is None or end is None:
        return []
    return records(con.execute(
        """SELECT start, "end", text, agent FROM actor_mentions
           WHERE article_id = $article AND start >= $start AND "end" <= $end ORDER BY start""",
        {"article": article_id, "start": start, "end": end},
    ))


def event_texts(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Sentence and article title of each event id, for evidence lists built outside SQL."""
    rows = records(con.execute(
        """SELECT e.event_id, e.evidence_sentence, a.title AS article_title
           FROM events AS e JOIN articles AS a ON a.article_id = e.article_id
           WHERE e.event_id IN (SELECT unnest($ids))""",
        {"ids": list(event_ids)},
    ))
    return {row["event_id"]: row for row in rows}


def articles_page(con: duckdb.DuckDBPyConnection, filters: ArticleFilters, *, sort: str, limit: int, offset: int
                  ) -> tuple[int, list[dict[str, Any]]]:
    params = filters.params()
    total = con.execute(f"SELECT count(*) FROM articles AS a {ARTICLE_WHERE}", params).fetchall()[0][0]
    sql = f"{ARTICLE_SELECT} FROM articles AS a {ARTICLE_WHERE} ORDER BY {ARTICLE_SORTS[sort]} LIMIT $limit OFFSET $offset"
    return total, records(con.execute(sql, {**params, "limit": limit, "offset": offset}))


def article_summary(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    rows = records(con.execute(f"{ARTICLE_SELECT} FROM articles AS a WHERE a.article_id = $id", {"id": article_id}))
    return rows[0] if rows else None


def article_by_id(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    rows = records(con.execute(
        f"{ARTICLE_SELECT}, a.text, a.source_file, a.published, a.metadata FROM articles AS a WHERE a.article_id = $id",
        {"id": article_id},
    ))
    if not rows:
        return None
    article = rows[0]
    article["metadata"] = json.loads(article["metadata"]) if article["metadata"] else {}
    article["removed"] = records(con.execute(
        "SELECT position, text, reason FROM removed_pieces WHERE article_id = $id ORDER BY position", {"id": article_id}))
    article["actors"] = _actors(con, article_id)
    article["events"] = article_events(con, [article_id])
    return article


def _actors(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    rows = records(con.execute(
        """SELECT actor_code, actor_name, actor_kind, agent, start, "end", text FROM actor_mentions
           WHERE article_id = $id ORDER BY start""",
        {"id": article_id},
    ))
    grouped: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        actor = grouped.setdefault((row["actor_code"], row["actor_name"]), {
            "code": row["actor_code"], "name": row["actor_name"], "kind": row["actor_kind"], "mentions": [],
        })
        actor["mentions"].append({key: row[key] for key in ("start", "end", "text", "agent")})
    return list(grouped.values())


def top_dyads(con: duckdb.DuckDBPyConnection, *, since: datetime.date | None, until: datetime.date | None,
              limit: int) -> list[dict[str, Any]]:
    return records(con.execute(TOP_DYADS, {"since": since, "until": until, "limit": limit}))


def actor_event_counts(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, int]]:
    """Events per actor code, and per actor name (people are counted by their name)."""
    return dict(con.execute(ACTOR_EVENT_COUNTS).fetchall()), dict(con.execute(NAME_EVENT_COUNTS).fetchall())


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    totals = records(con.execute("""
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM event_rows WHERE event_id = cluster_id) AS event_clusters,
               (SELECT count(DISTINCT actor_code) FROM actor_mentions) AS actors,
               (SELECT min(date) FROM articles) AS first_article_date,
               (SELECT max(date) FROM articles) AS last_article_date,
               (SELECT min(event_day) FROM events) AS first_event_day,
               (SELECT max(event_day) FROM events) AS last_event_day
    """))[0]
    counts = {
        "languages": "SELECT language, count(*) AS n FROM articles GROUP BY ALL ORDER BY n DESC, language",
        # An outlet that is the article's own id means the input named no source and no URL.
        "outlets": "SELECT CASE WHEN outlet = article_id THEN NULL ELSE outlet END AS named, count(*) AS n "
                   "FROM articles GROUP BY ALL ORDER BY n DESC, named NULLS LAST",
        "quad_classes": "SELECT CAST(quad_class AS VARCHAR), count(*) AS n FROM event_rows "
                        "WHERE event_id = cluster_id GROUP BY ALL ORDER BY 1",
        "modalities": "SELECT modality, count(*) AS n FROM event_rows WHERE event_id = cluster_id GROUP BY ALL ORDER BY n DESC",
    }
    for key, sql in counts.items():
        totals[key] = [{"value": value, "count": n} for value, n in con.execute(sql).fetchall()]
    return totals


def with_cameo_name(row: dict[str, Any]) -> dict[str, Any]:
    row["cameo_name"] = cameo_name(row.get("cameo"))
    return row


@functools.cache
def cameo_name(code: str | None) -> str | None:
    from aliansi.events.codes import cameo

    if not code:
        return None
    try:
        return cameo(code).name
    except AliansiError:
        return None
