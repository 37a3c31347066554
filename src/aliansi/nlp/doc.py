"""The analysed form of one article that the actor and event stages share."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from aliansi import langpacks
from aliansi.nlp.text import Tokens, sentence_spans, tokenize


@dataclass(frozen=True)
class Sentence:
    start: int  # character offsets into the text
    end: int
    first: int  # token indices, inclusive; first > last for a sentence without words
    last: int


@dataclass(frozen=True)
class Doc:
    text: str
    language: str
    date: dt.date | None  # the article's date, for relative expressions; None when unknown
    date_iso: str | None  # the same as written in the article record, at its own precision
    date_precision: str | None
    tokens: Tokens
    sentences: tuple[Sentence, ...]


@functools.cache
def _abbreviations(language: str) -> frozenset[str]:
    return frozenset(langpacks.load(language, "clauses").get("abbreviations", []))


def analyse(text: str, *, language: str | None, date: str | None, date_precision: str | None = None) -> Doc:
    language = language if language in langpacks.languages() else "en"
    tokens = tokenize(text)
    sentences = []
    for start, end in sentence_spans(text, abbreviations=_abbreviations(language)):
        first = tokens.index_at_or_after(start)
        last = tokens.index_at_or_after(end) - 1
        sentences.append(Sentence(start, end, first, last))
    return Doc(text=text, language=language, date=_as_date(date), date_iso=date, date_precision=date_precision,
               tokens=tokens, sentences=tuple(sentences))


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
