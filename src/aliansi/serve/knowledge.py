"""Knowledge-base search for GET /api/actors: states, blocs with their membership history, people
with their dated roles, found by code, name or alias in any language (case and accents ignored)."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any

from aliansi import kb


@dataclass(frozen=True)
class Entry:
    record: dict[str, Any]
    keys: tuple[str, ...]  # folded code, names and aliases


def fold(text: str) -> str:
    """Lower case without accents, so "turkiye" finds "Türkiye" and "erdogan" finds "Erdoğan"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search(q: str | None, *, kind: str | None, code_counts: dict[str, int], name_counts: dict[str, int],
           stored_only: bool) -> list[dict[str, Any]]:
    """Matching entries, best first: exact code, then a name starting with q, then containing it;
    within each, the actors with more stored events first."""
    needle = fold(q.strip()) if q else ""
    found = []
    for entry in _entries():
        record = entry.record
        if kind and record["kind"] != kind:
            continue
        events = name_counts.get(record["name"], 0) if record["kind"] == "person" else code_counts.get(record["code"], 0)
        if stored_only and not events:
            continue
        rank = _rank(entry, needle)
        if rank is not None:
            found.append((rank, -events, record["name"], {**record, "events": events}))
    found.sort(key=lambda item: item[:3])
    return [record for *_, record in found]


def _rank(entry: Entry, needle: str) -> int | None:
    if not needle:
        return 3
    if entry.keys[0] == needle:
        return 0
    if any(key.startswith(needle) for key in entry.keys):
        return 1
    if any(needle in key for key in entry.keys):
        return 2
    return None


@functools.cache
def _entries() -> tuple[Entry, ...]:
    memberships: dict[str, list[dict[str, Any]]] = {}
    for bloc in kb.blocs().values():
        for row in bloc.memberships:
            memberships.setdefault(row.state, []).append(_membership(row))
    entries = []
    for state in kb.states().values():
        names = {lang: list(forms) for lang, forms in state.names.items()}
        entries.append(_entry({"code": state.code, "kind": "state", "name": state.name, "names": names,
                               "memberships": memberships.get(state.code, [])}, names))
    for bloc in kb.blocs().values():
        names = {lang: list(forms) for lang, forms in bloc.names.items()}
        entries.append(_entry({"code": bloc.code, "kind": "bloc", "name": bloc.name, "names": names,
                               "memberships": [_membership(row) for row in bloc.memberships]}, names))
    for person in kb.people():
        latest = kb.resolve_person(person, None)
        roles = [{"org": r.org, "title": r.title, "agent": r.agent, "valid_from": r.valid_from, "valid_to": r.valid_to}
                 for r in person.roles]
        entries.append(_entry({"code": latest.org if latest else None, "kind": "person", "name": person.name,
                               "names": {"any": [person.name, *person.aliases]}, "roles": roles},
                              {"any": [person.name, *person.aliases]}))
    return tuple(entries)


def _entry(record: dict[str, Any], names: dict[str, list[str]]) -> Entry:
    code = record["code"] if record["kind"] != "person" else record["name"]
    return Entry(record, (fold(code or ""), *(fold(form) for forms in names.values() for form in forms)))


def _membership(row: kb.Membership) -> dict[str, Any]:
    return {"bloc": row.bloc, "state": row.state, "status": row.status, "valid_from": row.valid_from, "valid_to": row.valid_to}
