"""Writing coded articles into the store: idempotent, in transactional batches, through Arrow.

Identity and idempotency
    An article is identified by its id (file stem or record id) and keyed by `article_hash`, the
    sha256 of its id and its raw input (text, title, url, published, language, source; not the file
    path, so moving a folder recodes nothing). Before coding, each input is looked up: the same id
    with the same hash, coded by the same aliansi version, is skipped without running the pipeline;
    the same id with another hash (the text changed) or another coder version is recoded and
    replaces all of its old rows; a new id is added. Hashing the raw input rather than the cleaned
    text is what lets a rerun skip the pipeline, which is nearly all of an ingest's time.

Transactions
    Articles are written in batches of `batch_size`, one DuckDB transaction per batch: an article's
    old rows are deleted and its new article, removed pieces, actor mentions and events are inserted
    together, so a process killed at any moment (even SIGKILL) leaves each article either fully
    stored or absent. The next run skips what is stored and completes the rest.

Arrow
    Each batch becomes one flat Arrow table per database table: Arrow converts the pipeline's nested
    event and actor dicts in C++ and flattens them with Arrow compute. DuckDB inserts each with one
    `INSERT ... SELECT` and computes the derived columns (event ids, dates, dedup keys) in SQL:
    never `executemany`, which DuckDB runs row by row, and no Python loop per event.

Near-duplicates
    The pipeline marks `duplicate_of` against articles seen earlier in the same run. Skipped articles
    are fed to the same index from their stored text, in input order, so a resumed run marks exactly
    what a clean run would.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from aliansi import __version__
from aliansi.errors import InputError
from aliansi.models import Article, RawArticle
from aliansi.store.dedup import DEDUP_KEY, refresh_clusters
from aliansi.store.options import BATCH_SIZE

log = logging.getLogger(__name__)

CODER_VERSION = __version__

# Inputs looked up in the database at once before coding.
LOOKUP_CHUNK = 256

STORED_STATE = """
SELECT article_id, article_hash, coder_version, text
FROM articles WHERE article_id IN (SELECT unnest($ids))
"""

# '2024-09-16', '2024-09' or '2024' as a DATE; a month or a year is stored as its first day.
_DATE = (
    "CASE WHEN length({0}) = 4 THEN try_cast({0} || '-01-01' AS DATE) "
    "WHEN length({0}) = 7 THEN try_cast({0} || '-01' AS DATE) ELSE try_cast({0} AS DATE) END"
)

# The day an event is placed on for dedup, filters and GDELT's SQLDATE. A date known to the day is
# used as is. A month or year that contains the article's date says less than the report's own date
# does, so the article's date wins; one that does not is background ("invaded in February 2022" in
# a 2023 story) and keeps its own date. No date at all: the article's.
EVENT_DAY = """CASE
    WHEN date IS NULL THEN article_date
    WHEN date_precision = 'day' OR article_date IS NULL THEN date
    WHEN date_precision = 'month' AND year(date) = year(article_date) AND month(date) = month(article_date) THEN article_date
    WHEN date_precision = 'year' AND year(date) = year(article_date) THEN article_date
    ELSE date END"""

# _batch_events is flat already (Arrow flattened the pipeline's nested event dicts in C++);
# DuckDB adds the derived columns.
INSERT_EVENTS = f"""
INSERT INTO events BY NAME
WITH typed AS (
    SELECT * REPLACE ({_DATE.format("date")} AS date, {_DATE.format("article_date")} AS article_date,
                      coalesce(negated, false) AS negated)
    FROM _batch_events
)
SELECT * EXCLUDE (lead_end, id_key, article_hash, language, source_url, article_date, outlet),
       left(sha256(id_key), 32) AS event_id, {EVENT_DAY} AS event_day,
       coalesce(evidence_start < lead_end, false) AS in_lead, {DEDUP_KEY} AS dedup_key
