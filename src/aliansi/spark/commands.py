"""`aliansi spark`, added to the CLI by `register(app)`. pyspark is imported only when the command runs,
so the CLI works (and says how to get it) without the optional extra."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from aliansi.console import print_error, print_input_error, stderr

INSTALL_HINT = "aliansi spark needs the optional Spark extra: pip install 'aliansi[spark]' (and Java 17 or newer)"


def register(app: typer.Typer) -> None:
    """Add `spark` to the aliansi CLI."""
    app.command("spark")(spark_command)


def spark_command(
    inputs: Annotated[list[Path], typer.Option("--input", "-i", help="A file or folder to read, as for `aliansi code`; repeat it, or list more paths after it.")],
    output: Annotated[str, typer.Option("--output", "-o", help="The output folder (local path or any Hadoop file system URL the cluster reaches).")],
    more: Annotated[list[Path] | None, typer.Argument(help="More input paths.", show_default=False)] = None,
    master: Annotated[str, typer.Option("--master", help="local[N], spark://host:port (standalone) or sc://host:port (Spark Connect).")] = "local[*]",
    partitions: Annotated[int, typer.Option("--partitions", min=0, help="Coding tasks. 0: four per core Spark reports.")] = 0,
    conf: Annotated[list[str] | None, typer.Option("--conf", help="A Spark setting KEY=VALUE; repeat it.")] = None,
) -> None:
    """Code articles on Apache Spark and write Parquet: the ledger of coded articles and the events
    (the columns of `aliansi export --format parquet`, one row per mention, partitioned by event day).

    Articles already in the output with the same content are skipped; the events are rebuilt.
    """
    try:
        from pyspark.errors import PySparkException
    except ImportError:
        print_error(escape(INSTALL_HINT))
        raise typer.Exit(1) from None
    from aliansi.spark import job
    from aliansi.spark.session import default_parallelism, spark_session

    settings = dict(_setting(item) for item in conf or [])
    settings.setdefault("spark.ui.showConsoleProgress", "true" if stderr.is_terminal else "false")
    paths = [*inputs, *(more or [])]
    try:
        spark = spark_session(master, conf=settings)
        tasks = partitions or TASKS_PER_CORE * default_parallelism(spark)
        if "spark.sql.shuffle.partitions" not in settings:
            # Spark's default (200) is for big joins; the job's shuffles carry a task's worth each.
            spark.conf.set("spark.sql.shuffle.partitions", str(tasks))
        summary = job.run(spark, paths, output, partitions=tasks)
    except PySparkException as exc:
        print_error(escape(f"Spark: {_first_line(exc)}"))  # Spark's messages start with [ERROR_CLASS]
        raise typer.Exit(1) from None
    for failure in summary.failures:
        print_input_error(failure)
    stderr.print(f"{summary.coded} article(s) coded, {summary.unchanged} already in {output}; "
                 f"{summary.events} event(s) in {output.rstrip('/')}/{job.EVENTS_DIR}", highlight=False)
    if summary.failures:
        stderr.print(f"[red]{len(summary.failures)} input(s) could not be coded[/]; the others were.")
        raise typer.Exit(1)


# Tasks are not equally heavy (article lengths differ), so a few per core keep every core busy to the end.
TASKS_PER_CORE = 4


def _setting(item: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise typer.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--conf")
    return key.strip(), value.strip()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
