"""Plain-text articles: one article per file, UTF-8; the id is the file stem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from aliansi.errors import InputError
from aliansi.models import RawArticle


def read(path: Path) -> Iterator[RawArticle]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start}); convert it to UTF-8") from exc
    if not content.strip():
        raise InputError(str(path), "the file is empty")
    # The headline, if the first line is one, is decided by the cleaner, which sees the whole layout.
    yield RawArticle(id=path.stem, source_file=str(path), text=content)
