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

    @functools.cached_property
    def object_starts(self) -> frozenset[str]:
        """The first words of the objects: a set test before `object_after`."""
        return frozenset(self.objects_by_first)


@dataclass(frozen=True)
class Trigger:
    pattern: Pattern
    passive: bool


class TriggerChoice:
    """The triggers of one phrase, as the coder weighs them: the first (in pack order) whose object
    follows, else the first that needs none. Worked out once per phrase rather than at every
    occurrence, with the object words of all of them for a cheap test first."""

    __slots__ = ("with_objects", "plain", "object_words", "object_window")

    def __init__(self, triggers: list[Trigger]) -> None:
        self.with_objects = tuple(t for t in triggers if t.pattern.objects)
        self.plain = next((t for t in triggers if not t.pattern.objects), None)
        self.object_words = frozenset().union(*(t.pattern.object_starts for t in self.with_objects))
        self.object_window = max((t.pattern.object_window for t in self.with_objects), default=0)

    def object_words_near(self, tokens: Tokens, last: int, limit: int) -> frozenset[str]:
        """The first words of objects of these triggers in (last, limit], within the widest window."""
        end = min(last + 1 + self.object_window, limit + 1)
        return self.object_words.intersection(tokens.norm[last + 1:end])

    def with_object(self, tokens: Tokens, last: int, limit: int, nearby: frozenset[str]) -> tuple[Trigger, int] | None:
        """The first trigger whose object starts in (last, limit], with the object's last word. `nearby` holds
        at least the object words there (`object_words_near`)."""
        for trigger in self.with_objects:
            if trigger.pattern.object_starts.isdisjoint(nearby):
                continue  # none of its objects is near: spare the word-by-word look
            object_last = trigger.pattern.object_after(tokens, last, limit)
            if object_last is not None:
                return trigger, object_last
        return None


@functools.cache
def trigger_starters(language: str) -> frozenset[str]:
    """The normalized words that can start a trigger of the language."""
    return trigger_index(language).first_words()


@functools.cache
def trigger_index(language: str) -> PhraseIndex[TriggerChoice]:
    """One `TriggerChoice` per trigger phrase, its triggers in the order the pack lists them."""
    by_key: dict[tuple[str, ...], tuple[str, list[Trigger]]] = {}
    key_of = functools.cache(phrase_key)  # patterns share trigger and object lists (YAML anchors)
    for record in langpacks.load(language, "events").get("patterns", []):
        pattern = Pattern(
            id=record["id"],
            code=record["code"],
            objects=tuple(key_of(o) for o in record.get("objects", [])),
            object_window=record.get("object_window", DEFAULT_OBJECT_WINDOW),
            symmetric=record.get("symmetric", False),
            target_after=frozenset(record.get("target_after", [])),
        )
        phrases = [(p, False) for p in record["triggers"]] + [(p, True) for p in record.get("passive", [])]
        for phrase, passive in phrases:
            by_key.setdefault(key_of(phrase), (phrase, []))[1].append(Trigger(pattern, passive=passive))
    index: PhraseIndex[TriggerChoice] = PhraseIndex()
    for phrase, triggers in by_key.values():
        index.add(phrase, TriggerChoice(triggers))
    return index
