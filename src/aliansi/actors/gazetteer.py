"""The actor gazetteer: known names and titles with the case rules that keep common words out.

Acronyms ("AS", "UK", "EU") must match in capitals, and names must start with a capital letter,
so "as" in English or "report" in a sentence never become actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from aliansi.nlp import PhraseIndex, Tokens, phrase_key


@dataclass(frozen=True)
class Entry:
    """What a phrase means. `code` is a state/bloc code, or None for titles and organization nouns."""

    phrase: str
    code: str | None
    kind: str  # state | igo | place | person | title | organization | connector | people_noun
    agent: str | None = None
    name: str | None = None
    ambiguous: bool = False
    common_word: bool = False  # an ambiguous alias that is also an everyday word ("Baku", "Lima")
    contextual: bool = False  # means its bloc only after the bloc was named ("aliansi" for NATO)
    acronym: bool = False  # all capitals ("AS", "UK"): must match in capitals


class Match(NamedTuple):  # a tuple: one is made for every title and name found
    first: int  # token index
    last: int  # token index, inclusive
    entries: tuple[Entry, ...]


class Gazetteer:
    def __init__(self, entries: list[Entry], *, case_sensitive: bool):
        self._index: PhraseIndex[Entry] = PhraseIndex()
        self._case_sensitive = case_sensitive
        any_case: set[str] = set()
        for entry in entries:
            letters = [ch for ch in entry.phrase if ch.isalpha()]
            self._index.add(entry.phrase, replace(entry, acronym=bool(letters) and all(ch.isupper() for ch in letters)))
            if entry.contextual or not case_sensitive:
                any_case.update(phrase_key(entry.phrase)[:1])
        self.first_words = self._index.first_words()
        # Words that may start a phrase in lower case; every other phrase needs a capital first letter.
        self.any_case_first_words = frozenset(any_case)
        # Without case rules or contextual forms every phrase found is usable, and matching needs no test.
        self._accepts_all = not case_sensitive and not any(entry.contextual for entry in entries)

    def may_start(self, tokens: Tokens, index: int) -> bool:
        """Whether a phrase can start at `index` at all: the cheap test before `match_at`."""
        word = tokens.norm[index]
        return word in self.any_case_first_words or (word in self.first_words and tokens.surface[index][:1].isupper())

    def match_at(self, tokens: Tokens, index: int, *, seen: set[str | None] = frozenset()) -> Match | None:
        """The longest usable phrase at `index`; contextual forms are usable only for a bloc in `seen`,
        so "aliansi militer" falls back to "aliansi" when only the CSTO has been named."""
        if tokens.norm[index] not in self.first_words:
            return None  # most words start no phrase
        found = self._index.match_at(tokens, index, None if self._accepts_all else self._acceptor(tokens, index, seen))
        return Match(index, *found) if found else None

    def _acceptor(self, tokens: Tokens, index: int, seen: set[str | None]) -> Callable[[Entry, int], bool]:
        capitalized = tokens.surface[index][:1].isupper()

        def accept(entry: Entry, length: int) -> bool:
            if entry.contextual:
                # Contextual forms are common nouns ("aliansi", "the bloc"): context, not case, decides.
                return entry.code in seen
            if not self._case_sensitive:
                return True
            if entry.acronym:
                # Acronyms keep their case: "AS" is the United States, "as" is an English word.
                return all(word.isupper() for word in tokens.surface[index:index + length])
            return capitalized

        return accept
