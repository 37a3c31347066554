"""The alignment index: where a state stands between two blocs, period by period, with evidence.

For a state S and two poles F (first) and R (second), each counted event between S and a
counterpart c that belongs to a pole on the event's date has the value

    v = tone × direction × confidence × coverage × share

    tone       = goldstein / 10                       in [-1, 1]: cooperation > 0, conflict < 0
    direction  = 1.0 when S acts (S -> c), 0.5 when S is acted upon (c -> S)
    confidence = the coder's confidence, clipped to [0, 1]
    coverage   = log2(1 + num_articles)               1 for one article, +1 per doubling
    share      = the part of the event's date span inside the period

and per period, with W_P the sum of v over the events whose counterpart is in pole P (the net
cooperation with P) and V the sum of |v| over the same events (the weight of all the evidence),

    score = (W_F - W_R) / (V_F + V_R + K),   K = 1

Since |W_F - W_R| <= V_F + V_R, the score lies strictly inside (-1, 1): positive when S cooperates
more with F than with R (or fights R more than F), negative the other way, and near 0 when the
evidence is mixed or thin. README "Dyads and alignment" says why each weight has its value. Each
event's contribution is (v·[c in F] - v·[c in R]) / (V_F + V_R + K); a period's contributions add
up to its score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from aliansi.align.blocs import AlignmentBloc, membership_table, resolve_blocs
from aliansi.align.periods import check_freq, counted, period_label, require, spread
from aliansi.errors import AliansiError

__all__ = ["ALIGNMENT_COLUMNS", "INCOMING_WEIGHT", "SMOOTHING", "TOP_EVENTS", "alignment"]

ALIGNMENT_COLUMNS = ["period", "score", "ci_low", "ci_high", "events", "net_first", "net_second", "volume", "top_events"]
# What S does is its own choice; what a bloc does to S is partly the bloc's agenda (sanctions on
# everyone, statements about everyone). Both are evidence of the relationship, S's acts twice as much.
OUTGOING_WEIGHT = 1.0
INCOMING_WEIGHT = 0.5
# K is the weight of the heaviest single event (Goldstein ±10, one article, full confidence), so
# one lone report can move a period at most to ±0.5, and thin periods stay near 0.
SMOOTHING = 1.0
# Confidence of events that carry none: neither trusted nor dismissed.
UNKNOWN_CONFIDENCE = 0.5
TOP_EVENTS = 5
CI_LEVEL = 0.95
# Above this many events in a period, the bootstrap sums are drawn from their normal limit: by then
# the central limit theorem makes the two indistinguishable, and resampling would cost replicates × n.
EXACT_BOOTSTRAP_MAX = 2000
# Exact resampling is drawn in chunks of at most this many cells (replicates × events), so a large
# --bootstrap does not allocate gigabytes at once.
_CHUNK_CELLS = 4_000_000
_EVIDENCE_FIELDS = ("event_id", "article_id", "evidence_text")
_CARRIED = (*_EVIDENCE_FIELDS, "source_code", "target_code", "cameo", "goldstein", "confidence", "num_articles",
            "day", "date_precision", "outgoing", "counterpart")


def alignment(
    events: pd.DataFrame,
    state: str,
    *,
    blocs: Sequence[str] = ("WEST", "RUSSIA"),
    freq: str = "month",
    definitions: Mapping[str, AlignmentBloc] | str | Path | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Per period with evidence: the score of ``state`` between ``blocs[0]`` (toward +1) and
    ``blocs[1]`` (toward -1), its bootstrap ``ci_low``/``ci_high`` (95%, ``bootstrap`` replicates,
    seeded per period so a period's interval does not depend on the other periods), the number of
    ``events`` touching the period, the net cooperation with each pole (``net_first``,
    ``net_second``), the weight of all the evidence (``volume``) and ``top_events``: the five
    events that weigh most, each a dict with event_id, article_id, evidence_text and contribution (and its date, codes, cameo, Goldstein
    value, and the blocs its counterpart counted for).

    ``definitions``: a mapping from :func:`aliansi.align.blocs.load_blocs`, a blocs file, or None
    for the packaged ``kb/alignment_blocs.yaml``. Periods with no counted event are left out.
    """
    check_freq(freq)
    if len(blocs) != 2 or blocs[0] == blocs[1]:
        raise AliansiError(f"alignment needs two different blocs, got {list(blocs)}")
    if bootstrap < 0 or seed < 0:
        raise AliansiError("bootstrap and seed must be non-negative")
    poles = resolve_blocs(blocs, definitions)
    rows = _weighted(_with_poles(_involving(events, state), poles, freq))
    codes = (poles[0].code, poles[1].code)
    frame = pd.DataFrame(_periods(rows, codes, bootstrap, seed), columns=ALIGNMENT_COLUMNS)
    frame["period"] = period_label(frame["period"].to_numpy(np.int64), freq)
    frame["events"] = frame["events"].astype(np.int64)
    frame.attrs.update(state=state, blocs=list(codes), freq=freq)
    return frame


# --------------------------------------------------------------------------- event values


def _involving(events: pd.DataFrame, state: str) -> pd.DataFrame:
    """Counted events between ``state`` and another actor, with ``counterpart`` and ``outgoing``."""
    require(events, ("event_id", "article_id", "source_code", "target_code", "cameo", "goldstein",
                     "confidence", "num_articles", "evidence_text"))
    rows = counted(events)
    out = rows["source_code"].eq(state).to_numpy()
    inc = rows["target_code"].eq(state).to_numpy()
    rows = rows.loc[out ^ inc].reset_index(drop=True)  # both: S acting on itself says nothing
    rows["outgoing"] = rows["source_code"].eq(state).to_numpy()
    rows["counterpart"] = np.where(rows["outgoing"], rows["target_code"], rows["source_code"])
    # Spreading copies every column per period, so carry only what the index and its evidence use.
    return rows[list(_CARRIED)]


def _with_poles(rows: pd.DataFrame, poles: Sequence[AlignmentBloc], freq: str) -> pd.DataFrame:
    """Spread rows over periods and flag ``in_first``/``in_second``: whether the counterpart belonged
    to each pole on the row's day. Rows in neither pole are dropped."""
    members = membership_table(poles)
    rows = spread(rows.loc[rows["counterpart"].isin(set(members["code"])).to_numpy()].reset_index(drop=True), freq)
    hits = rows[["counterpart", "on"]].reset_index(names="row").merge(members, left_on="counterpart", right_on="code")
    hits = hits[(hits["start"] <= hits["on"]) & (hits["on"] < hits["end"])]
    for position, flag in enumerate(("in_first", "in_second")):
        flags = np.zeros(len(rows), dtype=bool)
        flags[hits.loc[hits["pole"] == position, "row"].to_numpy()] = True
        rows[flag] = flags
    return rows.loc[rows["in_first"] | rows["in_second"]].reset_index(drop=True)


def _weighted(rows: pd.DataFrame) -> pd.DataFrame:
    """Add ``value`` (see the module docstring), ``first`` and ``second`` (its part in each pole),
    ``push`` (its signed pull toward the first pole) and ``mass`` (its weight in the denominator)."""
    tone = pd.to_numeric(rows["goldstein"], errors="coerce").fillna(0.0).to_numpy() / 10.0
    direction = np.where(rows["outgoing"].to_numpy(bool), OUTGOING_WEIGHT, INCOMING_WEIGHT)
    confidence = pd.to_numeric(rows["confidence"], errors="coerce").fillna(UNKNOWN_CONFIDENCE).clip(0.0, 1.0).to_numpy()
    articles = pd.to_numeric(rows["num_articles"], errors="coerce").fillna(1).clip(lower=1).to_numpy()
    # Repeated coverage is not more events: one article weighs 1, and each doubling adds 1, so the
    # same event reported 100 times weighs 6.7, not 100 (GDELT's one kidnapping counted 366 times).
    coverage = np.log2(1.0 + articles)
    value = tone * direction * confidence * coverage * rows["share"].to_numpy(float)
    first, second = value * rows["in_first"].to_numpy(), value * rows["in_second"].to_numpy()
    return rows.assign(value=value, first=first, second=second, push=first - second, mass=np.abs(first) + np.abs(second))


# --------------------------------------------------------------------------- per period