FROM typed
"""
MARK_PENDING_OF_NEW = f"""
INSERT OR IGNORE INTO dedup_pending
SELECT DISTINCT {DEDUP_KEY}
FROM (SELECT source_code, target_code, root, modality, coalesce(negated, false) AS negated FROM _batch_events)
"""
INSERT_ARTICLES = f"""
INSERT INTO articles BY NAME SELECT * REPLACE ({_DATE.format("date")} AS date) FROM _batch_articles
"""
INSERT_REMOVED = "INSERT INTO removed_pieces BY NAME SELECT * FROM _batch_removed"
INSERT_MENTIONS = "INSERT INTO actor_mentions BY NAME SELECT * FROM _batch_mentions"
MARK_PENDING_OF_REPLACED = """
INSERT OR IGNORE INTO dedup_pending
SELECT DISTINCT dedup_key FROM events WHERE article_id IN (SELECT article_id FROM _replaced)
"""
# Children before parents.
DELETE_REPLACED = (
    "DELETE FROM events WHERE article_id IN (SELECT article_id FROM _replaced)",
    "DELETE FROM actor_mentions WHERE article_id IN (SELECT article_id FROM _replaced)",
    "DELETE FROM removed_pieces WHERE article_id IN (SELECT article_id FROM _replaced)",
    "DELETE FROM articles WHERE article_id IN (SELECT article_id FROM _replaced)",
)
BATCH_INSERTS = (INSERT_ARTICLES, INSERT_REMOVED, INSERT_MENTIONS, INSERT_EVENTS, MARK_PENDING_OF_NEW)

_PERSON = pa.struct([("code", pa.string()), ("agent", pa.string()), ("name", pa.string()), ("text", pa.string())])
EVENT_TYPE = pa.struct([
    ("source", _PERSON), ("target", _PERSON), ("cameo", pa.string()), ("root", pa.string()),
    ("quad_class", pa.int32()), ("goldstein", pa.float64()),
    ("plover", pa.struct([("type", pa.string()), ("mode", pa.string())])),
    ("modality", pa.string()), ("negated", pa.bool_()), ("date", pa.string()), ("date_precision", pa.string()),
    ("attribution", pa.struct([("code", pa.string()), ("name", pa.string()), ("text", pa.string())])),
    ("evidence", pa.struct([("sentence", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])),
    ("confidence", pa.float64()), ("pattern", pa.string()),
])
MENTION_TYPE = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()), ("agent", pa.string())])
ACTOR_TYPE = pa.struct([("code", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("mentions", pa.list_(MENTION_TYPE))])
REMOVED_TYPE = pa.struct([("text", pa.string()), ("reason", pa.string())])
ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("article_hash", pa.string()), ("coder_version", pa.string()),
    ("source_file", pa.string()), ("language", pa.string()), ("date", pa.string()), ("date_precision", pa.string()),
    ("duplicate_of", pa.string()), ("title", pa.string()), ("url", pa.string()), ("source", pa.string()),
    ("wire", pa.string()), ("published", pa.string()), ("outlet", pa.string()), ("metadata", pa.string()),
    ("text", pa.string()), ("ingested_at", pa.timestamp("us")),
])
REMOVED_SCHEMA = pa.schema([("article_id", pa.string()), ("position", pa.int32()), ("text", pa.string()), ("reason", pa.string())])
# Columns every event row repeats from its article, under their events-table names.
EVENT_PARENT_COLUMNS = {
    "article_id": "article_id", "article_hash": "article_hash", "language": "language", "url": "source_url",
    "date": "article_date", "outlet": "outlet", "lead_end": "lead_end",
}

# The host of an absolute URL (what urllib's urlsplit().hostname gives, at a tenth of its cost).
_URL_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#\[\]]+)")

T = TypeVar("T")


@dataclass
class IngestSummary:
    """What one ingest did."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    batches: int = 0
    failures: list[InputError] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.replaced


