"""Pieces shared by the English sentence harnesses (`plover_gsr`, `petrarch`).

Both harnesses code one sentence per article through the Pipeline and score its events. Their
scoring functions take a mapping id -> events, so they can be tested without running the coder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aliansi.models import RawArticle

Event = Mapping[str, Any]

# Three-letter CAMEO primary codes that name no state: intergovernmental, non-governmental,
# international militarized group, "Islamic militant" (used by the PLOVER records), multinational
# corporation, unidentified state actor. Anything else of three letters is read as a state.
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UIS"})

# aliansi's bloc and IGO codes (DESIGN.md, "Codes"). Some have three letters, like ISO3 codes.
BLOC_CODES = frozenset(
    {"NATO", "CSTO", "EU", "EAEU", "CIS", "SCO", "UN", "OSCE", "OTS", "BRICS", "GCC", "ASEAN", "AU"}
)


def code_sentences(sentences: Mapping[str, str], *, pipeline=None, workers: int = 1) -> dict[str, list[dict]]:
    """Run each English sentence through the Pipeline as its own article; return id -> events."""
    if pipeline is None:
        # Imported here, not at the top, so that scoring never depends on the coder's stages importing.
        from aliansi.pipeline import Pipeline

        pipeline = Pipeline()
    raws = [RawArticle(id=key, source_file="<eval>", text=text, language="en") for key, text in sentences.items()]
    return {article.id: list(article.events) for article in pipeline.run(raws, workers=workers)}


# Both sets code what happened or what an actor plans or announces (PETRARCH codes "prepared to
# attend" as a visit), but not what a speaker only alleges or what might happen: their gold for
# "X claimed that Y attacked Z" has no attack. So asserted and planned events are scored, claimed and
# hypothetical ones are not, and negated ones never.
SCORED_MODALITIES = frozenset({"asserted", "planned"})


def scored_events(events: Iterable[Event]) -> list[Event]:
    """The events both harnesses score: non-negated, asserted or planned."""
    return [
        event for event in events
        if not event.get("negated") and event.get("modality", "asserted") in SCORED_MODALITIES
    ]


def event_root(event: Event) -> str:
    """The 2-digit CAMEO root, read from `root` or else from the first two digits of `cameo`."""
    return str(event.get("root") or event.get("cameo") or "")[:2]


def actor_code(event: Event, role: str) -> str | None:
    """The primary code of the event's `source` or `target`, or None."""
    actor = event.get(role)
    return actor.get("code") if isinstance(actor, Mapping) else None


def describe(event: Event) -> str:
    """A short human-readable form such as `USA>RUS 042` (with `not` for negated events)."""
    text = f"{actor_code(event, 'source') or '?'}>{actor_code(event, 'target') or '?'} {event.get('cameo') or event_root(event)}"
    return f"not {text}" if event.get("negated") else text


def ratio(part: int, whole: int) -> float:
    """part / whole rounded to 4 places; 0.0 when there is nothing to divide (nothing emitted is not precise)."""
    return round(part / whole, 4) if whole else 0.0
