"""When an event happened: the date written in its sentence, else the article's date."""

from __future__ import annotations

import functools
import re

from aliansi import langpacks
from aliansi.clean.dates import date_mentions
from aliansi.nlp import normalize, phrase_key
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


@functools.cache
def _date_word_tokens(language: str) -> frozenset[str]:
    """The first tokens of the date words as the tokenizer splits them: "jum'at" gives "jum"."""
    return frozenset(phrase_key(word)[0] for word in _date_words(language) if phrase_key(word))


# The only bare number `date_mentions` reads as a date is a year from 1900 to 2099.
_YEAR = re.compile(r"(?:19|20)\d\d")


def sentence_dates(doc: Doc, sentence: Sentence) -> list[DateMention]:
    """The date expressions of a sentence, found once for all its events."""
    words = doc.tokens.norm[sentence.first:sentence.last + 1]
    if not _may_name_a_date(words, doc.language):
        return []
    return date_mentions(doc.text[sentence.start:sentence.end], lang=doc.language, reference=doc.date)


def _may_name_a_date(words: list[str], language: str) -> bool:
    """Whether a date word or a number is there: most sentences name no date and skip the regex scan."""
    if not _date_words(language).isdisjoint(words):
        return True
    if not any(map(str.isdigit, words)):
        return False
    # A figure ("12 tentara", "3,5 persen") is no date by itself: any date but a year also needs a month,
    # weekday or relative word. Such a sentence has always been scanned whole, so here a date word also
    # counts in the tokens it splits into ("Jum'at"), which `_date_words` alone does not see.
    return any(map(_YEAR.fullmatch, words)) or not _date_word_tokens(language).isdisjoint(words)


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
