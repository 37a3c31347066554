"""Command-line interface. Library errors become user messages here, at the edge, never tracebacks."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from aliansi import __version__
from aliansi.align.commands import register as register_align
from aliansi.store.commands import register as register_store
from aliansi.serve.commands import register as register_serve
from aliansi.spark.commands import register as register_spark
from aliansi.console import print_error, print_no_articles, progress, reported, stderr
from aliansi.errors import AliansiError, InputError
from aliansi.evaluate import load_gold
from aliansi.evaluate.ner import ner_report
from aliansi.evaluate.petrarch import evaluate_petrarch, print_petrarch_report
from aliansi.evaluate.plover_gsr import evaluate_plover_gsr, print_plover_report
from aliansi.evaluate.report import actors_report, calibration_rich, cleaning_report, events_report, paired
from aliansi.ingest import read_paths
from aliansi.models import Article
from aliansi.pipeline import Pipeline

app = typer.Typer(
    help="aliansi: evidence-backed political event data from Indonesian and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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


evaluate_app = typer.Typer(help="Score the pipeline against gold annotations (format of shared/gold/GUIDE.md).", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")

GoldOption = Annotated[Path, typer.Option("--gold", help="Gold annotations, one JSON object per article.")]
PathsArgument = Annotated[list[Path], typer.Argument(help="The articles the gold file annotates (files or folders).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the full report as JSON instead of a table.")]


@app.command("code")
def code_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively): .txt, .jsonl, .html, .warc(.gz), RSS/Atom .xml.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl: one object per line; json: one array; table: a summary.")] = OutputFormat.jsonl,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
) -> None:
    """Code articles into the per-article JSON contract (cleaned text, removed pieces, actors, events)."""
    failures: list[InputError] = []
    raws = reported(read_paths(paths), failures)
    with progress() as bar:
        task = bar.add_task("coding", total=None)
        if output_format is OutputFormat.table:
            count = _write_table(_counted(Pipeline().run(raws, workers=workers), bar, task))
        else:
            count = _write_json(_counted(Pipeline().json_lines(raws, workers=workers), bar, task), output_format)
    if count == 0 and not failures:
        print_no_articles()
        raise typer.Exit(1)
    if failures:
        stderr.print(f"[red]{len(failures)} input(s) could not be read[/]; the other {count} article(s) were coded.")
        raise typer.Exit(1)


def _coded(paths: list[Path], *, workers: int = 1) -> tuple[list[Article], list[InputError]]:
    failures: list[InputError] = []
    articles = list(Pipeline().run(reported(read_paths(paths), failures), workers=workers))
    return articles, failures


def _evaluate(paths: list[Path], gold_path: Path, report_of, *, as_json: bool, title: str, columns: list[str]) -> dict:
    gold = load_gold(gold_path)
    articles, failures = _coded(paths)
    pairs = paired(articles, gold)
    if not pairs:
        stderr.print(f"[red]error:[/] none of the articles under {', '.join(map(str, paths))} has a record in {gold_path}")
        raise typer.Exit(1)
    report = report_of(pairs)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(report, title=title, columns=columns)
    if failures:
        raise typer.Exit(1)
    return report


def _print_report(report: dict, *, title: str, columns: list[str]) -> None:
    table = Table("article", *columns, title=title)
    for row in report["articles"]:
        table.add_row(row["article"], *(_cell(row.get(c)) for c in columns))
    table.add_section()
    table.add_row("overall", *(_cell(report["overall"].get(c)) for c in columns), style="bold")
    Console().print(table)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


@evaluate_app.command("clean")
def evaluate_clean(gold: GoldOption, paths: PathsArgument, as_json: JsonOption = False) -> None:
    """Boilerplate removal, article date, language and duplicate_of against the gold."""
    _evaluate(paths, gold, cleaning_report, as_json=as_json, title="cleaning",
              columns=["boilerplate_removed", "boilerplate_total", "date", "gold_date", "date_ok", "language_ok", "duplicate_ok"])


@evaluate_app.command("actors")
def evaluate_actors(gold: GoldOption, paths: PathsArgument, as_json: JsonOption = False) -> None:
    """Actor precision and recall per article (optional actors are never false positives)."""
    _evaluate(paths, gold, actors_report, as_json=as_json, title="actors",
              columns=["precision", "recall", "f1", "missing", "spurious"])


@evaluate_app.command("events")
def evaluate_events(
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold annotations, one JSON object per article.")] = None,
    paths: Annotated[list[Path] | None, typer.Argument(help="The articles the gold file annotates (files or folders).")] = None,
    plover_gsr: Annotated[Path | None, typer.Option(
        "--plover-gsr", exists=True, dir_okay=False,
        help="Score instead on the PLOVER gold standard records (shared/eval/plover_gsr/PLOVER_GSR_CAMEO.txt): "
             "event-type recall and precision, source and target accuracy.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Event precision, recall and F1 over (source, target, root) of asserted, non-negated events."""
    if plover_gsr is not None:
        _print_or_dump(evaluate_plover_gsr(plover_gsr), print_plover_report, as_json=as_json)
        return
    if gold is None or not paths:
        stderr.print("[red]error:[/] give --gold FILE and the article PATHS, or --plover-gsr FILE")
        raise typer.Exit(2)
    report = _evaluate(paths, gold, events_report, as_json=as_json, title="events",
                       columns=["precision", "recall", "f1", "must_not_hits", "missed", "spurious"])
    if not as_json:
        Console().print(calibration_rich(report["calibration"]))


@evaluate_app.command("petrarch")
def evaluate_petrarch_command(
    file: Annotated[Path, typer.Option(
        "--file", exists=True, dir_okay=False,
        help="The PETRARCH2 validation sentences (shared/eval/petr_validation/sentences.jsonl).")],
    as_json: JsonOption = False,
) -> None:
    """Country + root precision, recall and F1 on the PETRARCH2 validation sentences, beside PETRARCH3."""
    _print_or_dump(evaluate_petrarch(file), print_petrarch_report, as_json=as_json)


@evaluate_app.command("ner")
def evaluate_ner(
    file: Annotated[Path, typer.Option("--file", exists=True, dir_okay=False,
                                       help="A CoNLL-style NER file (shared/eval/ner_id/idner-news-2k.test.txt).")],
    as_json: JsonOption = False,
) -> None:
    """Mention recall for persons, organizations and places on an Indonesian NER set."""
    report = ner_report(file)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    table = Table("type", "spans", "recall", title="mention recall")
    for kind, recall in report["recall"].items():
        table.add_row(kind, str(report["spans"][kind]), f"{recall:.3f}")
    table.add_row("all", str(sum(report["spans"].values())), f"{report['overall_recall']:.3f}", style="bold")
    Console().print(table)


def _print_or_dump(report: dict, printer, *, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        printer(report)


T = TypeVar("T")


def _counted(items: Iterable[T], progress: Progress, task) -> Iterator[T]:
    for item in items:
        progress.advance(task)
        yield item


def _write_table(articles: Iterable[Article]) -> int:
    count = 0
    table = Table("id", "lang", "date", "chars", "removed", "actors", "events", "duplicate_of", title="aliansi code")
    for count, article in enumerate(articles, start=1):
        table.add_row(
            article.id, article.language or "-", _date_cell(article), str(len(article.text)),
            str(len(article.removed)), str(len(article.actors)), str(len(article.events)), article.duplicate_of or "",
        )
    Console().print(table)
    return count


def _write_json(lines: Iterable[str], output_format: OutputFormat) -> int:
    count, out = 0, sys.stdout
    if output_format is OutputFormat.json:
        out.write("[")
    for count, line in enumerate(lines, start=1):
        if output_format is OutputFormat.json:
            out.write(("," if count > 1 else "") + "\n" + line)
        else:
            out.write(line + "\n")
    if output_format is OutputFormat.json:
        out.write("\n]\n")
    return count


def _date_cell(article: Article) -> str:
    return f"{article.date} ({article.date_precision})" if article.date else "-"


# Commands that live beside their subsystem register themselves here, after the pipeline's own.
register_store(app)
register_align(app)
register_serve(app)
register_spark(app)


def main() -> None:
    try:
        app()
    except AliansiError as exc:
        print_error(exc)
        sys.exit(2)
    except BrokenPipeError:
        # `aliansi code … | head` closes stdout early; that is not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
