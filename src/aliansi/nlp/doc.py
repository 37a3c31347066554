"""The analysed form of one article that the actor and event stages share."""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left
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
def _languages() -> frozenset[str]:
    # Packs are read once per process (see _abbreviations); listing their folders per article is not free.
    return frozenset(langpacks.languages())


@functools.cache
def _abbreviations(language: str) -> frozenset[str]:
    return frozenset(langpacks.load(language, "clauses").get("abbreviations", []))


def analyse(text: str, *, language: str | None, date: str | None, date_precision: str | None = None) -> Doc:
    language = language if language in _languages() else "en"
    tokens = tokenize(text)
    starts = tokens.starts
    sentences = []
    for start, end in sentence_spans(text, abbreviations=_abbreviations(language)):
        # The token range of the sentence: what Tokens.index_at_or_after gives, without the method calls.
        sentences.append(Sentence(start, end, bisect_left(starts, start), bisect_left(starts, end) - 1))
    return Doc(text=text, language=language, date=_as_date(date), date_iso=date, date_precision=date_precision,
               tokens=tokens, sentences=tuple(sentences))


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
