"""The Spark job: read the inputs, code what is new, mark near-duplicates, write the ledger and the events.

Only DataFrame operations, so the same code runs on `local[N]`, a standalone master and Spark Connect
(which has no RDD API). Every step of its own is in `aliansi.spark.tasks`; this module only wires
them together and says where Spark shuffles.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aliansi.errors import InputError
from aliansi.spark import tasks
from aliansi.store.dedup import DEDUP_KEY
from aliansi.store.load import CODER_VERSION

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

ARTICLES_DIR = "articles"
EVENTS_DIR = "events"
RUN_COLUMN = "run"


@dataclass
class SparkSummary:
    """What one `aliansi spark` run did."""

    coded: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[InputError] = field(default_factory=list)


def run(spark: SparkSession, paths: list[str | Path], output: str | Path, *, partitions: int) -> SparkSummary:
    """Code the articles under `paths` that `output` does not hold yet, then rewrite its events."""
    from pyspark.sql import functions as F

    output = _location(output)
    summary = SparkSummary()
    raws = _read(spark, paths).persist()  # read once: its errors, its ids and its articles are all used
    try:
        summary.failures = _failures(raws)
        admitted = raws.where("error IS NULL")
        admitted = admitted.join(F.broadcast(_repeated_ids(admitted)), list(tasks.ORDER_COLUMNS), "left_anti")
        stored = _stored(spark, output)
        to_code = admitted if stored is None else admitted.join(
            stored.where(f"coder_version = '{CODER_VERSION}'").select("article_id", "article_hash"),
            ["article_id", "article_hash"], "left_anti")
        coded = _code(to_code.withColumnRenamed("article_id", "id"), partitions).persist()
        try:
            summary.coded = coded.count()
            summary.unchanged = admitted.count() - summary.coded
            if summary.coded:
                _append_ledger(_with_duplicates(coded, admitted, stored), output)
        finally:
            coded.unpersist()
    finally:
        raws.unpersist()
    summary.events = _write_events(spark, output, partitions)
    return summary


def _location(output: str | Path) -> str:
    """A URL (hdfs://, s3a://, file://) as given; a plain path made absolute, since a Spark Connect
    server would otherwise resolve it against its own working folder."""
    text = str(output)
    return text.rstrip("/") if "://" in text else str(Path(text).resolve())


def _read(spark: SparkSession, paths: list[str | Path]) -> DataFrame:
    given = [(i, str(Path(p).resolve())) for i, p in enumerate(paths)]
    inputs = spark.createDataFrame(given, schema=_spark_schema(tasks.INPUT_SCHEMA))
    # One task per given path: a folder is read in `read_paths`' order by one task.
    raws = inputs.repartition(max(1, len(given))).mapInArrow(tasks.read_inputs, _spark_schema(tasks.RAW_SCHEMA))
    return raws.withColumnRenamed("id", "article_id")


def _failures(raws: DataFrame) -> list[InputError]:
    """Inputs that could not be read, and articles skipped for an id read earlier, in input order."""
    from pyspark.sql import functions as F

    repeated = _repeated_ids(raws.where("error IS NULL")).select(
        "source_file", F.format_string(REPEATED_ID, "article_id").alias("error"), *tasks.ORDER_COLUMNS)
    unreadable = raws.where("error IS NOT NULL").select("source_file", "error", *tasks.ORDER_COLUMNS)
    rows = unreadable.unionByName(repeated).orderBy(*tasks.ORDER_COLUMNS).collect()
    return [InputError(row.source_file, row.error) for row in rows]


REPEATED_ID = "article id '%s' was read earlier; ids must be unique, so this one is skipped"


def _repeated_ids(raws: DataFrame) -> DataFrame:
    """Articles whose id an earlier input already used: the id is the article's identity in the output."""
    from pyspark.sql import Window, functions as F

    first = Window.partitionBy("article_id").orderBy(*tasks.ORDER_COLUMNS)
    return raws.select("article_id", "source_file", *tasks.ORDER_COLUMNS) \
        .withColumn("n", F.row_number().over(first)).where("n > 1").drop("n")


def _stored(spark: SparkSession, output: str) -> DataFrame | None:
    """The latest coded version of every article already in the output, or None for a new output."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    try:
        ledger = spark.read.parquet(f"{output}/{ARTICLES_DIR}")
        ledger.columns  # Spark Connect reads lazily: make it look now
    except AnalysisException:  # no such path yet (or an empty one): nothing is stored
        return None
    # Which run holds each article's latest version is small (two short strings an article), so it
    # is broadcast, and the ledger itself, texts and all, is never shuffled to pick the rows.
    latest = ledger.groupBy("article_id").agg(F.max(RUN_COLUMN).alias(RUN_COLUMN))
    return ledger.join(F.broadcast(latest), ["article_id", RUN_COLUMN], "left_semi")


def _code(raws: DataFrame, partitions: int) -> DataFrame:
    return raws.repartition(partitions).mapInArrow(tasks.code_articles, _spark_schema(tasks.ledger_schema()))


def _with_duplicates(coded: DataFrame, admitted: DataFrame, stored: DataFrame | None) -> DataFrame:
    """`duplicate_of` over this run's articles in input order; unchanged ones count with their stored signature."""
    from pyspark.sql import functions as F

    seen = coded.select("article_id", "signature", *tasks.ORDER_COLUMNS)
    if stored is not None:
        unchanged = admitted.select("article_id", "article_hash", *tasks.ORDER_COLUMNS) \
            .join(stored.select("article_id", "article_hash", "signature"), ["article_id", "article_hash"]) \
            .select("article_id", "signature", *tasks.ORDER_COLUMNS)
        seen = seen.unionByName(unchanged)
    ordered = seen.repartition(1).sortWithinPartitions(*tasks.ORDER_COLUMNS)
    duplicates = ordered.mapInArrow(tasks.mark_duplicates, _spark_schema(tasks.DUPLICATE_SCHEMA))
    # Two ids an article, from one task: broadcast, so the coded articles are not shuffled to meet them.
    return coded.drop("duplicate_of").join(F.broadcast(duplicates), "article_id").select(*coded.columns)


def _append_ledger(coded: DataFrame, output: str) -> None:
    from pyspark.sql import functions as F

    coded.withColumn(RUN_COLUMN, F.lit(run_id())).write.mode("append").partitionBy(RUN_COLUMN) \
        .parquet(f"{output}/{ARTICLES_DIR}")


def run_id() -> str:
    """Sorts by time, and is never read as a number or a date by Spark's partition discovery."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:8]


def _write_events(spark: SparkSession, output: str, partitions: int) -> int:
    """Rebuild the events from every stored article: new articles can join the clusters of old ones."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    stored = _stored(spark, output)
    if stored is None:
        return 0
    loadable = stored.mapInArrow(tasks.loadable_events, _spark_schema(tasks.loadable_schema()))
    # A cluster never spans two dedup keys, so partitioning by the key keeps each cluster whole.
    by_key = loadable.repartition(partitions, F.expr(DEDUP_KEY))
    rows = by_key.mapInArrow(tasks.store_rows, _spark_schema(tasks.export_schema()))
    # Each task writes a file for every day it holds: gathered by day first, a day is one file, not
    # one per task (a year of news would otherwise make `partitions` x 365 small files).
    by_day = rows.repartition(partitions, tasks.PARTITION_COLUMN)
    by_day.write.mode("overwrite").partitionBy(tasks.PARTITION_COLUMN).parquet(f"{output}/{EVENTS_DIR}")
    try:
        return spark.read.parquet(f"{output}/{EVENTS_DIR}").count()
    except AnalysisException:  # no event at all: Spark wrote no file to read a schema from
        return 0


def _spark_schema(schema: pa.Schema) -> StructType:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)
