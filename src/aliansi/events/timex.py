"""When an event happened: the date written in its sentence, else the article's date."""

from __future__ import annotations

from aliansi.clean.dates import date_mentions
from aliansi.nlp.doc import Doc, Sentence


def sentence_dates(doc: Doc, sentence: Sentence) -> list[tuple[int, int, str, str]]:
    """The date expressions of a sentence, found once for all its events."""
    return date_mentions(doc.text[sentence.start:sentence.end], lang=doc.language, reference=doc.date)


def event_date(doc: Doc, sentence: Sentence, trigger_start: int, found: list[tuple[int, int, str, str]]) -> tuple[str | None, str | None]:
    """The date expression nearest the trigger in its sentence ("perang pada tahun 2020" keeps 2020)."""
    if found:
        offset = trigger_start - sentence.start
        start, end, iso, precision = min(found, key=lambda d: min(abs(d[0] - offset), abs(d[1] - offset)))
        return iso, precision
    return doc.date_iso, doc.date_precision
