"""The store's commands, `aliansi ingest` and `aliansi export`, added to the CLI by `register(app)`.

Like the rest of the CLI, library errors become one plain line on stderr here and exit status 1,
never a traceback. Heavy imports (the pipeline, pyarrow) wait until a command runs, so `--help`
stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import duckdb

import typer

from aliansi.console import print_error, print_no_articles, print_input_error, progress, reported, stderr
from aliansi.errors import InputError
from aliansi.models import RawArticle
from aliansi.store import Store, StoreError, default_path
from aliansi.store.options import BATCH_SIZE, ExportFormat

if TYPE_CHECKING:
    from aliansi.store.load import IngestSummary

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The database file. Default: aliansi.duckdb in the user's data directory.", dir_okay=False),
]


def register(app: typer.Typer) -> None:
    """Add `ingest` and `export` to the aliansi CLI."""
    app.command("ingest")(ingest_command)
    app.command("export")(export_command)


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively), as for `aliansi code`.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for coding.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = BATCH_SIZE,
) -> None:
    """Code articles and store them (articles, removed pieces, actor mentions, events with evidence).

    Ingesting the same files again adds nothing; an article whose text changed replaces its old rows.
    """
    path = db or default_path()
    stderr.print(f"database: {path}", highlight=False)
    failures: list[InputError] = []
    with progress() as bar:
        task = bar.add_task("ingesting", total=None)
        summary = _ingest(path, reported(_read(paths), failures), workers=workers, batch_size=batch_size,
                          on_coded=lambda: bar.advance(task))
    failures.extend(summary.failures)
    _report_ingest(summary, failures)


def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="parquet, csv, jsonl, gdelt (GDELT 2.0 event table) or plover (POLECAT-style JSON lines).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.", dir_okay=False)],
    since: Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day, included (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events with this actor code as source or target (RUS, NATO ...).")] = None,
    db: DbOption = None,
    all_mentions: Annotated[bool, typer.Option("--all-mentions", help="One row per mention instead of one per event cluster (not for gdelt).")] = False,
) -> None:
    """Write stored events to a file: one row per event cluster, with its mention counts."""
    path = db or default_path()
    try:
        with Store.open(path, read_only=True) as store:
            count = store.export(output_format.value, out, since=since, until=until, actor=actor, deduplicated=not all_mentions)
    except StoreError as exc:
        _fail(exc)
    except (duckdb.Error, OSError) as exc:
        _fail(StoreError(f"cannot write {out}: {exc}"))
    stderr.print(f"wrote {count} {'mention' if all_mentions else 'event'}(s) to {out}", highlight=False)


def _ingest(path: Path, raws: Iterable[RawArticle], **options) -> IngestSummary:
    try:
        with Store.open(path) as store:
            return store.ingest_items(raws, on_error=print_input_error, **options)
    except StoreError as exc:
        _fail(exc)
    except duckdb.Error as exc:
        # A failed batch was rolled back: what was committed before it stays, and a rerun resumes.
        _fail(StoreError(f"the database {path} failed while storing ({exc}); the batches already stored are kept, "
                         "so run the same ingest again to complete it"))


def _read(paths: list[Path]) -> Iterator[RawArticle | InputError]:
    from aliansi.ingest import read_paths

    return read_paths(paths)


def _report_ingest(summary: IngestSummary, failures: list[InputError]) -> None:
    seen = summary.stored + summary.unchanged
    if seen == 0 and not failures:
        print_no_articles()
        raise typer.Exit(1)
    stderr.print(
        f"stored {summary.new} new and {summary.replaced} changed article(s) with {summary.events} event(s); "
        f"{summary.unchanged} unchanged article(s) skipped",
        highlight=False,
    )
    if failures:
        stderr.print(f"[red]{len(failures)} input(s) could not be read[/]; the other {seen} article(s) are stored.")
        raise typer.Exit(1)


def _fail(exc: StoreError) -> None:
    print_error(exc)
    raise typer.Exit(1)
