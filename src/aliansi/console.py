"""What every command shares at the CLI edge: the stderr console, error lines, progress bars."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from aliansi.errors import InputError
from aliansi.models import RawArticle

stderr = Console(stderr=True, soft_wrap=True)  # never break a path across lines


def print_error(message: object) -> None:
    stderr.print(f"[red]error:[/] {message}", highlight=False)


def print_input_error(error: InputError) -> None:
    print_error(f"{error.path}: {error.reason}")


def print_no_articles() -> None:
    from aliansi.ingest import READERS  # imported here: the readers pull in trafilatura

    print_error(f"no articles found in the given paths (supported: {' '.join(sorted(READERS))})")


def reported(items: Iterable[RawArticle | InputError], failures: list[InputError]) -> Iterator[RawArticle]:
    """Report unreadable inputs on stderr as they come, collect them, and pass the articles on."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            print_input_error(item)
        else:
            yield item


def progress() -> Progress:
    # Progress goes to stderr and only on a terminal, so piped stdout stays clean data.
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=stderr, transient=True, disable=not stderr.is_terminal,
    )