@dataclass(frozen=True)
class Coded:
    """A coded article, its content hash, and whether it replaces stored rows."""

    article: Article
    article_hash: str
    replaces: bool = False


def content_hash(raw: RawArticle) -> str:
    """sha256 of the id and the raw input (see the module docstring for why not the cleaned text)."""
    payload = json.dumps([raw.id, raw.text, raw.title, raw.url, raw.published, raw.language, raw.source], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def ingest(
    con: duckdb.DuckDBPyConnection,
    items: Iterable[RawArticle | InputError],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[InputError], None] | None = None,
    on_coded: Callable[[], None] | None = None,
) -> IngestSummary:
    """Code what is new or changed among `items` and store it; then recluster the touched events."""
    from aliansi.pipeline import Pipeline  # the pipeline loads language packs: only when ingesting

    summary = IngestSummary()
    plan = _Plan(con, summary, on_error)
    try:
        coded = plan.in_order(Pipeline().run(plan.to_code(items), workers=workers), on_coded)
        for batch in write_batches(con, _batched(coded, batch_size)):
            _count(summary, batch)
            log.info("batch %d committed: %d article(s), %d event(s) in total", summary.batches, len(batch), summary.events)
    finally:
        plan.close()
    refresh_clusters(con)
    return summary


def write_batches(con: duckdb.DuckDBPyConnection, batches: Iterable[list[Coded]]) -> Iterator[list[Coded]]:
    """Store batches one transaction each, yielding each batch once it is committed.

    The Arrow tables of the next batch are built in a helper thread while DuckDB (which releases the
    GIL while it works) writes the current one, so the two overlap when a second core is free.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="aliansi-arrow") as builder:
        previous: tuple[list[Coded], Future] | None = None
        for batch in batches:
            future = builder.submit(batch_tables, batch, now=_utc_now())
            if previous is not None:
                write_tables(con, previous[1].result())
                yield previous[0]
            previous = (batch, future)
        if previous is not None:
            write_tables(con, previous[1].result())
            yield previous[0]


def write_batch(con: duckdb.DuckDBPyConnection, batch: list[Coded], *, now: datetime.datetime | None = None) -> None:
    """Store one batch in one transaction: every article of it fully, or (on any error) none."""
    write_tables(con, batch_tables(batch, now=now or _utc_now()))


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """One transaction: delete the rows of the articles replaced, insert the batch's tables."""
    con.begin()
    try:
        for name, table in tables.items():
            con.register(name, table)
        if tables["_replaced"].num_rows:  # only then: the deletes scan the whole events table
            con.execute(MARK_PENDING_OF_REPLACED)
            for statement in DELETE_REPLACED:
                con.execute(statement)
        for statement in BATCH_INSERTS:
            con.execute(statement)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        for name in tables:
            con.unregister(name)


def batch_tables(batch: list[Coded], *, now: datetime.datetime) -> dict[str, pa.Table]:
    """Flat Arrow tables for a batch: articles, removed pieces, actor mentions and events.

    The pipeline's nested actor and event dicts are converted by Arrow in C++ and flattened with
    Arrow compute.
    """
    articles = _table([_article_row(coded, now) for coded in batch], ARTICLE_SCHEMA)
    removed = _table([(c.article.id, i, r.text, r.reason) for c in batch for i, r in enumerate(c.article.removed)], REMOVED_SCHEMA)
    parents = articles.append_column("lead_end", pa.array([lead_end(c.article.text, c.article.metadata.get("title")) for c in batch], pa.int32()))
    events = _flat_children(pa.array([c.article.events for c in batch], pa.list_(EVENT_TYPE)), parents, EVENT_PARENT_COLUMNS)
    events = events.append_column("id_key", event_id_keys(events))
    actors = _flat_children(pa.array([c.article.actors for c in batch], pa.list_(ACTOR_TYPE)), parents, {"article_id": "article_id"})
    replaced = pa.table({"article_id": pa.array([c.article.id for c in batch if c.replaces], pa.string())})
    return {"_batch_articles": articles, "_batch_removed": removed, "_batch_mentions": _mentions(actors),
            "_batch_events": events, "_replaced": replaced}


