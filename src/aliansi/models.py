"""The records that flow between pipeline stages (see DESIGN.md, "Data flow")."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class RawArticle:
    """One article as read from its input, before cleaning.

    `text` is plain text: HTML, feeds and WARC records are reduced to text by the ingest stage.
    Metadata fields are None when the input does not carry them.
    """

    id: str
    source_file: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Removed:
    """A piece of the raw text that cleaning dropped, and why."""

    text: str
    reason: str


@dataclass
class Article:
    """A cleaned article: the per-article output contract of `aliansi code`."""

    id: str
    source_file: str
    text: str
    language: str | None = None
    date: str | None = None
    date_precision: str | None = None
    duplicate_of: str | None = None
    removed: list[Removed] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    actors: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    # The text's MinHash signature (clean.dedup.signature), computed where the article is coded so that
    # the near-duplicate check, which needs the whole batch in one process, only compares. Not output.
    signature: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_file": self.source_file,
            "language": self.language,
            "date": self.date,
            "date_precision": self.date_precision,
            "duplicate_of": self.duplicate_of,
            "text": self.text,
            "removed": [asdict(r) for r in self.removed],
            "metadata": self.metadata,
            "actors": self.actors,
            "events": self.events,
        }

    def rendered(self) -> Rendered:
        """The article's JSON line, rendered where it was coded, with `duplicate_of` left for the one
        process that sees the whole batch to fill in (see `Rendered.line`)."""
        encoded = json.dumps({**self.to_dict(), "duplicate_of": None}, ensure_ascii=False)
        # Only the key itself can match: inside a string value (an id, say) its quotes would be escaped.
        head, _, tail = encoded.partition(_DUPLICATE_OF_NULL)
        return Rendered(self.id, self.signature, head, tail)


_DUPLICATE_OF_NULL = '"duplicate_of": null'


class Rendered(NamedTuple):
    """An article's JSON line in two parts around the value of `duplicate_of`, with what the near-duplicate
    check needs: small to send from a worker process, and nothing left to encode in the parent."""

    id: str
    signature: Any
    head: str
    tail: str

    def line(self, duplicate_of: str | None) -> str:
        return f'{self.head}"duplicate_of": {json.dumps(duplicate_of, ensure_ascii=False)}{self.tail}'
