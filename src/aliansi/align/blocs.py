"""Alignment poles (WEST, RUSSIA ...) as data, and who belongs to them on which day.

A pole is read from ``kb/alignment_blocs.yaml`` or a user's file of the same schema. Its members
are resolved into dated rows ``(code, start, end)`` from the knowledge base's membership history,
so an event counts for a pole only when its counterpart belonged to it on the event's date.
Dates are held as integer days since 1970-01-01 so they join cheaply with the events frame.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from aliansi import kb
from aliansi.errors import AliansiError, LangPackError
from aliansi.validated import validated_yaml

__all__ = ["AlignmentBloc", "Span", "load_blocs", "membership_table", "resolve_blocs"]

_KB = resources.files("aliansi.kb")
_SCHEMA = _KB / "schemas" / "alignment_blocs.json"
# Open-ended spans: far outside any news date, but well inside int64 and datetime64[D].
OPEN_START = -(10**7)
OPEN_END = 10**7
_EPOCH = datetime.date(1970, 1, 1)


@dataclass(frozen=True)
class Span:
    """``code`` counts for a pole over the days ``[start, end)`` (days since 1970-01-01)."""

    code: str
    start: int = OPEN_START
    end: int = OPEN_END


@dataclass(frozen=True)
class AlignmentBloc:
    code: str
    name: str
    members_of: tuple[str, ...] = ()
    statuses: tuple[str, ...] = (kb.MEMBER,)
    actors: tuple[Span, ...] = ()
    description: str = ""

    def spans(self) -> list[Span]:
        """Every dated row that puts a code in this pole: the blocs' membership rows with a status
        that counts, then the pole's own actors."""
        rows = [
            Span(row.state, _day(row.valid_from, OPEN_START), _day(row.valid_to, OPEN_END))
            for bloc in self.members_of
            for row in kb.blocs()[bloc].memberships
            if row.status in self.statuses
        ]
        return rows + list(self.actors)


Definitions = Mapping[str, AlignmentBloc]


def load_blocs(path: str | Path | None = None) -> dict[str, AlignmentBloc]:
    """The poles of ``path`` (a user's file), or the packaged ``kb/alignment_blocs.yaml`` when None."""
    if path is None:
        return dict(_packaged())
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LangPackError(f"{path}: cannot read: {exc}") from exc
    return _parse(text, str(path))


def resolve_blocs(codes: Sequence[str], definitions: Definitions | str | Path | None = None) -> list[AlignmentBloc]:
    """The poles named by ``codes``: from ``definitions`` (a mapping, a file, or the packaged file);
    a code defined nowhere falls back to a knowledge-base bloc (its members and itself) or a state."""
    table = definitions if isinstance(definitions, Mapping) else load_blocs(definitions)
    return [table[code] if code in table else _fallback(code, table) for code in codes]


def membership_table(poles: Sequence[AlignmentBloc]) -> pd.DataFrame:
    """One row per (pole position, code, span): columns ``pole`` (index into ``poles``), ``code``,
    ``start``, ``end`` (days, end exclusive)."""
    rows = [(i, span.code, span.start, span.end) for i, pole in enumerate(poles) for span in pole.spans()]
    frame = pd.DataFrame(rows, columns=["pole", "code", "start", "end"])
    return frame.astype({"pole": np.int64, "code": object, "start": np.int64, "end": np.int64})


# --------------------------------------------------------------------------- loading


@functools.cache
def _packaged() -> Mapping[str, AlignmentBloc]:
    return _parse((_KB / "alignment_blocs.yaml").read_text(encoding="utf-8"), "kb/alignment_blocs.yaml")


def _parse(text: str, where: str) -> dict[str, AlignmentBloc]:
    data = validated_yaml(text, schema=_SCHEMA, where=where)
    poles: dict[str, AlignmentBloc] = {}
    for i, rec in enumerate(data):
        if rec["code"] in poles:
            raise LangPackError(f"{where} at {i}/code: duplicate bloc {rec['code']!r}")
        poles[rec["code"]] = _pole(rec, where, i)
    return poles


def _pole(rec: Mapping[str, Any], where: str, i: int) -> AlignmentBloc:
    known_blocs = kb.blocs()
    for j, bloc in enumerate(rec.get("members_of", [])):
        if bloc not in known_blocs:
            raise LangPackError(f"{where} at {i}/members_of/{j}: {bloc!r} is not a bloc of kb/blocs.yaml")
    return AlignmentBloc(
        code=rec["code"],
        name=rec["name"],
        members_of=tuple(rec.get("members_of", [])),
        statuses=tuple(rec.get("statuses", [kb.MEMBER])),
        actors=tuple(_actor(item, where, f"{i}/actors/{j}") for j, item in enumerate(rec.get("actors", []))),
        description=rec.get("description", ""),
    )


def _actor(item: str | Mapping[str, str], where: str, place: str) -> Span:
    entry = {"code": item} if isinstance(item, str) else item
    code = entry["code"]
    if code not in kb.states() and code not in kb.blocs():
        # A typo here would silently drop every event with that actor, so refuse it.
        raise LangPackError(f"{where} at {place}: {code!r} is neither a state of kb/states.yaml nor a bloc of kb/blocs.yaml")
    start = _parsed_day(entry.get("from"), OPEN_START, where, f"{place}/from")
    end = _parsed_day(entry.get("to"), OPEN_END, where, f"{place}/to")
    if end <= start:
        raise LangPackError(f"{where} at {place}/to: {entry['to']} is not after from {entry['from']}")
    return Span(code, start, end)


def _fallback(code: str, table: Iterable[str]) -> AlignmentBloc:
    if code in kb.blocs():
        return AlignmentBloc(code=code, name=kb.blocs()[code].name, members_of=(code,), actors=(Span(code),))
    if code in kb.states():
        return AlignmentBloc(code=code, name=kb.states()[code].name, actors=(Span(code),))
    raise AliansiError(
        f"unknown bloc {code!r}: define it in a --blocs-file, or use one of {', '.join(sorted(table))}, "
        "a bloc of kb/blocs.yaml or a state code"
    )


def _day(value: datetime.date | None, default: int) -> int:
    return default if value is None else (value - _EPOCH).days


def _parsed_day(value: str | None, default: int, where: str, place: str) -> int:
    if value is None:
        return default
    try:
        return _day(datetime.date.fromisoformat(value), default)
    except ValueError as exc:
        raise LangPackError(f"{where} at {place}: {value!r} is not a calendar date ({exc})") from exc
