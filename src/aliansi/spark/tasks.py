"""What the Spark tasks run: plain functions from Arrow record batches to Arrow record batches.

Each is handed to `DataFrame.mapInArrow`, so it runs in Spark's Python workers, and it calls only
aliansi's own functions: the ingest readers, the one `Pipeline`, the near-duplicate index, and the
store's loader, clustering and event view. Nothing here imports pyspark: these are module-level
functions that run without Spark too, and Spark pickles them by reference (its workers import
aliansi from the same environment).

The Arrow schemas below are the intermediate records between stages. The output's columns are not
defined here: they come from the store (see `export_schema`).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterable, Iterator

import numpy as np
import pyarrow as pa

from aliansi.clean.dedup import NearDuplicateIndex
from aliansi.errors import InputError
from aliansi.ingest import read_paths
from aliansi.models import Article, RawArticle, Removed
from aliansi.store import EVENT_COLUMNS, Store
from aliansi.store.dedup import refresh_clusters
from aliansi.store.load import ACTOR_TYPE, EVENT_TYPE, REMOVED_TYPE, Coded, batch_tables, content_hash, write_tables

# The input position of an article: which given path, and which article inside it. Sorting by these
# restores the order `read_paths` yields, which decides "first seen" for near-duplicates.
ORDER_COLUMNS = ("path_index", "item")
ORDER_FIELDS = [pa.field("path_index", pa.int32()), pa.field("item", pa.int64())]

INPUT_SCHEMA = pa.schema([pa.field("path_index", pa.int32()), pa.field("path", pa.string())])

RAW_FIELDS = tuple(f.name for f in dataclasses.fields(RawArticle))
# One row per article read, or per input that could not be read (then only `error` and `source_file`).
RAW_SCHEMA = pa.schema([
    *ORDER_FIELDS,
    *(pa.field(name, pa.string()) for name in RAW_FIELDS),
    pa.field("article_hash", pa.string()),
    pa.field("error", pa.string()),
])

# The event rows the store's view gives, plus the day the output is partitioned by.
EXPORT_QUERY = f"SELECT {', '.join(EVENT_COLUMNS)}, event_day FROM event_rows"
PARTITION_COLUMN = "event_day"

# Arrow's `now` for rows built only to be loaded into a throw-away store; ingested_at is not exported.
_EPOCH = datetime.datetime(1970, 1, 1)


def _empty_tables() -> dict[str, pa.Table]:
    return batch_tables([], now=_EPOCH)


def ledger_schema() -> pa.Schema:
    """One coded article: the store's article row, the pipeline's nested output, and its input position."""
    articles = _empty_tables()["_batch_articles"].schema
    return pa.schema([
        *articles,
        pa.field("removed", pa.list_(REMOVED_TYPE)),
        pa.field("actors", pa.list_(ACTOR_TYPE)),
        pa.field("events", pa.list_(EVENT_TYPE)),
        pa.field("signature", pa.list_(pa.int64())),
        *ORDER_FIELDS,
    ])


def loadable_schema() -> pa.Schema:
    """One event as the store's loader takes it, with its article's row (text left out) beside it."""
    tables = _empty_tables()
    return tables["_batch_events"].schema.append(pa.field("article", pa.struct(list(tables["_batch_articles"].schema))))


def export_schema() -> pa.Schema:
    """The columns of `aliansi export --format parquet`, as the store's view types them, and event_day."""
    with Store.open(":memory:") as store:
        return store.connection.sql(EXPORT_QUERY + " LIMIT 0").to_arrow_table().schema


DUPLICATE_SCHEMA = pa.schema([pa.field("article_id", pa.string()), pa.field("duplicate_of", pa.string())])


# ------------------------------------------------------------------------------------ read


