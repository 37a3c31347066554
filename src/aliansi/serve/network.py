"""The actor network of a period: who cooperated with or fought whom, with blocs visible.

Nodes are the actors of counted events (asserted, not negated, one per cluster); an edge joins two
actors with the numbers of cooperative (QuadClass 1-2) and conflictual (3-4) events between them.
Each node carries the alignment pole it counted for on the period's last day (from the dated
membership rows), and the layout puts each pole's members around their own anchor, so the blocs
read as groups and the edges between them stand out.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aliansi import kb
from aliansi.align.blocs import AlignmentBloc, membership_table
from aliansi.align.periods import counted
from aliansi.serve.analysis import display_name

# Layout: iterations of the force simulation, and how strongly a node is pulled to its pole's anchor
# relative to the springs of its edges. Enough pull keeps blocs apart; too much hides the edges' pull.
ITERATIONS = 300
ANCHOR_PULL = 0.6
_EPOCH = datetime.date(1970, 1, 1)


def network(events: pd.DataFrame, *, poles: Sequence[AlignmentBloc], on: datetime.date | None,
            max_nodes: int, min_events: int) -> dict[str, list[dict[str, Any]]]:
    rows = counted(events)
    rows = rows[rows["source_code"].notna() & rows["target_code"].notna() & rows["source_code"].ne(rows["target_code"])]
    if rows.empty:
        return {"nodes": [], "edges": []}
    pairs = np.sort(rows[["source_code", "target_code"]].to_numpy(str), axis=1)
    quad = pd.to_numeric(rows["quad_class"], errors="coerce").to_numpy()
    frame = pd.DataFrame({
        "a": pairs[:, 0], "b": pairs[:, 1], "events": 1,
        "cooperation": (quad <= 2).astype(int), "conflict": (quad >= 3).astype(int),
        "goldstein": pd.to_numeric(rows["goldstein"], errors="coerce").to_numpy(),
    })
    edges = frame.groupby(["a", "b"], sort=True).agg(
        events=("events", "sum"), cooperation=("cooperation", "sum"), conflict=("conflict", "sum"),
        goldstein_mean=("goldstein", "mean"),
    ).reset_index()
    edges = edges[edges["events"] >= min_events]
    degree = pd.concat([edges[["a", "events"]].rename(columns={"a": "id"}), edges[["b", "events"]].rename(columns={"b": "id"})])
    weight = degree.groupby("id")["events"].sum().sort_values(ascending=False, kind="stable")
    keep = list(weight.index[:max_nodes])
    edges = edges[edges["a"].isin(keep) & edges["b"].isin(keep)].reset_index(drop=True)
    pole_of = _poles_on(keep, poles, on)
    xy = layout(keep, list(zip(edges["a"], edges["b"], edges["events"], strict=True)),
                [pole_of.get(code) for code in keep], [pole.code for pole in poles])
    nodes = [
        {"id": code, "name": display_name(code) or code, "kind": _kind(code), "pole": pole_of.get(code),
         "events": int(weight[code]), "x": float(x), "y": float(y)}
        for code, (x, y) in zip(keep, xy, strict=True)
    ]
    edge_rows = [
        {"a": a, "b": b, "events": int(n), "cooperation": int(co), "conflict": int(cf),
         "goldstein_mean": None if math.isnan(g) else float(g)}
        for a, b, n, co, cf, g in edges[["a", "b", "events", "cooperation", "conflict", "goldstein_mean"]].itertuples(index=False)
    ]
    return {"nodes": nodes, "edges": edge_rows}


def layout(codes: list[str], edges: list[tuple[str, str, int]], poles: list[str | None], pole_order: list[str]
           ) -> np.ndarray:
    """Positions in [-1, 1]² (each axis scaled on its own): a force-directed layout (repulsion between all nodes, springs along
    edges weighted by log events) with each node pulled toward its pole's anchor. Deterministic:
    the start positions come from the node order, not from a random generator."""
    n = len(codes)
    if n == 0:
        return np.zeros((0, 2))
    anchors = _anchors(poles, pole_order)
    golden = np.arange(n) * 2.399963  # the golden angle spreads start points evenly around each anchor
    pos = anchors + 0.25 * np.sqrt((np.arange(n) + 1) / n)[:, None] * np.stack([np.cos(golden), np.sin(golden)], axis=1)
    index = {code: i for i, code in enumerate(codes)}
    ends = np.array([(index[a], index[b]) for a, b, _ in edges], dtype=int).reshape(-1, 2)
    strength = np.log1p(np.array([w for *_, w in edges], dtype=float))
    k = 1.6 / math.sqrt(n)  # the ideal edge length shrinks as the plane fills
    for step in range(ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (delta / distance[..., None] * (k * k / distance)[..., None]).sum(axis=1)
        if len(ends):
            pull = pos[ends[:, 1]] - pos[ends[:, 0]]
            length = np.maximum(np.linalg.norm(pull, axis=1), 1e-3)
            spring = pull / length[:, None] * (length * length / k * strength)[:, None]
            np.add.at(force, ends[:, 0], spring)
            np.add.at(force, ends[:, 1], -spring)
        force += ANCHOR_PULL * (anchors - pos) / k
        temperature = 0.1 * (1 - step / ITERATIONS) + 0.002
        size = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        pos += force / size[:, None] * np.minimum(size, temperature)[:, None]
    # Each axis on its own to [-1, 1]: the page stretches the plane to its width, so filling both
    # axes uses the screen instead of leaving a square in the middle of a wide chart.
    pos -= (pos.max(axis=0) + pos.min(axis=0)) / 2
    scale = np.abs(pos).max(axis=0)
    return pos / np.where(scale > 0, scale, 1)


def _anchors(poles: list[str | None], pole_order: list[str]) -> np.ndarray:
    """The first pole on the left, the others spread around a circle, actors in no pole in the middle."""
    count = max(len(pole_order), 1)
    points = {code: (math.cos(math.pi + 2 * math.pi * i / count), math.sin(math.pi + 2 * math.pi * i / count))
              for i, code in enumerate(pole_order)}
    return np.array([points.get(pole, (0.0, 0.0)) if pole else (0.0, 0.0) for pole in poles], dtype=float)


def _poles_on(codes: list[str], poles: Sequence[AlignmentBloc], on: datetime.date | None) -> dict[str, str]:
    """The first pole each code counted for on ``on`` (the day of its membership rows)."""
    if on is None or not poles:
        return {}
    day = (on - _EPOCH).days
    members = membership_table(poles)
    members = members[(members["start"] <= day) & (day < members["end"]) & members["code"].isin(codes)]
    found: dict[str, str] = {}
    for position, code in members.sort_values("pole", kind="stable")[["pole", "code"]].itertuples(index=False):
        found.setdefault(code, poles[position].code)
    return found


def _kind(code: str) -> str:
    if code in kb.blocs():
        return "bloc"
    return "state" if code in kb.states() else "other"
