"""The embedded store: coded articles and their events in one DuckDB file, for queries and exports.

    with Store.open("news.duckdb") as store:          # writable; applies pending migrations
        store.ingest(["corpus/"], workers=2)
    store = Store.open("news.duckdb", read_only=True)
    store.events(since="2024-01-01", actor="AZE")     # pandas DataFrame, one row per event cluster

DuckDB lets one process hold a database file at a time (even a reader blocks a writer), so a
second process gets a StoreLockedError that says what to do instead of DuckDB's IO error.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from aliansi.errors import InputError
from aliansi.store.options import BATCH_SIZE, ExportFormat
from aliansi.store.schema import StoreError, StoreLockedError, connect, schema_version

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from aliansi.models import RawArticle
    from aliansi.store.load import IngestSummary

__all__ = ["BATCH_SIZE", "EVENT_COLUMNS", "ExportFormat", "Store", "StoreError", "StoreLockedError", "default_path"]

DB_FILE_NAME = "aliansi.duckdb"

# The events contract shared with aliansi.align (and the parquet/csv/jsonl exports), in this order.
EVENT_COLUMNS = (
    "event_id", "article_id", "article_hash",
    "source_code", "source_agent", "source_name", "source_text",
    "target_code", "target_agent", "target_name", "target_text",
    "cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "modality", "negated",
    "date", "date_precision", "attribution_code",
    "evidence_sentence", "evidence_start", "evidence_end", "evidence_text",
    "confidence", "pattern", "language", "source_url", "article_date",
    "cluster_id", "num_mentions", "num_articles", "num_sources",
)

# Filters apply to the row shown (after deduplication), so a cluster's counts always cover all of
# its members. Dates compare with event_day: the event's date when known to the day, else the
# article's (see load.event_day).
EVENT_FILTER = """
WHERE ($since IS NULL OR event_day >= $since)
  AND ($until IS NULL OR event_day <= $until)
  AND ($actor IS NULL OR source_code = $actor OR target_code = $actor)
  AND (NOT $deduplicated OR event_id = cluster_id)
"""
EVENT_ORDER = "ORDER BY event_day NULLS LAST, article_id, ordinal"
EVENTS_QUERY = f"SELECT {', '.join(EVENT_COLUMNS)} FROM event_rows {EVENT_FILTER} {EVENT_ORDER}"
ARTICLES_QUERY = """
SELECT article_id, article_hash, coder_version, source_file, language, date, date_precision, duplicate_of,
       title, url, source, wire, published, outlet, metadata, text, ingested_at,
       (SELECT count(*) FROM events AS e WHERE e.article_id = a.article_id) AS events
FROM articles AS a ORDER BY article_id
"""


def default_path() -> Path:
    """The database used when none is given: in the user's data directory (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("aliansi")) / DB_FILE_NAME


DateLike = str | datetime.date | None


@dataclass(frozen=True)
class EventFilter:
    """Which events a query or export returns; see EVENT_FILTER."""

    since: DateLike = None
    until: DateLike = None
    actor: str | None = None
    deduplicated: bool = True

    def params(self) -> dict[str, Any]:
        return {
            "since": as_date(self.since, "since"),
            "until": as_date(self.until, "until"),
            "actor": self.actor,
            "deduplicated": self.deduplicated,
        }


def as_date(value: DateLike, name: str) -> datetime.date | None:
    """A date from a date or an ISO string; 'YYYY-MM' and 'YYYY' mean the period's first day for
    `since` and its last day for `until`, so until='2024' includes all of 2024."""
    if value is None or isinstance(value, datetime.date):
        return value.date() if isinstance(value, datetime.datetime) else value
    parts = str(value).strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            return datetime.date(*numbers)
        if len(numbers) in (1, 2) and len(parts[0]) == 4:
            return _period_edge(numbers, last=name == "until")
    except ValueError:
        pass
    raise StoreError(f"{name}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")


