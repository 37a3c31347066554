"""`aliansi spark`: the one Pipeline run by Apache Spark, writing Parquet with the export's columns.

Needs the optional extra: `pip install 'aliansi[spark]'`. The output folder holds two datasets:

articles/run=<run id>/
    The ledger: one row per coded article, appended by each run. Its columns are the store's article
    row (article_id, article_hash, coder_version, text, metadata ...), the pipeline's own nested output
    (removed, actors, events) and the article's input position. A rerun skips every article whose id
    and content hash (`aliansi.store.load.content_hash`) are already there with the same coder version;
    a changed article is coded again and its newest run wins.
events/event_day=<day>/
    One row per event mention with the columns of `aliansi export --format parquet` (as with
    `--all-mentions`: filter on event_id = cluster_id for one row per cluster), partitioned by the
    day the event is placed on. Rebuilt from the whole ledger on every run, because a new article's
    event can join a cluster of older ones and change its counts; coding, the expensive part, is
    never repeated.

How a run goes (`aliansi.spark.job`):
1. Each given path is read by one task with `aliansi.ingest.read_paths`, as `aliansi code` reads
   it; unreadable inputs come back as errors naming the file, and the rest go on.
2. Articles not yet in the ledger are spread over `partitions` tasks, which run `Pipeline.annotate`.
3. Near-duplicates are marked in input order by one task with the index `Pipeline.run` uses, so
   `duplicate_of` is what `aliansi code` and `aliansi ingest` give.
4. Events are loaded, per dedup key, into an in-memory store with the store's own loader, clustered
   with its clustering, and read through its event view: the rows are those of `aliansi export`.
"""

from aliansi.spark.job import SparkSummary, run
from aliansi.spark.session import spark_session

__all__ = ["SparkSummary", "run", "spark_session"]