def read_inputs(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each given path through `read_paths`, exactly as `aliansi code` reads it; failures become rows."""
    for batch in batches:
        for path_index, path in zip(batch.column("path_index").to_pylist(), batch.column("path").to_pylist()):
            rows = [_raw_row(path_index, item, found) for item, found in enumerate(read_paths([path]))]
            yield pa.RecordBatch.from_pylist(rows, schema=RAW_SCHEMA)


def _raw_row(path_index: int, item: int, found: RawArticle | InputError) -> dict:
    if isinstance(found, InputError):
        return {"path_index": path_index, "item": item, "source_file": found.path, "error": found.reason}
    return {"path_index": path_index, "item": item, **dataclasses.asdict(found), "article_hash": content_hash(found)}


# ------------------------------------------------------------------------------------ code


def code_articles(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Run the Pipeline on each raw article; yields ledger rows (duplicate_of is marked later, in order).

    One Pipeline per partition. The language packs and the gazetteer are cached per process, and
    Spark reuses its Python workers across tasks, so they load once per worker. `annotate` computes
    each article's MinHash signature, in parallel; it goes into the ledger, so that marking
    near-duplicates in input order (`mark_duplicates`, one task) only compares signatures.
    """
    from aliansi.pipeline import Pipeline  # loads language packs: only in the workers that code

    pipeline = Pipeline()
    schema = ledger_schema()
    for batch in batches:
        rows = batch.to_pylist()
        coded = [Coded(pipeline.annotate(RawArticle(**{f: row[f] for f in RAW_FIELDS})), row["article_hash"]) for row in rows]
        articles = batch_tables(coded, now=_utc_now())["_batch_articles"]
        nested = {
            "removed": pa.array([[dataclasses.asdict(r) for r in c.article.removed] for c in coded], pa.list_(REMOVED_TYPE)),
            "actors": pa.array([c.article.actors for c in coded], pa.list_(ACTOR_TYPE)),
            "events": pa.array([c.article.events for c in coded], pa.list_(EVENT_TYPE)),
            "signature": pa.array([_signature(c.article) for c in coded], pa.list_(pa.int64())),
            "path_index": batch.column("path_index"),
            "item": batch.column("item"),
        }
        yield from pa.Table.from_arrays([*articles.columns, *nested.values()], schema=schema).to_batches()


def mark_duplicates(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """`duplicate_of` for articles given in input order, with the index `Pipeline.run` uses.

    Runs in one task over the run's articles (unchanged ones too, with their stored signatures, as
    `aliansi ingest` feeds their stored text), because "the first-seen copy" is an order over the
    whole input. It only compares signatures: the coding tasks computed them.
    """
    index = NearDuplicateIndex()
    for batch in batches:
        ids, signatures = batch.column("article_id").to_pylist(), batch.column("signature").to_pylist()
        marked = [
            # A text without words has no signature and duplicates nothing, as with the text itself.
            None if values is None else index.check_and_add(article_id, "", signature=np.array(values, dtype=np.uint64))
            for article_id, values in zip(ids, signatures)
        ]
        yield pa.RecordBatch.from_arrays([pa.array(ids, pa.string()), pa.array(marked, pa.string())], schema=DUPLICATE_SCHEMA)


def _signature(article: Article) -> list[int] | None:
    # MinHash values are below 2**32 (datasketch's _max_hash), so int64 holds them: Spark has no uint64.
    return None if article.signature is None else article.signature.tolist()


# ------------------------------------------------------------------------------------ store rows


def loadable_events(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Ledger rows to the store loader's flat event rows (`load.batch_tables`), each with its article."""
    schema = loadable_schema()
    for batch in batches:
        tables = batch_tables([_coded_of(row) for row in batch.to_pylist()], now=_EPOCH)
        articles = tables["_batch_articles"]
        # The store's event view reads no article text, and each event carries its article's row:
        # leaving the text out keeps the shuffle to the events' size.
        articles = articles.set_column(articles.schema.get_field_index("text"), "text", pa.array([""] * articles.num_rows))
        events = tables["_batch_events"]
        position = {article_id: i for i, article_id in enumerate(articles.column("article_id").to_pylist())}
        parent = pa.array([position[a] for a in events.column("article_id").to_pylist()], pa.int64())
        article = articles.take(parent).to_struct_array()
        for out in events.append_column("article", article).cast(schema).to_batches():
            yield out


def store_rows(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Load a partition's events into an in-memory store, cluster them and read the store's event view.

    The partition must hold every event of each dedup key it has (the job partitions by the key), so
    the clusters and their counts are those of the whole output. The loader, the clustering and the
    view are the ones `aliansi ingest` and `aliansi export` use, so the rows are theirs.
    """
    table = pa.Table.from_batches(list(batches), schema=loadable_schema())
    if table.num_rows == 0:
        return
    articles = pa.Table.from_struct_array(table.column("article").combine_chunks())
    first = {}
    for i, article_id in enumerate(articles.column("article_id").to_pylist()):
        first.setdefault(article_id, i)
    tables = _empty_tables()
    tables["_batch_articles"] = articles.take(pa.array(list(first.values()), pa.int64()))
    tables["_batch_events"] = table.drop_columns(["article"])
    with Store.open(":memory:") as store:
        write_tables(store.connection, tables)
        refresh_clusters(store.connection)
        yield from store.connection.sql(EXPORT_QUERY).to_arrow_table().to_batches()


def _coded_of(row: dict) -> Coded:
    """The coded article a ledger row records (the inverse of `code_articles`)."""
    article = Article(
        id=row["article_id"], source_file=row["source_file"], text=row["text"], language=row["language"],
        date=row["date"], date_precision=row["date_precision"], duplicate_of=row["duplicate_of"],
        removed=[Removed(**piece) for piece in row["removed"]], metadata=json.loads(row["metadata"]),
        actors=row["actors"], events=row["events"],
    )
    return Coded(article, row["article_hash"])


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
