"""Longest-match lookup of word sequences over tokens: the one matcher behind actors and events.

Phrases are stored under their normalized token tuple and indexed by first token, so matching
costs one dict lookup per token plus one per candidate length.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Generic, TypeVar

from aliansi.nlp.text import Tokens, tokenize

T = TypeVar("T")


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The normalized token tuple of a phrase, tokenized exactly as texts are."""
    return tuple(tokenize(phrase).norm)


class PhraseIndex(Generic[T]):
    def __init__(self) -> None:
        self._by_first: dict[str, dict[tuple[str, ...], list[T]]] = defaultdict(lambda: defaultdict(list))
        self._lengths: dict[str, list[int]] = {}

    def add(self, phrase: str, value: T) -> None:
        key = phrase_key(phrase)
        if key:
            self._by_first[key[0]][key].append(value)
            self._lengths.pop(key[0], None)

    def first_words(self) -> frozenset[str]:
        """The normalized words that start some phrase: a cheap test before `match_at`."""
        return frozenset(self._by_first)

    def match_at(
        self, tokens: Tokens, index: int, accept: Callable[[T, int], bool] | None = None
    ) -> tuple[int, tuple[T, ...]] | None:
        """(last token index, values) of the longest phrase starting at `index` with an accepted value."""
        first = tokens.norm[index]
        phrases = self._by_first.get(first)
        if phrases is None:
            return None
        for length in self._candidate_lengths(first, phrases):
            if index + length > len(tokens.norm):
                continue  # a shorter slice at the end of the text would pass for a shorter phrase
            values = phrases.get(tuple(tokens.norm[index:index + length]))
            if values:
                usable = tuple(v for v in values if accept is None or accept(v, length))
                if usable:
                    return index + length - 1, usable
        return None

    def _candidate_lengths(self, first: str, phrases) -> list[int]:
        lengths = self._lengths.get(first)
        if lengths is None:
            # Longest first, so "Mini NATO" wins over "NATO" and "latihan gabungan" over "latihan".
            lengths = self._lengths[first] = sorted({len(key) for key in phrases}, reverse=True)
        return lengths
