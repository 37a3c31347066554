"""JSONL: one article per line, {"id", "text", "title"?, "url"?, "published"?, "language"?, "source"?}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from aliansi.errors import InputError
from aliansi.models import RawArticle

OPTIONAL_FIELDS = ("title", "url", "published", "language", "source")


def read(path: Path) -> Iterator[RawArticle | InputError]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _record(line, f"{path}:{number}", str(path))


def _record(line: str, where: str, source_file: str) -> RawArticle | InputError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return InputError(where, "each line must be a JSON object with at least 'id' and 'text'")
    missing = [key for key in ("id", "text") if not record.get(key)]
    if missing:
        return InputError(where, f"missing required field(s): {', '.join(missing)}")
    if not isinstance(record["text"], str):
        return InputError(where, "'text' must be a string")
    extras = {key: _optional_str(record.get(key)) for key in OPTIONAL_FIELDS}
    return RawArticle(id=str(record["id"]), source_file=source_file, text=record["text"], **extras)


def _optional_str(value: object) -> str | None:
    return None if value in (None, "") else str(value)