def _period_edge(numbers: list[int], *, last: bool) -> datetime.date:
    year, month = numbers[0], numbers[1] if len(numbers) == 2 else None
    if not last:
        return datetime.date(year, month or 1, 1)
    if month is None:
        return datetime.date(year, 12, 31)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


class Store:
    """One open aliansi database. Use `Store.open`; close it (or use `with`) to release the file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | str, *, read_only: bool):
        self.connection = con
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> Store:
        """Open (and, when writable, create and migrate) the database at `path` or the default one."""
        where = default_path() if path is None else (path if str(path) == ":memory:" else Path(path))
        return cls(connect(where, read_only=read_only), where, read_only=read_only)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, read_only={self.read_only})"

    @property
    def schema_version(self) -> int:
        return schema_version(self.connection)

    # ----------------------------------------------------------------------------- writing

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int = 1,
        batch_size: int | None = None,
        on_error: Callable[[InputError], None] | None = None,
    ) -> IngestSummary:
        """Read, code and store the articles under `paths`; unreadable inputs land in `.failures`."""
        from aliansi.ingest import read_paths

        return self.ingest_items(read_paths(paths), workers=workers, batch_size=batch_size, on_error=on_error)

    def ingest_items(
        self,
        items: Iterable[RawArticle | InputError],
        *,
        workers: int = 1,
        batch_size: int | None = None,
        on_error: Callable[[InputError], None] | None = None,
        on_coded: Callable[[], None] | None = None,
    ) -> IngestSummary:
        from aliansi.store import load

        self._require_writable()
        return load.ingest(
            self.connection, items, workers=workers, batch_size=batch_size or BATCH_SIZE,
            on_error=on_error, on_coded=on_coded,
        )

    # ----------------------------------------------------------------------------- reading

    def articles(self) -> pd.DataFrame:
        """One row per stored article, with its cleaned text, metadata and number of events."""
        return self.connection.sql(ARTICLES_QUERY).df()

    def events(self, *, since: DateLike = None, until: DateLike = None, actor: str | None = None,
               deduplicated: bool = True) -> pd.DataFrame:
        """Events with the columns of EVENT_COLUMNS; deduplicated: one row per cluster (its earliest member)."""
        return self._events(EventFilter(since, until, actor, deduplicated)).df()

    def events_arrow(self, *, since: DateLike = None, until: DateLike = None, actor: str | None = None,
                     deduplicated: bool = True) -> pa.Table:
        """The same rows as `events`, as a pyarrow Table."""
        return self._events(EventFilter(since, until, actor, deduplicated)).to_arrow_table()

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Any read query on the tables (articles, removed_pieces, actor_mentions, events, event_rows)."""
        return self.connection.sql(sql, params=params).df()

    def dyad(self, a: str, b: str, *, freq: str = "month") -> pd.DataFrame:
        """Counts by QuadClass and Goldstein per period between a and b, both directions (aliansi.align)."""
        from aliansi.align import dyad_series

        # Only a's events can belong to the dyad; the filter runs in DuckDB, before pandas.
        return dyad_series(self.events(actor=a), a, b, freq=freq)

    def align(self, state: str, *, blocs: Sequence[str] | None = None, freq: str = "month", **options: Any) -> pd.DataFrame:
        """The alignment index of `state` between two blocs, per period (aliansi.align.alignment;
        `options` such as `definitions` pass through to it). Without `blocs`, its default pair."""
        from aliansi.align import alignment

        if blocs is not None:
            options["blocs"] = list(blocs)
        return alignment(self.events(actor=state), state, freq=freq, **options)

    def export(self, fmt: str, out: str | Path, *, since: DateLike = None, until: DateLike = None,
               actor: str | None = None, deduplicated: bool = True) -> int:
        """Write events as parquet, csv, jsonl, gdelt or plover (see aliansi.store.export); returns the rows written."""
        from aliansi.store.export import export

        return export(self.connection, fmt, Path(out), EventFilter(since, until, actor, deduplicated))

    def _events(self, selection: EventFilter) -> duckdb.DuckDBPyRelation:
        return self.connection.sql(EVENTS_QUERY, params=selection.params())

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it with read_only=False to ingest")
