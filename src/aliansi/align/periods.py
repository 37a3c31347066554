"""Which events count, and how an event's date falls into weekly or monthly periods.

Shared by the dyad series and the alignment index, so both count the same events the same way:

- Only asserted, non-negated events with a date count. Planned, hypothetical and claimed acts
  did not (yet, or verifiably) happen; a negated act did not happen at all.
- An event counts at its own date, not its article's: a 2020 war recalled in a 2023 article falls
  in 2020.
- A date is a span: a day, or a whole month or year when that is all the text says (stored as
  its first day). The event's weight is spread over the periods its span covers in proportion to
  the days of the span in each, so a year-precision event adds 1/12 to each month of its year
  instead of a spike in January, and the sum over all periods is still one event. An event as
  precise as the period or more lands in one period with share 1.

Dates are integer days since 1970-01-01; weeks start on Monday (ISO weeks).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from aliansi.errors import AliansiError

__all__ = ["FREQS", "counted", "period_start", "require", "spread"]

FREQS = ("month", "week")
# 1970-01-01 was a Thursday: shifting by 3 days makes day 0 of the shifted count a Monday.
_MONDAY_SHIFT = 3


def require(events: pd.DataFrame, columns: Iterable[str]) -> None:
    missing = sorted(set(columns) - set(events.columns))
    if missing:
        raise AliansiError(f"the events frame lacks the column(s) {', '.join(missing)}")


def check_freq(freq: str) -> None:
    if freq not in FREQS:
        raise AliansiError(f"unknown frequency {freq!r}: use one of {', '.join(FREQS)}")


def counted(events: pd.DataFrame) -> pd.DataFrame:
    """The events that count: asserted, not negated, dated. Adds ``day`` (int days)."""
    require(events, ("modality", "negated", "date", "date_precision"))
    dates = _datetimes(events["date"])
    # negated may be None where a source left it out; only an explicit True removes an event.
    keep = events["modality"].eq("asserted").to_numpy() & ~events["negated"].eq(True).to_numpy() & dates.notna().to_numpy()
    frame = events.loc[keep].copy()
    frame["day"] = dates[keep].to_numpy().astype("datetime64[D]").astype(np.int64)
    return frame.reset_index(drop=True)


def spread(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """One row per (event, period its date span touches) with ``period`` (int index), ``on`` (the
    first day of the span inside the period: the day membership is checked), ``share`` (the part
    of the event's span in the period) and ``coarse`` (true when spread over several periods)."""
    check_freq(freq)
    start, end = _span(frame["day"].to_numpy(np.int64), frame["date_precision"].to_numpy(object))
    first, last = _period_of(start, freq), _period_of(end - 1, freq)
    reps = last - first + 1
    rows = np.repeat(np.arange(len(frame)), reps)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(reps) - reps, reps)
    period = first[rows] + offset
    lo = np.maximum(period_start(period, freq), start[rows])
    hi = np.minimum(period_start(period + 1, freq), end[rows])
    out = frame.iloc[rows].reset_index(drop=True)
    out["period"] = period
    out["on"] = lo
    out["share"] = (hi - lo) / (end - start)[rows]
    out["coarse"] = (reps > 1)[rows]
    return out


def period_start(period: np.ndarray, freq: str) -> np.ndarray:
    """First day (int days) of each period index."""
    period = np.asarray(period, dtype=np.int64)
    if freq == "month":
        return period.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return period * 7 - _MONDAY_SHIFT


def period_label(period: np.ndarray, freq: str) -> pd.Series:
    """Period indices as the Timestamp of their first day."""
    return pd.Series(period_start(period, freq).astype("datetime64[D]")).astype("datetime64[s]")


def _period_of(day: np.ndarray, freq: str) -> np.ndarray:
    if freq == "month":
        return day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return (day + _MONDAY_SHIFT) // 7


def _span(day: np.ndarray, precision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) of each event's date in days. Month and year precision are floored to their
    first day (they should already be stored so) and last the whole month or year; anything else,
    including a missing precision, is a single day."""
    dates = day.astype("datetime64[D]")
    months = dates.astype("datetime64[M]")
    years = dates.astype("datetime64[Y]")
    is_month, is_year = precision == "month", precision == "year"
    start = np.where(is_month, months.astype("datetime64[D]"), np.where(is_year, years.astype("datetime64[D]"), dates))
    end = np.where(is_month, (months + 1).astype("datetime64[D]"), np.where(is_year, (years + 1).astype("datetime64[D]"), dates + 1))
    return start.astype(np.int64), end.astype(np.int64)


def _datetimes(values: pd.Series) -> pd.Series:
    """Dates of any usual form (date objects, strings, datetime64, tz-aware) as naive datetimes."""
    dates = pd.to_datetime(values, errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates
