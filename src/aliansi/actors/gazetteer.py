"""A token-sequence gazetteer: longest match of known phrases over a tokenized text.

Phrases are stored under their normalized token tuple, indexed by first token, so matching costs
one dict lookup per token plus one per candidate length. Case rules keep common words out:
acronyms ("AS", "UK", "EU") must match exactly, and names must start with a capital letter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from aliansi.nlp import Tokens, normalize, tokenize


@dataclass(frozen=True)
class Entry:
    """What a phrase means. `code` is a state/bloc code, or None for titles and organization nouns."""

    phrase: str
    code: str | None
    kind: str  # state | igo | place | person | title | organization | connector | people_noun
    agent: str | None = None
    name: str | None = None
    role: str | None = None
    ambiguous: bool = False
    contextual: bool = False  # means its bloc only after the bloc was named ("aliansi" for NATO)
    person_only: bool = False  # a title for non-state individuals (analysts, bloggers)
    detail: str | None = None  # a finer sector for organs: the MIL of "Kementerian Pertahanan"


@dataclass(frozen=True)
class Match:
    first: int  # token index
    last: int  # token index, inclusive
    entries: tuple[Entry, ...]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(tokenize(phrase).norm)


class Gazetteer:
    def __init__(self, entries: list[Entry], *, case_sensitive_names: bool):
        self._by_first: dict[str, dict[tuple[str, ...], list[Entry]]] = defaultdict(lambda: defaultdict(list))
        self._case_sensitive_names = case_sensitive_names
        for entry in entries:
            key = phrase_tokens(entry.phrase)
            if key:
                self._by_first[key[0]][key].append(entry)
        # Longest candidates first, so "Mini NATO" wins over "NATO" and "Uni Eropa" over nothing.
        self._lengths = {
            first: sorted({len(key) for key in phrases}, reverse=True) for first, phrases in self._by_first.items()
        }

    def match_at(self, tokens: Tokens, index: int) -> Match | None:
        first = tokens.norm[index]
        phrases = self._by_first.get(first)
        if phrases is None:
            return None
        for length in self._lengths[first]:
            key = tuple(tokens.norm[index:index + length])
            entries = phrases.get(key)
            if entries:
                usable = tuple(e for e in entries if self._case_ok(e, tokens, index, length))
                if usable:
                    return Match(index, index + length - 1, usable)
        return None

    def _case_ok(self, entry: Entry, tokens: Tokens, index: int, length: int) -> bool:
        if not self._case_sensitive_names:
            return True
        if entry.phrase.replace(".", "").replace(" ", "").isupper():
            # Acronyms must keep their case: "AS" is the United States, "as" is an English word.
            return all(tokens.surface[i].isupper() for i in range(index, index + length))
        return tokens.is_capitalized(index)


def normalized(phrase: str) -> str:
    return " ".join(normalize(word) for word in phrase.split())
