"""Actor recognition: gazetteer matches composed into one mention per actor phrase.

Indonesian puts titles before the state and the person ("Presiden Rusia Vladimir Putin"),
English puts the state first ("Russian Foreign Ministry spokeswoman Maria Zakharova"). Both
orders are composed into a single mention whose code is the state or bloc the phrase serves,
with the sector (`agent`) taken from the title or organ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import compress

from aliansi.actors.gazetteer import Entry, Gazetteer, Match
from aliansi.nlp import Tokens

# An unknown person's name after a title is at most this many capitalized words ("Yerbol Kumarbekuly",
# "Recep Tayyip Erdogan"); longer capitalized runs are headlines or organization names.
MAX_UNKNOWN_NAME_WORDS = 3


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    first: int  # token indices, inclusive
    last: int
    code: str | None
    kind: str  # state | igo | place | person | organization
    agent: str | None
    name: str
    person: str | None = None
    ambiguous: bool = False  # a bare form that also means something else ("Baku", "Georgia")
    common_word: bool = False  # ... and that something is an everyday word ("Baku" = "standard")


class _SoFar:
    """The mentions found so far in a text, with the codes they name (for context-dependent forms)."""

    def __init__(self) -> None:
        self.items: list[Mention] = []
        self.codes: set[str | None] = set()
        self.last_index: dict[str | None, int] = {}

    def add(self, mention: Mention) -> None:
        self.last_index[mention.code] = len(self.items)
        self.items.append(mention)
        self.codes.add(mention.code)


class Recognizer:
    def __init__(self, *, names: Gazetteer, titles: Gazetteer, resolve_person, function_words: frozenset[str],
                 language_nouns: frozenset[str]):
        self._names = names
        # What may start a name or a title, split by whether it must be capitalized: the main loop's
        # cheap test, on plain sets.
        self._any_case_starters = names.any_case_first_words | titles.any_case_first_words
        self._cased_starters = names.first_words | titles.first_words
        self._starters = self._any_case_starters | self._cased_starters
        self._language_nouns = language_nouns
        self._titles = titles
        self._title_words = titles.first_words  # a set test before asking the gazetteer
        self._resolve_person = resolve_person  # (person name, date or None, codes seen) -> (code, agent) | None
        self._function_words = function_words

    def mentions(self, text: str, tokens: Tokens, *, on: dt.date | None = None) -> list[Mention]:
        found = _SoFar()
        words, surface = tokens.norm, tokens.surface
        any_case, cased = self._any_case_starters, self._cased_starters
        # Most words start no name and no title: one pass with a set test, in C, finds the few that may.
        starters = compress(range(len(words)), map(self._starters.__contains__, words))
        after_last = 0  # the first token after the latest mention
        for index in starters:
            if index < after_last:
                continue
            word = words[index]
            if word not in any_case and not (word in cased and surface[index][:1].isupper()):
                continue
            mention = self._mention_at(text, tokens, index, on, found)
            if mention is not None:
                found.add(self._appositive(text, mention, found))
                after_last = mention.last + 1
        return self._disambiguated(text, tokens, [m for m in found.items if m.code or m.person])

    def _disambiguated(self, text: str, tokens: Tokens, found: list[Mention]) -> list[Mention]:
        """An ambiguous form counts when the text names its actor plainly elsewhere, or when it stands
        apart from other capitalized words ("Michael Jordan"); an everyday word ("Baku") must also not
        open a sentence, where any word is capitalized."""
        plain = {m.code for m in found if not m.ambiguous}
        return [m for m in found if not m.ambiguous or m.code in plain or self._stands_alone(text, tokens, m)]

    @staticmethod
    def _stands_alone(text: str, tokens: Tokens, mention: Mention) -> bool:
        before = text[:mention.start].rstrip(" \"“‘(")
        if mention.common_word and (not before or before[-1] in ".!?\n:"):
            return False
        pairs = [(mention.first - 1, mention.first), (mention.last, mention.last + 1)]
        return not any(
            0 <= left and right < len(tokens) and _adjacent(text, tokens, left, right)
            and tokens.is_capitalized(left if left != mention.last else right)
            for left, right in pairs
        )

    # --- composition -------------------------------------------------------------------------

    def _mention_at(self, text, tokens, index, on, found) -> Mention | None:
        titles = self._title_chain(text, tokens, index)
        start_of_name = titles[-1].last + 1 if titles else index
        if start_of_name >= len(tokens.norm) or (titles and not _adjacent(text, tokens, start_of_name - 1, start_of_name)):
            return None
        name = self._names.match_at(tokens, start_of_name, seen=found.codes) if self._names.may_start(tokens, start_of_name) else None
        if name is None:
            return self._unknown_person(text, tokens, titles, start_of_name) if titles else None
        if start_of_name > 0 and tokens.norm[start_of_name - 1] in self._language_nouns:
            return None
        entry = self._choose(name.entries, found)
        if entry is None:
            return None
        mention = self._named(tokens, titles, name, entry, on, found)
        return self._with_trailing(text, tokens, mention, on, found)

    def _title_chain(self, text, tokens, index) -> list[Match]:
        chain: list[Match] = []
        position, words = index, tokens.norm
        while position < len(words) and words[position] in self._title_words and self._titles.may_start(tokens, position):
            if chain and not _adjacent(text, tokens, chain[-1].last, position):
                break
            match = self._titles.match_at(tokens, position)
            if match is None:
                break
            chain.append(match)
            position = match.last + 1
        return chain

    def _named(self, tokens, titles, name: Match, entry: Entry, on, found) -> Mention:
        first = titles[0].first if titles else name.first
        code, agent, person, kind = entry.code, entry.agent, None, entry.kind
        if entry.kind == "person":
            person = entry.name
            code, agent = self._resolve_person(entry.name, on, found.codes) or (None, None)
        elif entry.kind in ("connector", "people_noun"):
            code = None
        if titles:
            kind = "person" if person else "organization"
            agent = _chain_agent(titles) or agent
        return Mention(
            start=tokens.starts[first], end=tokens.ends[name.last], first=first, last=name.last,
            code=code, kind=kind, agent=agent, name=entry.name or entry.phrase, person=person,
            ambiguous=entry.ambiguous and not titles,
            common_word=entry.common_word and not titles,
        )

    def _with_trailing(self, text, tokens, mention: Mention, on, found) -> Mention:
        """English order and full names: "Russian Foreign Ministry spokeswoman Maria Zakharova"."""
        if mention.person:
            return mention
        position, count = mention.last + 1, len(tokens.norm)
        if position == count or not _adjacent(text, tokens, mention.last, position):
            return mention
        titles = self._title_chain(text, tokens, position)
        after = titles[-1].last + 1 if titles else position
        if after < count and (not titles or _adjacent(text, tokens, after - 1, after)):
            name = self._names.match_at(tokens, after, seen=found.codes)
            entry = self._choose(name.entries, found) if name else None
            if entry is not None and entry.kind == "person":
                return self._extend(tokens, mention, name.last, titles, person=entry.name)
            if name is None and (titles or mention.kind == "organization"):
                run = self._capitalized_run(text, tokens, after)
                if run is not None:
                    person = text[tokens.starts[after]:tokens.ends[run]]
                    return self._extend(tokens, mention, run, titles, person=person)
        return self._extend(tokens, mention, titles[-1].last, titles, person=None) if titles else mention

    def _extend(self, tokens, mention: Mention, last: int, titles, *, person) -> Mention:
        agent = _chain_agent(titles) or mention.agent
        kind = "person" if person else ("organization" if titles else mention.kind)
        return replace(mention, end=tokens.ends[last], last=last, agent=agent, kind=kind, person=person)

    def _unknown_person(self, text, tokens, titles, start) -> Mention | None:
        """A capitalized name after a title that the knowledge base does not know: a person, never a state."""
        run = self._capitalized_run(text, tokens, start)
        if run is None:
            return None
        person = text[tokens.starts[start]:tokens.ends[run]]
        return Mention(
            start=tokens.starts[titles[0].first], end=tokens.ends[run], first=titles[0].first, last=run,
            code=None, kind="person", agent=_chain_agent(titles), name=person, person=person,
        )

    def _capitalized_run(self, text, tokens, start) -> int | None:
        last = None
        for position in range(start, min(start + MAX_UNKNOWN_NAME_WORDS, len(tokens.norm))):
            word = tokens.surface[position]
            if not word[:1].isupper() or word.isupper() or tokens.norm[position] in self._function_words:
                break
            if position > start and not _adjacent(text, tokens, position - 1, position, allowed=" -"):
                break
            if self._names.match_at(tokens, position) is not None:
                break
            last = position
        return last

    def _appositive(self, text, mention: Mention, found: _SoFar) -> Mention:
        """ "Ketua Komite Militer NATO, Jenderal Petr Pavel": the name after the comma is that organ's person."""
        if not found.items or not mention.person:
            return mention
        previous = found.items[-1]
        between = text[previous.end:mention.start]
        if between.strip() == "," and previous.kind == "organization" and previous.code:
            return replace(mention, code=previous.code, agent=mention.agent or previous.agent)
        return mention

    def _choose(self, entries: tuple[Entry, ...], found: _SoFar) -> Entry | None:
        """One meaning for a matched phrase (contextual forms were already checked by the gazetteer)."""
        if len(entries) == 1 or len({e.code for e in entries}) == 1:
            return entries[0]
        # Several actors share the phrase: take the one the text has already named, else leave it out,
        # because a wrong actor is worse than a missing one.
        seen = found.codes
        named = [e for e in entries if e.code in seen]
        if named:
            return max(named, key=lambda e: found.last_index[e.code])
        return None


def _chain_agent(titles: list[Match]) -> str | None:
    """The sector of a title chain: an organ's sector wins over a generic title ("Kepala Staf Angkatan Bersenjata")."""
    agent = None
    for match in titles:
        entry = match.entries[0]
        if entry.agent:
            agent = entry.agent if entry.kind == "organization" or agent is None else agent
    return agent


def _adjacent(text: str, tokens: Tokens, left: int, right: int, *, allowed: str = " ") -> bool:
    """Only spaces (or the allowed characters) between two tokens: no comma, period or line break."""
    return not text[tokens.ends[left]:tokens.starts[right]].strip(allowed)
