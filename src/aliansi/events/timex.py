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


# A date adverbial that opens the sentence ("Pada tanggal 3 Maret, …", "On Monday, …") dates its
# main clause even when the verb comes much later; this many characters covers such an opening.
OPENING_CHARS = 40


def event_date(doc: Doc, sentence: Sentence, clause: tuple[int, int], found: list[DateMention]) -> tuple[str | None, str | None]:
    """The date written in the trigger's own clause ("perang pada tahun 2020" keeps 2020), else one that
    opens the sentence, else the article's date. A date in another clause ("sejak 1991, ketika …")
    belongs to another act."""
    start, end = clause[0] - sentence.start, clause[1] - sentence.start
    inside = [d for d in found if start <= d[0] and d[1] <= end]
    opening = [d for d in found if d[0] < OPENING_CHARS]
    chosen = inside or opening
    if chosen:
        return chosen[0][2], chosen[0][3]
    return doc.date_iso, doc.date_precision
