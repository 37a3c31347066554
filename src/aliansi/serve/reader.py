"""The article reader's text: the cleaned text cut into runs, each marked with the actor mention and
the events whose evidence cover it.

Mentions and evidence spans overlap freely (an evidence span usually contains two mentions, and two
events can share words), so the text is cut at every span boundary and each run lists everything
covering it. The page then styles runs by their marks and finds an event's words by its id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    actor: dict | None = None  # {"code", "name", "kind"} of the mention covering the run
    events: tuple[str, ...] = ()  # ids of the events whose evidence covers the run


def runs(text: str, actors: Iterable[dict], events: Iterable[dict]) -> list[Run]:
    """``actors``: the article's actors with their mentions; ``events``: its events with evidence offsets."""
    mentions = [(m["start"], m["end"], {"code": a["code"], "name": a["name"], "kind": a["kind"]})
                for a in actors for m in a["mentions"] if _valid(m["start"], m["end"], text)]
    evidence = [(e["evidence_start"], e["evidence_end"], e["event_id"])
                for e in events if _valid(e.get("evidence_start"), e.get("evidence_end"), text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in mentions + evidence), *(e for _, e, _ in mentions + evidence)})
    out = []
    for start, end in pairwise(cuts):
        actor = next((who for s, e, who in mentions if s <= start and end <= e), None)
        ids = tuple(dict.fromkeys(event for s, e, event in evidence if s <= start and end <= e))
        out.append(Run(text[start:end], start, actor, ids))
    return out


def _valid(start: int | None, end: int | None, text: str) -> bool:
    return start is not None and end is not None and 0 <= start < end <= len(text)
