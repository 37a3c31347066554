"""Longest-match lookup of word sequences over tokens: the one matcher behind actors and events.

Phrases are stored in a trie of normalized words, so matching walks forward from a token one dict
lookup per word, and stops at the first word that no phrase continues with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from aliansi.nlp.text import Tokens, tokenize

T = TypeVar("T")

# The key under which a trie node keeps the values of the phrase ending there. Tokens are runs of
# word characters, so no word is ever the empty string.
_VALUES = ""


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The normalized token tuple of a phrase, tokenized exactly as texts are."""
    return tuple(tokenize(phrase).norm)


class PhraseIndex(Generic[T]):
    def __init__(self) -> None:
        self._root: dict[str, Any] = {}

    def add(self, phrase: str, value: T) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        node = self._root
        for word in key:
            node = node.setdefault(word, {})
        # A tuple, so a match hands out the stored values without copying them.
        node[_VALUES] = node.get(_VALUES, ()) + (value,)

    def first_words(self) -> frozenset[str]:
        """The normalized words that start some phrase: a cheap test before `match_at`."""
        return frozenset(self._root)

    def match_at(
        self, tokens: Tokens, index: int, accept: Callable[[T, int], bool] | None = None
    ) -> tuple[int, tuple[T, ...]] | None:
        """(last token index, values) of the longest phrase starting at `index` with an accepted value,
        so "Mini NATO" wins over "NATO" and "latihan gabungan" over "latihan"."""
        words = tokens.norm
        node = self._root.get(words[index])
        if node is None:
            return None  # the common case: no phrase starts with this word
        ends: list[tuple[int, tuple[T, ...]]] = []  # (last index, values) of each phrase on the way, shortest first
        position, count = index, len(words)
        while True:
            values = node.get(_VALUES)
            if values:
                ends.append((position, values))
            position += 1
            if position == count or (node := node.get(words[position])) is None:
                break
        if accept is None:
            return ends[-1] if ends else None
        for last, values in reversed(ends):
            usable = tuple([value for value in values if accept(value, last - index + 1)])
            if usable:
                return last, usable
        return None
