"""Dyad time series: how the relationship between two actors moves, period by period, each way."""

from __future__ import annotations

import numpy as np
import pandas as pd

from aliansi.align.periods import check_freq, counted, period_label, require, spread
from aliansi.errors import AliansiError

__all__ = ["DYAD_COLUMNS", "dyad_series"]

DYAD_COLUMNS = [
    "period", "direction", "events", "quad1", "quad2", "quad3", "quad4",
    "goldstein_sum", "goldstein_mean", "articles", "spread",
]
# Each of these is summed over the (event, period) rows, weighted by the event's share of the period.
_SUMMED = {"events": None, "quad1": 1, "quad2": 2, "quad3": 3, "quad4": 4}


def dyad_series(events: pd.DataFrame, a: str, b: str, *, freq: str = "month") -> pd.DataFrame:
    """Per period and direction (``"A->B"``, ``"B->A"`` and ``"both"``): the number of events, the
    counts by QuadClass (``quad1``..``quad4``), the Goldstein sum and mean, the articles reporting
    them, and ``spread``: the part of ``events`` that comes from month- or year-precision dates
    spread over several periods.

    Only asserted, non-negated, dated events count, each at its own date. Every period from the
    first to the last event appears, with zeros where nothing happened (a quiet month is data).
    Counts are event shares, so they are whole numbers unless coarse dates were spread.
    """
    check_freq(freq)
    if a == b:
        raise AliansiError(f"a dyad needs two different actors, got {a!r} twice")
    require(events, ("source_code", "target_code", "quad_class", "goldstein", "num_articles"))
    rows = counted(events)
    pair = (rows["source_code"].eq(a) & rows["target_code"].eq(b)) | (rows["source_code"].eq(b) & rows["target_code"].eq(a))
    rows = spread(rows.loc[pair.to_numpy()].reset_index(drop=True), freq)
    if rows.empty:
        return pd.DataFrame({name: pd.Series(dtype=_dtype(name)) for name in DYAD_COLUMNS})
    forward, backward, both = f"{a}->{b}", f"{b}->{a}", "both"
    rows["direction"] = np.where(rows["source_code"].eq(a), forward, backward)
    totals = _sums(pd.concat([rows, rows.assign(direction=both)], ignore_index=True))
    grid = pd.MultiIndex.from_product(
        [np.arange(rows["period"].min(), rows["period"].max() + 1), [forward, backward, both]], names=["period", "direction"]
    )
    totals = totals.reindex(grid, fill_value=0.0).reset_index()
    # A mean over no events is undefined, not 0 (0 would read as "neutral relations").
    totals["goldstein_mean"] = (totals["goldstein_sum"] / totals["events"]).where(totals["events"] > 0)
    totals["period"] = period_label(totals["period"].to_numpy(), freq)
    return totals[DYAD_COLUMNS]


def _sums(rows: pd.DataFrame) -> pd.DataFrame:
    share = rows["share"].to_numpy(float)
    quad = pd.to_numeric(rows["quad_class"], errors="coerce").to_numpy()
    values = {name: share if q is None else share * (quad == q) for name, q in _SUMMED.items()}
    # A Goldstein value missing from the table adds nothing rather than poisoning the sum.
    values["goldstein_sum"] = share * pd.to_numeric(rows["goldstein"], errors="coerce").fillna(0.0).to_numpy()
    values["articles"] = share * pd.to_numeric(rows["num_articles"], errors="coerce").fillna(1).to_numpy()
    values["spread"] = share * rows["coarse"].to_numpy(bool)
    frame = pd.DataFrame(values).assign(period=rows["period"].to_numpy(), direction=rows["direction"].to_numpy())
    return frame.groupby(["period", "direction"], sort=True).sum()


def _dtype(name: str) -> str:
    return {"period": "datetime64[s]", "direction": "object"}.get(name, "float64")
