"""The actor knowledge base: states, blocs (with membership over time) and people (with roles over time).

Data lives beside this module as hand-edited YAML, each file checked against ``kb/schemas/<kind>.json``
(JSON Schema draft 2020-12) and then against rules a schema cannot express (no duplicate codes, no
overlapping membership rows, every bloc member a known state). Any problem raises
:class:`aliansi.errors.LangPackError` naming the file and the JSON path of the offending value, e.g.
``kb/blocs.yaml at 0/members/3/to: ...``.

Files: ``states.yaml`` and ``blocs.yaml`` (this module's), ``people.yaml`` and ``groups.yaml`` (optional;
``people()`` and ``groups()`` are empty while they do not exist) and any other ``kb/<kind>.yaml`` with a schema, which
:func:`validate_all` checks too (``cameo.yaml`` has its own loader in ``aliansi.events.codes``).

Dates: ``from`` is the first day of a status or role (inclusive), ``to`` the first day it no longer
holds (exclusive), so a state changing status, or a person changing office, has adjacent rows
``{to: D}`` / ``{from: D}`` that never overlap. A missing ``from`` means "since before we know";
a missing ``to`` means "still so".

Everything is loaded once per process and immutable; nothing is written at run time.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from aliansi.errors import AliansiError, LangPackError
from aliansi.validated import validated_yaml

__all__ = [
    "Alias",
    "Bloc",
    "Group",
    "Membership",
    "Person",
    "Role",
    "State",
    "aliases",
    "blocs",
    "groups",
    "member_status",
    "members",
    "people",
    "resolve_person",
    "states",
    "validate_all",
]

_KB = resources.files(__name__)
MEMBER = "member"
STATUSES = ("member", "suspended", "candidate", "observer", "partner", "associate")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class State:
    """A state. ``names`` and ``demonyms`` map a language code to its forms; the first English name
    is the display name. ``metonyms`` stand for the government (capital, seat: "Kremlin"),
    ``places`` are cities and regions that resolve to the state but not to its government ("Kursk").
    ``ambiguous`` lists the aliases that need context before they may be coded ("Georgia")."""

    code: str
    iso2: str
    un: str
    names: Mapping[str, tuple[str, ...]] = field(hash=False)
    demonyms: Mapping[str, tuple[str, ...]] = field(hash=False)
    metonyms: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()  # ambiguous aliases that are also everyday words

    @property
    def name(self) -> str:
        """Display name: the first English name."""
        return self.names["en"][0]


@dataclass(frozen=True)
class Membership:
    """One continuous status of ``state`` in ``bloc`` over ``[valid_from, valid_to)``."""

    bloc: str
    state: str
    status: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None = None

    def covers(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)


@dataclass(frozen=True)
class Bloc:
    """A bloc or IGO. ``contextual`` forms ("aliansi", "the alliance") and ``seats`` ("Brussels") mean
    the bloc only when it was named earlier in the same text."""

    code: str
    names: Mapping[str, tuple[str, ...]] = field(hash=False)
    contextual: Mapping[str, tuple[str, ...]] = field(hash=False)
    seats: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    founded: datetime.date | None = None
    memberships: tuple[Membership, ...] = ()

    @property
    def name(self) -> str:
        """Display name: the first English name."""
        return self.names["en"][0]


@dataclass(frozen=True)
class Role:
    """An office held over ``[valid_from, valid_to)``. ``org`` is the state or bloc code the person
    resolves to while in it; ``agent`` the CAMEO-style sector (GOV, MIL, ...)."""

    org: str
    title: str
    agent: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def covers(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Group:
    """A named collective actor that is neither a state nor a bloc (an armed movement, a party, a
    community: "Hamas", "the Bosnian Serbs"), resolved to the state it acts in or for."""

    name: str
    code: str
    agent: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alias:
    """One surface form and what it resolves to. ``field`` is where it came from: ``name``,
    ``demonym``, ``metonym``, ``place`` (states), ``name``, ``seat``, ``contextual`` (blocs).
    ``lang`` is None for language-neutral lists. ``ambiguous`` is true when the record declares it
    so; contextual forms and seats always need context, which ``needs_context`` reports."""

    text: str
    code: str
    kind: str  # "state" | "bloc"
    field: str
    lang: str | None
    ambiguous: bool

    @property
    def needs_context(self) -> bool:
        return self.ambiguous or self.field in ("contextual", "seat")


# --------------------------------------------------------------------------- public API


@functools.cache
def states() -> dict[str, State]:
    """Every state by code. The mapping is cached and shared: read it, do not mutate it."""
    data = _load_packaged("states")
    return {rec["code"]: _state(rec) for rec in data}


@functools.cache
def blocs() -> dict[str, Bloc]:
    """Every bloc by code, with its membership rows (cached and shared: do not mutate it).
    Every member is checked against :func:`states`."""
    data = _load_packaged("blocs")
    known = states()
    where = _where("blocs")
    for i, rec in enumerate(data):
        for j, row in enumerate(rec["members"]):
            if row["state"] not in known:
                raise LangPackError(f"{where} at {i}/members/{j}/state: {row['state']!r} is not in kb/states.yaml")
    return {rec["code"]: _bloc(rec) for rec in data}


@functools.cache
def _people() -> tuple[Person, ...]:
    if not (_KB / "people.yaml").is_file():
        return ()
    return tuple(_person(rec) for rec in _load_packaged("people"))


def people() -> list[Person]:
    """Every person of ``kb/people.yaml``; empty while that file does not exist."""
    return list(_people())


@functools.cache
def _groups() -> tuple[Group, ...]:
    if not (_KB / "groups.yaml").is_file():
        return ()
    known = states()
    where = _where("groups")
    data = _load_packaged("groups")
    for i, rec in enumerate(data):
        if rec["code"] not in known:
            raise LangPackError(f"{where} at {i}/code: {rec['code']!r} is not in kb/states.yaml")
    return tuple(Group(rec["name"], rec["code"], rec.get("agent"), tuple(rec["aliases"])) for rec in data)


def groups() -> list[Group]:
    """Every group of ``kb/groups.yaml`` (each code checked against :func:`states`); empty while that file does not exist."""
    return list(_groups())


def member_status(bloc: str, state: str, on: datetime.date) -> str | None:
    """The status of ``state`` in ``bloc`` on the date ``on`` ("member", "suspended", "candidate",
    "observer", "partner", "associate"), or None when it has none. An unknown bloc raises AliansiError."""
    for row in _bloc_or_raise(bloc).memberships:
        if row.state == state and row.covers(_as_date(on)):
            return row.status
    return None


def members(bloc: str, on: datetime.date) -> set[str]:
    """The full members (status "member") of ``bloc`` on the date ``on``."""
    day = _as_date(on)
    return {row.state for row in _bloc_or_raise(bloc).memberships if row.status == MEMBER and row.covers(day)}


def resolve_person(person: Person, on: datetime.date | None) -> Role | None:
    """The role ``person`` held on ``on``; with ``on=None`` the latest role (the most recent start,
    an open-ended one first on a tie). When roles overlap on a date, the one that began last wins.
    None when no role covers the date."""
    if not person.roles:
        return None
    earliest = datetime.date.min
    if on is None:
        return max(person.roles, key=lambda r: (r.valid_from or earliest, r.valid_to is None, r.valid_to or earliest))
    day = _as_date(on)
    current = [role for role in person.roles if role.covers(day)]
    if not current:
        return None
    return max(current, key=lambda r: r.valid_from or earliest)


def aliases() -> list[Alias]:
    """Every surface form of every state and bloc, in file order (one entry per form and code)."""
    return list(_aliases())


def validate_all() -> list[str]:
    """Load and check every ``kb/<kind>.yaml`` that has a schema; return the kinds checked.

    A YAML file without a schema is an error (knowledge is data checked by a schema)."""
    checked = []
    for path in sorted(_KB.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml"):
            continue
        kind = path.name[: -len(".yaml")]
        if not (_KB / "schemas" / f"{kind}.json").is_file():
            raise LangPackError(f"kb/{path.name} has no schema: add kb/schemas/{kind}.json")
        _load_packaged(kind)
        checked.append(kind)
    states(), blocs(), people(), groups()  # the cross-file checks
    return checked


# --------------------------------------------------------------------------- loading


def _where(kind: str) -> str:
    return f"kb/{kind}.yaml"


def _load_packaged(kind: str) -> Any:
    return _load_text((_KB / f"{kind}.yaml").read_text(encoding="utf-8"), kind, _where(kind))


def _load_file(path: str | Path, kind: str) -> Any:
    """Load and check one file of the given kind from any path (for tests and for users' own KB files)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LangPackError(f"{path}: cannot read: {exc}") from exc
    return _load_text(text, kind, str(path))


def _load_text(text: str, kind: str, where: str) -> Any:
    data = validated_yaml(text, schema=_KB / "schemas" / f"{kind}.json", where=where)
    checker = _CHECKS.get(kind)
    if checker is not None:
        checker(data, where)
    return data


def _date(value: str | None, where: str, path: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise LangPackError(f"{where} at {path}: {value!r} is not a calendar date ({exc})") from exc


def _as_date(on: Any) -> datetime.date:
    if isinstance(on, datetime.datetime):
        return on.date()
    if isinstance(on, datetime.date):
        return on
    raise AliansiError(f"expected a datetime.date, got {on!r}")


# --------------------------------------------------------------------------- checks a schema cannot make


def _record_aliases(rec: Mapping[str, Any], groups: tuple[str, ...], lists: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for group in groups:
        for forms in rec.get(group, {}).values():
            found.update(forms)
    for key in lists:
        found.update(rec.get(key, []))
    return found


def _check_codes_and_ambiguous(data: list[dict], where: str, groups: tuple[str, ...], lists: tuple[str, ...]) -> None:
    seen: dict[str, int] = {}
    for i, rec in enumerate(data):
        if rec["code"] in seen:
            raise LangPackError(f"{where} at {i}/code: duplicate code {rec['code']!r} (first at {seen[rec['code']]})")
        seen[rec["code"]] = i
        known = _record_aliases(rec, groups, lists)
        for j, form in enumerate(rec.get("ambiguous", [])):
            if form not in known:
                raise LangPackError(f"{where} at {i}/ambiguous/{j}: {form!r} is not one of this record's aliases")
        for j, form in enumerate(rec.get("common_words", [])):
            if form not in rec.get("ambiguous", []):
                raise LangPackError(f"{where} at {i}/common_words/{j}: {form!r} must also be listed as ambiguous")


def _check_states(data: list[dict], where: str) -> None:
    _check_codes_and_ambiguous(data, where, ("names", "demonyms"), ("metonyms", "places"))


def _check_blocs(data: list[dict], where: str) -> None:
    _check_codes_and_ambiguous(data, where, ("names",), ("seats",))
    for i, rec in enumerate(data):
        _date(rec["founded"], where, f"{i}/founded")
        spans: dict[str, list[tuple[datetime.date, datetime.date, int]]] = {}
        for j, row in enumerate(rec["members"]):
            start = _date(row["from"], where, f"{i}/members/{j}/from")
            end = _date(row.get("to"), where, f"{i}/members/{j}/to")
            if end is not None and end <= start:
                raise LangPackError(f"{where} at {i}/members/{j}/to: {row['to']} is not after from {row['from']}")
            end = end or datetime.date.max
            for other_start, other_end, k in spans.get(row["state"], []):
                if start < other_end and other_start < end:
                    raise LangPackError(
                        f"{where} at {i}/members/{j}: {row['state']} overlaps its row {i}/members/{k} in {rec['code']}"
                        " (a state has one status at a time; 'to' is exclusive)"
                    )
            spans.setdefault(row["state"], []).append((start, end, j))


def _check_people(data: list[dict], where: str) -> None:
    for i, rec in enumerate(data):
        for j, role in enumerate(rec.get("roles", [])):
            start = _date(role.get("from"), where, f"{i}/roles/{j}/from")
            end = _date(role.get("to"), where, f"{i}/roles/{j}/to")
            if start is not None and end is not None and end <= start:
                raise LangPackError(f"{where} at {i}/roles/{j}/to: {role['to']} is not after from {role['from']}")


_CHECKS = {"states": _check_states, "blocs": _check_blocs, "people": _check_people}


# --------------------------------------------------------------------------- building records


def _by_language(mapping: Mapping[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(forms) for lang, forms in (mapping or {}).items()}


def _state(rec: dict) -> State:
    return State(
        code=rec["code"],
        iso2=rec["iso2"],
        un=rec["un"],
        names=_by_language(rec["names"]),
        demonyms=_by_language(rec["demonyms"]),
        metonyms=tuple(rec["metonyms"]),
        places=tuple(rec["places"]),
        ambiguous=frozenset(rec["ambiguous"]),
        common_words=frozenset(rec.get("common_words", [])),
    )


def _bloc(rec: dict) -> Bloc:
    rows = tuple(
        Membership(
            bloc=rec["code"],
            state=row["state"],
            status=row.get("status", MEMBER),
            valid_from=datetime.date.fromisoformat(row["from"]),
            valid_to=datetime.date.fromisoformat(row["to"]) if "to" in row else None,
        )
        for row in rec["members"]
    )
    return Bloc(
        code=rec["code"],
        names=_by_language(rec["names"]),
        contextual=_by_language(rec.get("contextual")),
        seats=tuple(rec.get("seats", [])),
        ambiguous=frozenset(rec.get("ambiguous", [])),
        founded=datetime.date.fromisoformat(rec["founded"]),
        memberships=rows,
    )


def _person(rec: dict) -> Person:
    roles = tuple(
        Role(
            org=role["org"],
            title=role.get("title", ""),
            agent=role.get("agent"),
            valid_from=_date(role.get("from"), "kb/people.yaml", "roles/from"),
            valid_to=_date(role.get("to"), "kb/people.yaml", "roles/to"),
        )
        for role in rec.get("roles", [])
    )
    return Person(name=rec["name"], aliases=tuple(rec.get("aliases", [])), roles=roles)


def _bloc_or_raise(code: str) -> Bloc:
    try:
        return blocs()[code]
    except KeyError:
        raise AliansiError(f"unknown bloc {code!r}: not in kb/blocs.yaml (known: {', '.join(sorted(blocs()))})") from None


@functools.cache
def _aliases() -> tuple[Alias, ...]:
    return tuple(_iter_aliases())


def _iter_aliases() -> Iterator[Alias]:
    for state in states().values():
        for fieldname, groups in (("name", state.names), ("demonym", state.demonyms)):
            for lang, forms in groups.items():
                for form in forms:
                    yield Alias(form, state.code, "state", fieldname, lang, form in state.ambiguous)
        for fieldname, forms in (("metonym", state.metonyms), ("place", state.places)):
            for form in forms:
                yield Alias(form, state.code, "state", fieldname, None, form in state.ambiguous)
    for bloc in blocs().values():
        for lang, forms in bloc.names.items():
            for form in forms:
                yield Alias(form, bloc.code, "bloc", "name", lang, form in bloc.ambiguous)
        for lang, forms in bloc.contextual.items():
            for form in forms:
                yield Alias(form, bloc.code, "bloc", "contextual", lang, form in bloc.ambiguous)
        for form in bloc.seats:
            yield Alias(form, bloc.code, "bloc", "seat", None, form in bloc.ambiguous)

