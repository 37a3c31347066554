"""Country + root F1 on the PETRARCH2 validation sentences (shared/eval/petr_validation).

`sentences.jsonl` holds one sentence a line: `id`, `text`, `category` (AFP, GOLD, OTHER, PASSIVE,
TEST, VERB), `gold` and `petrarch3`, each a list of `{"source", "target", "code"}` with CAMEO actor
codes (`USAGOV`, `IGOEUREEC`, `---REB`) and CAMEO event codes. Scoring (shared/eval/README.md):

- an actor counts by its first three letters (`USAGOV` is USA); an IGO by the bloc it names
  (`IGO_BLOCS`: IGOEUREEC... is EU, IGOUNO... is UN);
- a triple is dropped, on both sides, when an actor is unknown (`---`), a non-state actor
  (`NON_STATE_CODES`) or an IGO without a bloc code; also when source and target are the same state,
  which is an internal event (shared/gold/GUIDE.md), not a relation between two actors;
- (source, target, root) triples match as multisets per sentence.

With these rules the `petrarch3` field scores P 0.898, R 0.883, F1 0.891, as the README states.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from aliansi.errors import InputError
from aliansi.evaluate.report import calibration_rich, calibration_table
from aliansi.evaluate.sentences import (
    BLOC_CODES,
    NON_STATE_CODES,
    Event,
    actor_code,
    code_sentences,
    event_root,
    ratio,
    scored_events,
)

# CAMEO IGO code prefixes -> aliansi bloc codes; the longest matching prefix wins. The CAMEO
# codes pair a region with an organisation (IGO + WST + NAT is NATO). Only IGOEUREEC and IGOUNO...
# occur in the data; the rest keep an aliansi event on NATO, the OSCE ... from being dropped as an
# "other IGO" when a sentence's gold names that bloc. CSTO, EAEU, SCO, OTS and BRICS have no CAMEO code.
IGO_BLOCS = {
    "IGOEUREEC": "EU",
    "IGOUNO": "UN",  # with its agencies (IGOUNOREFHCR ...), as the README says
    "IGOWSTNAT": "NATO",
    "IGOEURSCE": "OSCE",
    "IGOCASCIS": "CIS",
    "IGOSEAASN": "ASEAN",
    "IGOAFRAFU": "AU",
    "IGOPGSGCC": "GCC",
}
SCORED_BLOCS = frozenset(IGO_BLOCS.values())
SYSTEMS = ("aliansi", "petrarch3")
MISSES_SHOWN = 30

Triple = tuple[str, str, str]
_THREE_LETTERS = re.compile(r"[A-Z]{3}")


def country(code: str | None) -> str | None:
    """The scored key of a CAMEO or aliansi actor code: a 3-letter state, a bloc code, or None (dropped)."""
    if not code:
        return None
    if code in BLOC_CODES:  # aliansi's own codes, before the 3-letter rule reads "NATO" as "NAT"
        return code if code in SCORED_BLOCS else None
    if code.startswith("IGO"):
        matches = [prefix for prefix in IGO_BLOCS if code.startswith(prefix)]
        return IGO_BLOCS[max(matches, key=len)] if matches else None
    head = code[:3]
    return head if _THREE_LETTERS.fullmatch(head) and head not in NON_STATE_CODES else None


def _triple(source: str | None, target: str | None, cameo: str) -> Triple | None:
    source, target, root = country(source), country(target), str(cameo)[:2]
    if source is None or target is None or source == target or len(root) < 2:
        return None
    return source, target, root


def cameo_triples(codings: Iterable[Mapping[str, str]]) -> Counter[Triple]:
    """The scored triples of `gold` or `petrarch3` codings (`{"source", "target", "code"}`)."""
    triples = (_triple(c.get("source"), c.get("target"), c.get("code", "")) for c in codings)
    return Counter(t for t in triples if t)


def aliansi_triples(events: Iterable[Event]) -> Counter[Triple]:
    """The scored triples of aliansi events (non-negated ones only)."""
    triples = (_triple(actor_code(e, "source"), actor_code(e, "target"), event_root(e)) for e in scored_events(events))
    return Counter(t for t in triples if t)


def f1_figures(pairs: Iterable[tuple[Counter[Triple], Counter[Triple]]]) -> dict:
    """Precision, recall and F1 over (gold, predicted) multisets, one pair per sentence."""
    matched = emitted = expected = 0
    for gold, predicted in pairs:
        matched += sum((gold & predicted).values())
        emitted += sum(predicted.values())
        expected += sum(gold.values())
    p, r = ratio(matched, emitted), ratio(matched, expected)
    f1 = round(2 * matched / (emitted + expected), 4) if emitted + expected else 0.0
    return {"precision": p, "recall": r, "f1": f1, "matched": matched, "emitted": emitted, "expected": expected}


def load_sentences(path: Path) -> list[dict]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read the validation sentences: {exc}") from exc


def petrarch_report(sentences: Sequence[Mapping], events_by_id: Mapping[str, Sequence[Event]]) -> dict:
    """Country + root P/R/F1 of aliansi's events (id -> events) and of the `petrarch3` field."""
    rows = []
    for s in sentences:
        gold = cameo_triples(s["gold"])
        rows.append((s, gold, {"aliansi": aliansi_triples(events_by_id.get(s["id"], ())),
                               "petrarch3": cameo_triples(s.get("petrarch3", ()))}))

    def figures(selected: list) -> dict:
        return {system: f1_figures((gold, found[system]) for _, gold, found in selected) for system in SYSTEMS}

    by_category: dict[str, list] = {}
    for row in rows:
        by_category.setdefault(row[0].get("category", ""), []).append(row)
    misses = [
        {"id": s["id"], "category": s.get("category"), "text": s["text"],
         "gold": _listed(gold), "emitted": _listed(found["aliansi"])}
        for s, gold, found in rows if gold != found["aliansi"]
    ]
    return {
        "sentences": len(rows),
        "overall": figures(rows),
        "calibration": calibration_table(_judged(sentences, events_by_id)),
        "per_category": {c: {"sentences": len(sel), **figures(sel)} for c, sel in sorted(by_category.items())},
        "misses": misses[:MISSES_SHOWN],
    }


