"""Command-line interface. Library errors become user messages here, at the edge, never tracebacks."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from aliansi import __version__
from aliansi.errors import AliansiError, InputError
from aliansi.ingest import read_paths
from aliansi.models import Article, RawArticle
from aliansi.pipeline import Pipeline

app = typer.Typer(
    help="aliansi: evidence-backed political event data from Indonesian and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aliansi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command("code")
def code_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively): .txt, .jsonl, .html, .warc(.gz), RSS/Atom .xml.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl: one object per line; json: one array; table: a summary.")] = OutputFormat.jsonl,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
) -> None:
    """Code articles into the per-article JSON contract (cleaned text, removed pieces, actors, events)."""
    failures: list[InputError] = []
    articles = Pipeline().run(_reported(read_paths(paths), failures), workers=workers)
    with _progress() as progress:
        task = progress.add_task("coding", total=None)
        counted = _counted(articles, progress, task)
        count = _write(counted, output_format)
    if count == 0 and not failures:
        stderr.print("[red]error:[/] no articles found in the given paths (supported: .txt .jsonl .html .warc .warc.gz .xml .rss .atom)")
        raise typer.Exit(1)
    if failures:
        stderr.print(f"[red]{len(failures)} input(s) could not be read[/]; the other {count} article(s) were coded.")
        raise typer.Exit(1)


def _reported(items: Iterable[RawArticle | InputError], failures: list[InputError]) -> Iterator[RawArticle]:
    """Report unreadable inputs on stderr as they come, and pass the articles on."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            stderr.print(f"[red]error:[/] {item.path}: {item.reason}", highlight=False)
        else:
            yield item


def _progress() -> Progress:
    # Progress goes to stderr and only on a terminal, so piped stdout stays clean JSON.
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=stderr, transient=True, disable=not stderr.is_terminal,
    )


def _counted(articles: Iterable[Article], progress: Progress, task) -> Iterator[Article]:
    for article in articles:
        progress.advance(task)
        yield article


def _write(articles: Iterable[Article], output_format: OutputFormat) -> int:
    count = 0
    if output_format is OutputFormat.table:
        table = Table("id", "lang", "date", "chars", "removed", "actors", "events", "duplicate_of", title="aliansi code")
        for count, article in enumerate(articles, start=1):
            table.add_row(
                article.id, article.language or "-", _date_cell(article), str(len(article.text)),
                str(len(article.removed)), str(len(article.actors)), str(len(article.events)), article.duplicate_of or "",
            )
        Console().print(table)
        return count
    out = sys.stdout
    if output_format is OutputFormat.json:
        out.write("[")
    for count, article in enumerate(articles, start=1):
        line = json.dumps(article.to_dict(), ensure_ascii=False)
        if output_format is OutputFormat.json:
            out.write(("," if count > 1 else "") + "\n" + line)
        else:
            out.write(line + "\n")
    if output_format is OutputFormat.json:
        out.write("\n]\n")
    return count


def _date_cell(article: Article) -> str:
    return f"{article.date} ({article.date_precision})" if article.date else "-"


def main() -> None:
    try:
        app()
    except AliansiError as exc:
        stderr.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except BrokenPipeError:
        # `aliansi code … | head` closes stdout early; that is not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