def _flat_children(lists: pa.ListArray, parents: pa.Table, inherit: dict[str, str]) -> pa.Table:
    """One row per list element, struct fields as columns (nested ones as `outer_inner`), the parent's
    `inherit` columns renamed, and `ordinal`, the element's position in its list."""
    index = lists.value_parent_indices()
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    ordinal = pc.subtract(pa.array(range(len(index)), pa.int32()), pc.take(offsets, index))
    columns = {new: pc.take(parents.column(old), index) for old, new in inherit.items()}
    columns.update(_struct_columns(lists.flatten()))
    columns["ordinal"] = ordinal
    return pa.table(columns)


def event_id_keys(events: pa.Table) -> pa.Array:
    """What an event id hashes: the article's content hash, the dyad, the code and where the evidence
    starts, so the same event gets the same id in every run. The same four twice in one article (rare)
    are told apart by their position. Built with Arrow compute; DuckDB hashes it on insert."""
    parts = [events.column(n) for n in ("article_hash", "source_code", "target_code", "cameo")]
    parts.append(pc.cast(events.column("evidence_start"), pa.string()))
    keys = pc.binary_join_element_wise(*[pc.fill_null(p, "") for p in parts], "|")
    keys = keys.combine_chunks() if isinstance(keys, pa.ChunkedArray) else keys
    counts = pc.value_counts(keys)
    repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return keys
    return _disambiguated(keys, pc.is_in(keys, value_set=repeated), events.column("ordinal").combine_chunks())


def _disambiguated(keys: pa.Array, repeated: pa.Array, ordinals: pa.Array) -> pa.Array:
    """Keys whose value came earlier in the batch get their position appended; only those rows
    are looked at in Python."""
    rows = pc.indices_nonzero(repeated).to_pylist()
    seen: set[str] = set()
    later, suffixed = [], []
    for row in rows:
        key = keys[row].as_py()
        if key in seen:
            later.append(row)
            suffixed.append(f"{key}|{ordinals[row].as_py()}")
        seen.add(key)
    mask = pc.is_in(pa.array(range(len(keys)), pa.int64()), value_set=pa.array(later, pa.int64()))
    return pc.replace_with_mask(keys, mask, pa.array(suffixed, pa.string()))


def _struct_columns(values: pa.StructArray, prefix: str = "") -> dict[str, pa.Array]:
    columns = {}
    for child_field, child in zip(values.type, values.flatten()):
        name = prefix + child_field.name
        if pa.types.is_struct(child_field.type):
            columns.update(_struct_columns(child, name + "_"))
        else:
            columns[name] = child
    return columns


def _mentions(actors: pa.Table) -> pa.Table:
    mentions = _flat_children(actors.column("mentions").combine_chunks(), actors, {
        "article_id": "article_id", "code": "actor_code", "name": "actor_name", "kind": "actor_kind",
    })
    return mentions.drop_columns(["ordinal"])


def _article_row(coded: Coded, now: datetime.datetime) -> tuple:
    article, meta = coded.article, coded.article.metadata
    return (
        article.id, coded.article_hash, CODER_VERSION, article.source_file, article.language, article.date,
        article.date_precision, article.duplicate_of, meta.get("title"), meta.get("url"), meta.get("source"),
        meta.get("wire"), meta.get("published"), outlet_of(article), json.dumps(meta, ensure_ascii=False, default=str),
        article.text, now,
    )


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def _table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows)) if rows else [[] for _ in schema]
    return pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(columns, schema)], schema=schema)


def outlet_of(article: Article) -> str:
    """What NumSources counts: the named source, else the URL's host, else the article itself."""
    meta = article.metadata
    if meta.get("source"):
        return str(meta["source"])
    host = _URL_HOST.match(str(meta.get("url") or ""))
    return host.group(1).lower() if host else article.id


