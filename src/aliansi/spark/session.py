"""A SparkSession for `local[N]`, a standalone master (`spark://host:port`) or Spark Connect (`sc://host:port`).

The job itself is the same for all three; only how the session is made differs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOOPBACK = "127.0.0.1"
# A Connect client cannot ask the server how many cores it has; two is the smallest cluster worth one.
CONNECT_PARALLELISM = 2

# Settings of every aliansi session; `conf` given by the caller overrides them.
DEFAULTS = {
    # A batch job: the web UI would cost a port and start-up time.
    "spark.ui.enabled": "false",
    # Rows per Arrow batch handed to a task. The coding task holds one batch of coded articles at a
    # time, so a few hundred keeps its memory small while per-batch costs stay negligible.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "500",
}


def spark_session(master: str, *, conf: Mapping[str, str] | None = None, app_name: str = "aliansi") -> SparkSession:
    """Start (or join) a session on `master`. Workers run this interpreter, so they import this aliansi."""
    from pyspark.sql import SparkSession

    settings = {**DEFAULTS, **(conf or {})}
    if master.startswith("sc://"):
        # The Connect server owns the cluster settings; a client may set only SQL ones per session.
        builder = SparkSession.builder.remote(master)
        session = builder.appName(app_name).getOrCreate()
        for key, value in settings.items():
            if key.startswith("spark.sql."):
                session.conf.set(key, value)
        return session
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if _on_this_machine(master):
        # Spark otherwise binds to the address the host name resolves to, which may not be loopback.
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
        settings.setdefault("spark.driver.host", LOOPBACK)
        settings.setdefault("spark.driver.bindAddress", LOOPBACK)
    # Workers fork from a daemon that has the pipeline loaded already (see aliansi.spark.daemon).
    settings.setdefault("spark.python.daemon.module", "aliansi.spark.daemon")
    builder = SparkSession.builder.master(master).appName(app_name).config("spark.pyspark.python", sys.executable)
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def default_parallelism(session: SparkSession) -> int:
    """The cores Spark schedules on, where a classic session can say; Spark Connect cannot."""
    try:
        return session.sparkContext.defaultParallelism
    except NotImplementedError:  # a Connect session has no SparkContext
        return CONNECT_PARALLELISM


def _on_this_machine(master: str) -> bool:
    if master.startswith("local"):
        return True
    host = master.split("://", 1)[-1].split(":", 1)[0]
    return host in (LOOPBACK, "localhost")
