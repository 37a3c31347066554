"""Reading gold annotation files (one JSON object per article)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from aliansi.errors import InputError


@dataclass(frozen=True)
class GoldEvent:
    sources: frozenset[str]
    targets: frozenset[str]
    roots: frozenset[str]
    required: bool = True
    symmetric: bool = False

    def matches(self, source: str, target: str, root: str) -> bool:
        if root not in self.roots:
            return False
        forward = source in self.sources and target in self.targets
        backward = self.symmetric and source in self.targets and target in self.sources
        return forward or backward


@dataclass(frozen=True)
class GoldArticle:
    article: str
    lang: str | None
    date: str | None
    duplicate_of: str | None
    actors: frozenset[str]
    optional_actors: frozenset[str]
    boilerplate: tuple[str, ...]
    events: tuple[GoldEvent, ...] = field(default=())
    must_not: tuple[GoldEvent, ...] = field(default=())


def load_gold(path: str | Path) -> dict[str, GoldArticle]:
    """Gold articles keyed by article id. Raises InputError naming the file and line on bad records."""
    gold: dict[str, GoldArticle] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the gold file ({exc.strerror})") from exc
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                record = _gold_article(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}", f"not a gold record ({exc.__class__.__name__}: {exc})") from exc
            gold[record.article] = record
    return gold


def _gold_article(record: dict) -> GoldArticle:
    return GoldArticle(
        article=record["article"],
        lang=record.get("lang"),
        date=record.get("date"),
        duplicate_of=record.get("duplicate_of"),
        actors=frozenset(record.get("actors", [])),
        optional_actors=frozenset(record.get("optional_actors", [])),
        boilerplate=tuple(record.get("boilerplate", [])),
        events=tuple(_gold_event(e) for e in record.get("events", [])),
        must_not=tuple(_gold_event(e) for e in record.get("must_not", [])),
    )


def _gold_event(record: dict) -> GoldEvent:
    return GoldEvent(
        sources=frozenset(record["sources"]),
        targets=frozenset(record["targets"]),
        roots=frozenset(record["roots"]),
        required=record.get("required", True),
        symmetric=record.get("symmetric", False),
    )