def lead_end(text: str, title: str | None) -> int:
    """End offset of the lead paragraph: the first paragraph that is not the headline."""
    start = 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        paragraph = text[start:end].strip()
        if paragraph and paragraph != (title or "").strip():
            return end
        start = end + 2
    return len(text)


def _count(summary: IngestSummary, batch: list[Coded]) -> None:
    summary.batches += 1
    summary.replaced += sum(c.replaces for c in batch)
    summary.new += sum(not c.replaces for c in batch)
    summary.events += sum(len(c.article.events) for c in batch)


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class _Skip:
    article_id: str
    text: str


@dataclass(frozen=True)
class _ToCode:
    article_id: str
    article_hash: str
    replaces: bool


class _Plan:
    """Decides ahead of the pipeline which inputs need coding, and restores input order after it.

    `to_code` may run in the pipeline's feeder thread (workers > 1), so it reads the database through
    its own cursor; `_order` is a deque, whose appends and pops are thread-safe.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, summary: IngestSummary, on_error: Callable[[InputError], None] | None):
        from aliansi.clean.dedup import NearDuplicateIndex

        self._cursor = con.cursor()
        self._summary = summary
        self._on_error = on_error
        self._order: deque[_Skip | _ToCode] = deque()
        self._first_source: dict[str, str] = {}
        self._duplicates = NearDuplicateIndex()

    def close(self) -> None:
        self._cursor.close()

    def to_code(self, items: Iterable[RawArticle | InputError]) -> Iterator[RawArticle]:
        for chunk in _batched(items, LOOKUP_CHUNK):
            raws = [raw for raw in map(self._admit, chunk) if raw is not None]
            stored = self._stored([raw.id for raw in raws])
            for raw in raws:
                article_hash, known = content_hash(raw), stored.get(raw.id)
                if known is not None and known[:2] == (article_hash, CODER_VERSION):
                    self._order.append(_Skip(raw.id, known[2]))
                    continue
                self._order.append(_ToCode(raw.id, article_hash, replaces=known is not None))
                yield raw

    def in_order(self, articles: Iterable[Article], on_coded: Callable[[], None] | None) -> Iterator[Coded]:
        for article in articles:
            entry = self._next_to_code()
            if entry.article_id != article.id:
                raise RuntimeError(f"pipeline output out of order: expected {entry.article_id}, got {article.id}")
            article.duplicate_of = self._duplicates.check_and_add(article.id, article.text, signature=article.signature)
            if on_coded:
                on_coded()
            yield Coded(article, entry.article_hash, entry.replaces)
        self._skip_rest()

    def _admit(self, item: RawArticle | InputError) -> RawArticle | None:
        if isinstance(item, RawArticle):
            first = self._first_source.get(item.id)
            if first is None:
                self._first_source[item.id] = item.source_file
                return item
            # The id is the article's identity in the store; a second one would replace the first.
            item = InputError(item.source_file, f"article id {item.id!r} was already read from {first}; "
                                                "ids must be unique, so this one is skipped")
        self._summary.failures.append(item)
        if self._on_error:
            self._on_error(item)
        return None

    def _stored(self, ids: list[str]) -> dict[str, tuple[str, str, str]]:
        if not ids:
            return {}
        rows = self._cursor.execute(STORED_STATE, {"ids": ids}).fetchall()
        return {article_id: (article_hash, version, text) for article_id, article_hash, version, text in rows}

    def _next_to_code(self) -> _ToCode:
        while isinstance(self._order[0], _Skip):
            self._skip(self._order.popleft())
        return self._order.popleft()

    def _skip_rest(self) -> None:
        while self._order:
            self._skip(self._order.popleft())

    def _skip(self, entry: _Skip) -> None:
        self._duplicates.check_and_add(entry.article_id, entry.text)
        self._summary.unchanged += 1
