"""Cross-article event deduplication: one real-world event reported by several articles is one cluster.

The rule (README "Store and exports" says the same):

- Two events can only be the same event when they share a **dedup key**: the dyad, the CAMEO root,
  the modality and the negation. For the symmetric roots 04 (consult), 05 (diplomatic cooperation)
  and 06 (material cooperation) the dyad is unordered, because "A met B" and "B met A" report one
  meeting; for every other root the direction is part of the event (A attacking B is not B attacking A).
  An asserted attack and a denied or planned one are never merged.
- Within a key, events are taken in order of their day (`event_day`: the event's date when known to
  the day, else the article's date). An event joins the first open cluster whose first member is at
  most WINDOW_DAYS earlier and that either has a member with the same CAMEO code or has a member whose
  evidence sentence shares at least MIN_JACCARD of its word types with this one. Otherwise it starts
  a cluster. Comparing with the first member's day, not the last one's, keeps a daily series of
  attacks from chaining into one cluster that spans months.
- An event with no day at all stays alone: nothing says it happened when the others did.
- The cluster's id is the event_id of its first member (earliest day, then article id, then position
  in the article), which is also the row `events(deduplicated=True)` shows.

The result depends only on the set of stored events, never on the order they were ingested in, so an
interrupted and resumed ingest clusters exactly like a clean one.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

import duckdb
import pyarrow as pa

# News reports of one event cluster within a day or two of it; three days also covers a weekly
# paper or a report the next Monday. Longer windows start merging distinct repeated acts (two
# visits, two strikes) that a user wants counted twice.
WINDOW_DAYS = 3

# Syndicated copies repeat a sentence word for word (Jaccard 1.0) and rewrites of one wire story keep
# most of its words (0.7 for "Rusia menyerang kota Kharkiv dengan rudal balistik pada Senin" against
# "Rusia menyerang Kharkiv dengan rudal pada Senin pagi"). Sentences about different events on one
# dyad in different sample articles share few: median 0, 90th percentile 0.11, and 1 pair in 559
# reaches 0.41. 0.4 sits between them. Reports in two languages share almost no words, so they merge
# only through the same CAMEO code.
MIN_JACCARD = 0.4

_WORD = re.compile(r"\w+")

# The dedup key of an event row (see the module docstring), as a SQL expression over its columns.
DEDUP_KEY = """CASE WHEN root IN ('04', '05', '06') AND coalesce(target_code, '') < coalesce(source_code, '')
    THEN concat_ws('|', coalesce(target_code, ''), coalesce(source_code, ''), root, coalesce(modality, ''), CAST(negated AS INTEGER))
    ELSE concat_ws('|', coalesce(source_code, ''), coalesce(target_code, ''), root, coalesce(modality, ''), CAST(negated AS INTEGER))
    END"""

PENDING_EVENTS = """
SELECT e.event_id, e.dedup_key, e.cameo, e.event_day, e.evidence_sentence, e.evidence_text
FROM events AS e JOIN dedup_pending AS p USING (dedup_key)
ORDER BY e.dedup_key, e.event_day NULLS LAST, e.article_id, e.ordinal
"""
DELETE_PENDING_CLUSTERS = """
DELETE FROM event_clusters
WHERE event_id IN (SELECT event_id FROM events JOIN dedup_pending USING (dedup_key))
"""
INSERT_CLUSTERS = "INSERT INTO event_clusters BY NAME SELECT event_id, cluster_id FROM _new_clusters"
CLEAR_PENDING = "DELETE FROM dedup_pending"

CLUSTER_SCHEMA = pa.schema([("event_id", pa.string()), ("cluster_id", pa.string())])


def words(sentence: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall(sentence.lower())) if sentence else frozenset()


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@dataclass(frozen=True)
class Mention:
    """What clustering needs of one stored event."""

    event_id: str
    cameo: str
    day: datetime.date | None
    evidence: str | None

    @functools.cached_property
    def words(self) -> frozenset[str]:
        # Only computed when the CAMEO codes differ: most mentions of one event share their code.
        return words(self.evidence)


@dataclass
class _Cluster:
    first: Mention
    cameos: set[str] = field(default_factory=set)
    members: list[Mention] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.cameos.add(mention.cameo)
        self.members.append(mention)

    def accepts(self, mention: Mention) -> bool:
        if mention.cameo in self.cameos:
            return True
        return any(jaccard(mention.words, member.words) >= MIN_JACCARD for member in self.members)


def cluster_key_group(mentions: Iterable[Mention]) -> Iterator[tuple[str, str]]:
    """(event_id, cluster_id) for the mentions of one dedup key, given in (day, article, position) order."""
    open_clusters: list[_Cluster] = []
    for mention in mentions:
        if mention.day is None:
            yield mention.event_id, mention.event_id
            continue
        open_clusters = [c for c in open_clusters if (mention.day - c.first.day).days <= WINDOW_DAYS]
        cluster = next((c for c in open_clusters if c.accepts(mention)), None)
        if cluster is None:
            cluster = _Cluster(mention)
            open_clusters.append(cluster)
        cluster.add(mention)
        yield mention.event_id, cluster.first.event_id


def refresh_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Recluster every dedup key marked pending, in one transaction; returns the events clustered."""
    rows = con.execute(PENDING_EVENTS).fetchall()
    pairs = list(_clustered(rows))
    table = pa.table(list(zip(*pairs)) if pairs else [[], []], schema=CLUSTER_SCHEMA)
    con.begin()
    try:
        con.execute(DELETE_PENDING_CLUSTERS)
        con.register("_new_clusters", table)
        con.execute(INSERT_CLUSTERS)
        con.execute(CLEAR_PENDING)
        con.commit()
    except duckdb.Error:
        con.rollback()
        raise
    finally:
        con.unregister("_new_clusters")
    return len(pairs)


def _clustered(rows: list[tuple]) -> Iterator[tuple[str, str]]:
    for _key, group in groupby(rows, key=lambda row: row[1]):
        mentions = (
            Mention(event_id, cameo, day, sentence or text)
            for event_id, _k, cameo, day, sentence, text in group
        )
        yield from cluster_key_group(mentions)