def _judged(sentences: Sequence[Mapping], events_by_id: Mapping[str, Sequence[Event]]):
    """(confidence, correct) of each scored aliansi event: correct while its triple is still unmatched in gold."""
    for s in sentences:
        remaining = cameo_triples(s["gold"])
        for event in events_by_id.get(s["id"], ()):
            triple = next(iter(aliansi_triples([event])), None)
            if triple is None:
                continue
            correct = remaining[triple] > 0
            remaining[triple] -= correct
            yield event.get("confidence", 0.5), correct


def _listed(triples: Counter[Triple]) -> list[str]:
    return sorted(f"{s}>{t} {root}" for (s, t, root), n in triples.items() for _ in range(n))


def evaluate_petrarch(path: Path, *, pipeline=None, workers: int = 1) -> dict:
    """Code every validation sentence through the Pipeline and score it beside PETRARCH3."""
    sentences = load_sentences(path)
    events = code_sentences({s["id"]: s["text"] for s in sentences}, pipeline=pipeline, workers=workers)
    return petrarch_report(sentences, events)


def print_petrarch_report(report: dict, *, console: Console | None = None) -> None:
    """P / R / F1 per category for aliansi and PETRARCH3, as a rich table."""
    table = Table("category", "sentences", *(f"{s} P / R / F1" for s in SYSTEMS),
                  title="PETRARCH2 validation sentences: country + root")

    def cells(row: dict) -> list[str]:
        return [" / ".join(f"{row[s][m]:.3f}" for m in ("precision", "recall", "f1")) for s in SYSTEMS]

    for name, row in report["per_category"].items():
        table.add_row(name, str(row["sentences"]), *cells(row))
    table.add_section()
    table.add_row("overall", str(report["sentences"]), *cells(report["overall"]), style="bold")
    console = console or Console()
    console.print(table)
    console.print(calibration_rich(report["calibration"]))
