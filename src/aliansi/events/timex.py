"""When an event happened: the date written in its sentence, else the article's date."""

from __future__ import annotations

import functools

from aliansi import langpacks
from aliansi.clean.dates import date_mentions
from aliansi.nlp import normalize
from aliansi.nlp.doc import Doc, Sentence

DateMention = tuple[int, int, str, str]  # start, end (in the sentence), ISO text, precision


@functools.cache
def _date_words(language: str) -> frozenset[str]:
    """Words that can start a date expression: months, weekdays and the relative words' first words."""
    pack = langpacks.load(language, "dates")
    words = {*pack.get("months", {}), *pack.get("weekdays", {})}
    for key in ("relative_days", "relative_months", "relative_years"):
        words.update(phrase.split()[0] for phrase in pack.get(key, {}))
    return frozenset(normalize(w) for w in words)


def sentence_dates(doc: Doc, sentence: Sentence) -> list[DateMention]:
    """The date expressions of a sentence, found once for all its events."""
    words = doc.tokens.norm[sentence.first:sentence.last + 1]
    # Most sentences name no date: skip the regex scan unless a digit or a date word is there.
    if not any(word.isdigit() or word in _date_words(doc.language) for word in words):
        return []
    return date_mentions(doc.text[sentence.start:sentence.end], lang=doc.language, reference=doc.date)


def event_date(doc: Doc, sentence: Sentence, trigger_start: int, found: list[DateMention]) -> tuple[str | None, str | None]:
    """The date expression nearest the trigger in its sentence ("perang pada tahun 2020" keeps 2020)."""
    if found:
        offset = trigger_start - sentence.start
        start, end, iso, precision = min(found, key=lambda d: min(abs(d[0] - offset), abs(d[1] - offset)))
        return iso, precision
    return doc.date_iso, doc.date_precision
