"""When an event happened: the date written in its sentence, else the article's date."""

from __future__ import annotations

import functools
import re

from aliansi import langpacks
from aliansi.clean.dates import date_mentions
from aliansi.nlp import PhraseIndex, normalize
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
def _date_phrases(language: str) -> PhraseIndex[bool]:
    """Months, weekdays and relative expressions ("tahun lalu") as token sequences: one of them, or a
    year, is in every date `date_mentions` finds."""
    pack = langpacks.load(language, "dates")
    index: PhraseIndex[bool] = PhraseIndex()
    for key in ("months", "weekdays", "relative_days", "relative_months", "relative_years"):
        for phrase in pack.get(key, {}):
            index.add(phrase, True)
    return index


# The only bare number `date_mentions` reads as a date is a year from 1900 to 2099.
_YEAR = re.compile(r"(?:19|20)\d\d")


def sentence_dates(doc: Doc, sentence: Sentence) -> list[DateMention]:
    """The date expressions of a sentence, found once for all its events."""
    words = doc.tokens.norm[sentence.first:sentence.last + 1]
    # Most sentences name no date: skip the regex scan unless a digit or a date word is there.
    if _date_words(doc.language).isdisjoint(words) and not any(map(str.isdigit, words)):
        return []
    # Many that pass only hold a figure ("12 tentara") or a word that merely starts a date ("tahun",
    # "this"): the scan would find nothing without a year or a whole date expression.
    if not any(map(_YEAR.fullmatch, words)) and not _names_date_phrase(doc, sentence):
        return []
    return date_mentions(doc.text[sentence.start:sentence.end], lang=doc.language, reference=doc.date)


def _names_date_phrase(doc: Doc, sentence: Sentence) -> bool:
    """Whether a month, a weekday or a whole relative expression is in the sentence."""
    index, norm = _date_phrases(doc.language), doc.tokens.norm
    starters = _date_phrase_starters(doc.language)
    return any(norm[p] in starters and index.match_at(doc.tokens, p) for p in range(sentence.first, sentence.last + 1))


@functools.cache
def _date_phrase_starters(language: str) -> frozenset[str]:
    return _date_phrases(language).first_words()


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
