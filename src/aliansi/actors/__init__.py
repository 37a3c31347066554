"""Actor recognition: the knowledge base and the language packs' titles, turned into mentions."""

from __future__ import annotations

import datetime as dt
import functools

from aliansi import kb, langpacks
from aliansi.actors.gazetteer import Entry, Gazetteer
from aliansi.actors.recognize import Mention, Recognizer
from aliansi.nlp import normalize
from aliansi.nlp.doc import Doc

__all__ = ["Mention", "actors_of", "recognize"]


def _state_entries() -> list[Entry]:
    entries = []
    for state in kb.states().values():
        ambiguous = {normalize(a) for a in state.ambiguous}
        common = {normalize(a) for a in state.common_words}
        name = state.names["en"][0]
        for kind, aliases in (
            ("state", [a for names in state.names.values() for a in names]),
            ("state", [a for names in state.demonyms.values() for a in names]),
            ("state", list(state.metonyms)),
            ("place", list(state.places)),
        ):
            entries.extend(
                Entry(a, state.code, kind, name=name, ambiguous=normalize(a) in ambiguous, common_word=normalize(a) in common)
                for a in aliases
            )
    return entries


def _bloc_entries() -> list[Entry]:
    entries = []
    for bloc in kb.blocs().values():
        name = bloc.names["en"][0]
        ambiguous = {normalize(a) for a in bloc.ambiguous}
        for alias in (a for names in bloc.names.values() for a in names):
            entries.append(Entry(alias, bloc.code, "igo", name=name, ambiguous=normalize(alias) in ambiguous))
        contextual = [a for forms in bloc.contextual.values() for a in forms] + list(bloc.seats)
        entries.extend(Entry(alias, bloc.code, "igo", name=name, contextual=True) for alias in contextual)
    return entries


def _person_entries() -> list[Entry]:
    return [
        Entry(alias, None, "person", name=person.name)
        for person in kb.people()
        for alias in (person.name, *person.aliases)
    ]


def _group_entries() -> list[Entry]:
    return [
        Entry(alias, group.code, "organization", agent=group.agent, name=group.name)
        for group in kb.groups()
        for alias in (group.name, *group.aliases)
    ]


def _title_entries() -> list[Entry]:
    entries = []
    for pack in langpacks.load_all("agents").values():
        entries.extend(Entry(t["text"], None, "title", agent=t.get("agent")) for t in pack.get("titles", []))
        entries.extend(Entry(o["text"], None, "organization", agent=o.get("agent")) for o in pack.get("organizations", []))
        entries.extend(Entry(c, None, "connector") for c in pack.get("connectors", []))
        entries.extend(Entry(p["text"], None, "people_noun", agent=p.get("agent")) for p in pack.get("people_nouns", []))
    return entries


def _resolve_person(name: str, on: dt.date | None, seen: set[str | None]) -> tuple[str, str | None] | None:
    """The state or bloc a person serves on the date; without a date, prefer one the text names."""
    person = _people_by_name().get(name)
    if person is None:
        return None
    role = kb.resolve_person(person, on) if on else None
    if role is None and on is None:
        named = [r for r in person.roles if r.org in seen]
        role = named[-1] if named else kb.resolve_person(person, None)
    return (role.org, role.agent) if role else None


@functools.cache
def _people_by_name() -> dict[str, kb.Person]:
    return {person.name: person for person in kb.people()}


@functools.cache
def default_recognizer() -> Recognizer:
    clauses = langpacks.load_all("clauses").values()
    function_words = frozenset(normalize(w) for pack in clauses for w in pack.get("function_words", []))
    language_nouns = frozenset(normalize(w) for pack in clauses for w in pack.get("language_nouns", []))
    return Recognizer(
        names=Gazetteer(_state_entries() + _bloc_entries() + _group_entries() + _person_entries(), case_sensitive=True),
        titles=Gazetteer(_title_entries(), case_sensitive=False),
        resolve_person=_resolve_person,
        function_words=function_words,
        language_nouns=language_nouns,
    )


def recognize(doc: Doc) -> list[Mention]:
    return default_recognizer().mentions(doc.text, doc.tokens, on=doc.date)


def actors_of(text: str, mentions: list[Mention]) -> list[dict]:
    """The per-article `actors` list: one entry per state, bloc or person, with every mention."""
    grouped: dict[tuple[str | None, str | None], dict] = {}
    for mention in mentions:
        key = (mention.code, mention.person)
        actor = grouped.get(key)
        if actor is None:  # not setdefault: most mentions repeat an actor, and would build its entry for nothing
            actor = grouped[key] = {
                "code": mention.code,
                "name": mention.person or mention.name,
                "kind": "person" if mention.person else ("igo" if mention.kind == "igo" else "state"),
                "mentions": [],
            }
        actor["mentions"].append(
            {"start": mention.start, "end": mention.end, "text": text[mention.start:mention.end], "agent": mention.agent}
        )
    return list(grouped.values())
