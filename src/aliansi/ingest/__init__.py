"""Ingest: turn files and folders into RawArticle records.

Each reader handles one format and yields RawArticle objects or InputError values, so one bad file
or record never stops the others. `read_paths` walks folders recursively in a stable (sorted) order,
which makes "first seen" for near-duplicates deterministic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from aliansi.errors import InputError
from aliansi.ingest import feed, html, jsonl, text, warc
from aliansi.models import RawArticle

log = logging.getLogger(__name__)

Reader = Callable[[Path], Iterator[RawArticle | InputError]]

# Suffixes are matched on the lower-cased name, longest first, so ".warc.gz" wins over ".gz".
READERS: dict[str, Reader] = {
    ".warc.gz": warc.read,
    ".warc": warc.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".txt": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".xml": feed.read,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawArticle | InputError]:
    """Yield every article under the given files and folders, and an InputError for each failure."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path)
        elif path.is_file():
            yield from _read_file(path, named=True)
        else:
            yield InputError(str(path), "no such file or folder")


def _read_folder(folder: Path) -> Iterator[RawArticle | InputError]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # hidden files and folders (.git, editor swap files) are never articles
        yield from _read_file(path, named=False)


def _read_file(path: Path, *, named: bool) -> Iterator[RawArticle | InputError]:
    reader = reader_for(path)
    if reader is None:
        if named:
            yield InputError(str(path), f"unsupported file type; use one of {', '.join(sorted(READERS))}")
        else:
            log.debug("skipping %s: not an article format", path)
        return
    try:
        yield from reader(path)
    except InputError as exc:
        yield exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        yield InputError(str(path), f"cannot be read ({exc.__class__.__name__}: {exc})")
