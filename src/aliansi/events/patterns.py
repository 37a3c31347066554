"""Event patterns from the language packs, compiled once into one trigger index per language."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from aliansi import langpacks
from aliansi.nlp import PhraseIndex, Tokens, phrase_key

# How far after its trigger a required object noun may stand: "menandatangani sebuah perjanjian
# kerja sama militer" puts the noun two words on; six covers articles, adjectives and a numeral.
DEFAULT_OBJECT_WINDOW = 6


@dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    objects: tuple[tuple[str, ...], ...]
    object_window: int
    symmetric: bool
    target_after: frozenset[str]

    def object_after(self, tokens: Tokens, last: int, limit: int) -> int | None:
        """Token index of the last word of the first required object after the trigger, if any."""
        for position in range(last + 1, min(last + 1 + self.object_window, limit + 1)):
            for words in self.objects_by_first.get(tokens.norm[position], ()):
                if tuple(tokens.norm[position:position + len(words)]) == words:
                    return position + len(words) - 1
        return None

    @functools.cached_property
    def objects_by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Objects indexed by their first word, longest first, so each position costs one lookup."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(self.objects, key=len, reverse=True):
            by_first.setdefault(words[0], []).append(words)
        return {first: tuple(group) for first, group in by_first.items()}


@dataclass(frozen=True)
class Trigger:
    pattern: Pattern
    passive: bool


@functools.cache
def trigger_starters(language: str) -> frozenset[str]:
    """The normalized words that can start a trigger of the language."""
    return trigger_index(language).first_words()


@functools.cache
def trigger_index(language: str) -> PhraseIndex[Trigger]:
    index: PhraseIndex[Trigger] = PhraseIndex()
    for record in langpacks.load(language, "events").get("patterns", []):
        pattern = Pattern(
            id=record["id"],
            code=record["code"],
            objects=tuple(phrase_key(o) for o in record.get("objects", [])),
            object_window=record.get("object_window", DEFAULT_OBJECT_WINDOW),
            symmetric=record.get("symmetric", False),
            target_after=frozenset(record.get("target_after", [])),
        )
        for phrase in record["triggers"]:
            index.add(phrase, Trigger(pattern, passive=False))
        for phrase in record.get("passive", []):
            index.add(phrase, Trigger(pattern, passive=True))
    return index