def score(push: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """The bounded score from the summed pull toward the first pole and the summed evidence weight."""
    return push / (mass + SMOOTHING)


def _periods(rows: pd.DataFrame, codes: tuple[str, str], replicates: int, seed: int) -> list[list[Any]]:
    """One output row per period. Periods are cut from one argsort of plain arrays rather than a
    groupby, which would copy every column (text included) once per period."""
    period = rows["period"].to_numpy()
    order = np.argsort(period, kind="stable")
    cuts = np.flatnonzero(np.diff(period[order])) + 1
    values = rows[["push", "mass", "first", "second"]].to_numpy(float)
    ids = rows["event_id"].astype(str).to_numpy()
    return [_period(rows, part, values[part], ids, codes, replicates, seed) for part in np.split(order, cuts) if len(part)]


def _period(rows: pd.DataFrame, part: np.ndarray, values: np.ndarray, ids: np.ndarray, codes: tuple[str, str],
            replicates: int, seed: int) -> list[Any]:
    """``part``: the positions in ``rows`` of this period's events, ``values`` their numbers; ``ids``: every row's event id."""
    period = int(rows["period"].iat[part[0]])
    push, mass = values[:, 0], values[:, 1]
    denominator = mass.sum() + SMOOTHING
    point = float(push.sum() / denominator)
    low, high = _interval(push, mass, replicates, np.random.default_rng([seed, period + 2**31]))
    # The percentile interval can miss the estimate when a thin period's bootstrap distribution is
    # very skewed; widen it to include the estimate so the interval never contradicts the score.
    low, high = min(low, point), max(high, point)
    contribution = push / denominator
    top = [_evidence(rows.iloc[part[i]], float(contribution[i]), codes) for i in _heaviest(contribution, ids, part)]
    return [period, point, low, high, len(part), float(values[:, 2].sum()), float(values[:, 3].sum()), float(mass.sum()), top]


def _heaviest(contribution: np.ndarray, ids: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Indices of the TOP_EVENTS largest |contribution|, ties broken by event id (``ids[part]``) so
    the list is the same on every run. Only events at least as heavy as the fifth are sorted:
    sorting the ids of a whole large period would cost more than its bootstrap."""
    size = np.abs(contribution)
    candidates = np.arange(len(size))
    if len(size) > TOP_EVENTS:
        candidates = np.flatnonzero(size >= np.partition(size, -TOP_EVENTS)[-TOP_EVENTS])
    order = np.lexsort((ids[part[candidates]], -size[candidates]))
    return candidates[order[:TOP_EVENTS]]


def _interval(push: np.ndarray, mass: np.ndarray, replicates: int, rng: np.random.Generator) -> tuple[float, float]:
    """Percentile bootstrap over the period's events: resample them with replacement and recompute."""
    if replicates == 0:
        return float("nan"), float("nan")
    sums = _resampled_sums if len(push) <= EXACT_BOOTSTRAP_MAX else _normal_sums
    scores = score(*sums(push, mass, replicates, rng))
    tail = (1.0 - CI_LEVEL) / 2
    low, high = np.quantile(scores, [tail, 1.0 - tail])
    return float(low), float(high)


def _resampled_sums(push: np.ndarray, mass: np.ndarray, replicates: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = len(push)
    chunk = max(1, _CHUNK_CELLS // n)
    push_sums, mass_sums = np.empty(replicates), np.empty(replicates)
    for done in range(0, replicates, chunk):
        picks = rng.integers(0, n, size=(min(chunk, replicates - done), n))
        push_sums[done:done + len(picks)] = push[picks].sum(axis=1)
        mass_sums[done:done + len(picks)] = mass[picks].sum(axis=1)
    return push_sums, mass_sums


def _normal_sums(push: np.ndarray, mass: np.ndarray, replicates: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The bootstrap sums of a large period drawn from their normal limit: the same mean and
    covariance as resampling gives exactly (n × the events' mean and covariance), at O(n) cost.
    The drawn mass is kept at least |push| so a draw stays inside the score's bounds."""
    n = len(push)
    values = np.stack([push, mass])
    draws = rng.multivariate_normal(n * values.mean(axis=1), n * np.cov(values, ddof=0), size=replicates, method="eigh")
    return draws[:, 0], np.maximum(draws[:, 1], np.abs(draws[:, 0]))


def _evidence(row: pd.Series, contribution: float, codes: tuple[str, str]) -> dict[str, Any]:
    poles = [code for code, flag in zip(codes, (row["in_first"], row["in_second"]), strict=True) if flag]
    item = {name: _plain(row[name]) for name in _EVIDENCE_FIELDS}
    item.update(
        contribution=contribution,
        date=pd.Timestamp(np.datetime64(int(row["day"]), "D")).date().isoformat(),
        date_precision=_plain(row["date_precision"]),
        source_code=row["source_code"],
        target_code=row["target_code"],
        cameo=_plain(row["cameo"]),
        goldstein=_plain(row["goldstein"]),
        blocs=poles,
    )
    return item


def _plain(value: Any) -> Any:
    """numpy scalars and missing values as plain Python, so the records serialise to JSON."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    return value.item() if isinstance(value, np.generic) else value
