"""What the dashboard's charts show, computed with aliansi.align so they count events as the CLI does.

- ``timeline``: counted events per period and QuadClass, coarse dates spread like the dyad series.
- ``alignment_view``: ``aliansi.align.alignment`` plus each top event's sentence and article title,
  and the membership changes of the blocs that make up the two poles, for marking the time axis.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aliansi import kb
from aliansi.align import alignment
from aliansi.align.blocs import OPEN_END, OPEN_START, AlignmentBloc, resolve_blocs
from aliansi.align.periods import check_freq, counted, period_label, spread

QUADS = (1, 2, 3, 4)
_EPOCH = datetime.date(1970, 1, 1)


def timeline(events: pd.DataFrame, *, freq: str) -> list[dict[str, Any]]:
    """Per period with counted events: their number and their numbers per QuadClass."""
    check_freq(freq)
    rows = counted(events)
    if rows.empty:
        return []
    rows = spread(rows, freq)
    share = rows["share"].to_numpy(float)
    quad = pd.to_numeric(rows["quad_class"], errors="coerce").to_numpy()
    frame = pd.DataFrame({"period": rows["period"].to_numpy(), "events": share,
                          **{f"quad{q}": share * (quad == q) for q in QUADS}})
    sums = frame.groupby("period", sort=True).sum().reset_index()
    sums["period"] = period_label(sums["period"].to_numpy(np.int64), freq).dt.date
    return plain_records(sums)


def alignment_view(events: pd.DataFrame, state: str, *, blocs: Sequence[str], freq: str, bootstrap: int,
                   texts) -> dict[str, Any]:
    """The alignment series of ``state`` as the API returns it. ``texts(ids)`` maps event ids to their
    sentence and article title (a store lookup), since the index carries only the evidence words."""
    frame = alignment(events, state, blocs=blocs, freq=freq, bootstrap=bootstrap)
    periods = plain_records(frame.assign(period=frame["period"].dt.date))
    known = texts([top["event_id"] for period in periods for top in period["top_events"]])
    for period in periods:
        for top in period["top_events"]:
            found = known.get(top["event_id"], {})
            top["evidence_sentence"] = found.get("evidence_sentence")
            top["article_title"] = found.get("article_title")
    poles = resolve_blocs(list(blocs))
    span = _span(periods, freq)
    return {
        "state": state,
        "state_name": display_name(state),
        "blocs": [{"code": pole.code, "name": pole.name} for pole in poles],
        "freq": freq,
        "periods": periods,
        "membership_changes": membership_changes(poles, state, *span) if span else [],
    }


def membership_changes(poles: Sequence[AlignmentBloc], state: str, first: datetime.date, last: datetime.date
                       ) -> list[dict[str, Any]]:
    """Dated starts and ends of the membership rows that decide who counts for the poles, inside
    [first, last]: a state joining or leaving a bloc, or changing status in it (Armenia suspended
    in the CSTO). Together with the poles' own dated actors, these are the days the index's
    counterparts change."""
    changes: dict[tuple, dict[str, Any]] = {}
    for pole in poles:
        for bloc in pole.members_of:
            rows = kb.blocs()[bloc].memberships
            starts = {(row.state, row.valid_from) for row in rows}
            for row in rows:
                # Only changes that move a state in or out of a counted status (an observer joining
                # changes nothing in the index), and every change of the aligned state itself.
                counts = row.status in pole.statuses or row.state == state
                before = next((o for o in rows if o.state == row.state and o.valid_to == row.valid_from), None)
                if row.valid_from and first <= row.valid_from <= last and (counts or (before and before.status in pole.statuses)):
                    _add(changes, row.valid_from, bloc, row.state, "status" if before else "joined", row.status, state)
                if row.valid_to and first <= row.valid_to <= last and counts and (row.state, row.valid_to) not in starts:
                    _add(changes, row.valid_to, bloc, row.state, "left", None, state)
        for actor in pole.actors:
            if actor.start != OPEN_START and first <= _date(actor.start) <= last:
                _add(changes, _date(actor.start), pole.code, actor.code, "joined", kb.MEMBER, state)
            if actor.end != OPEN_END and first <= _date(actor.end) <= last:
                _add(changes, _date(actor.end), pole.code, actor.code, "left", None, state)
    return sorted(changes.values(), key=lambda c: (c["date"], c["bloc"], c["state"]))


def _add(changes: dict, day: datetime.date, bloc: str, member: str, change: str, status: str | None, state: str) -> None:
    changes[(day, bloc, member)] = {"date": day, "bloc": bloc, "state": member, "change": change,
                                    "status": status, "involves_state": member == state}


def _span(periods: list[dict[str, Any]], freq: str) -> tuple[datetime.date, datetime.date] | None:
    if not periods:
        return None
    last = periods[-1]["period"]
    end = (pd.Timestamp(last) + (pd.offsets.MonthBegin(1) if freq == "month" else pd.Timedelta(days=7))).date()
    return periods[0]["period"], end


def display_name(code: str | None) -> str | None:
    """The knowledge base's display name of a state or bloc code."""
    if code in kb.states():
        return kb.states()[code].name
    if code in kb.blocs():
        return kb.blocs()[code].name
    return None


def plain_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: plain(value) for key, value in row.items()} for row in frame.to_dict(orient="records")]


def plain(value: Any) -> Any:
    """numpy and pandas values as JSON-ready Python: NaN and NaT as None, timestamps as dates."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _date(days: int) -> datetime.date:
    return _EPOCH + datetime.timedelta(days=int(days))
