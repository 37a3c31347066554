"""Scoring on the PLOVER gold standard records (shared/eval/plover_gsr, see shared/eval/README.md).

The file is one JSON array. Its first record is a DOCUMENT record (file documentation); the other
322 are English test sentences from the CAMEO manual: `id`, `event` (a PLOVER 0.5b1 label such as
AGREE or PROTEST), `text`, and `source`/`target` as lists of `{"actorText", "code", "sector"?}`
(either may be missing, null or ""). One id, PLOVER-GSR01-COERCE-0004, is used by two different
records; the second is keyed `PLOVER-GSR01-COERCE-0004#2`.

Scores, counting only non-negated events:
- type recall: records where some event has a root allowed for the record's label;
- type precision: the share of all events whose root is allowed for their record's label;
- source / target accuracy: among records whose gold source (target) has a country code, the share
  where an allowed event names one of those countries as its source (target).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from aliansi.errors import InputError
from aliansi.evaluate.sentences import (
    NON_STATE_CODES,
    Event,
    actor_code,
    code_sentences,
    describe,
    event_root,
    ratio,
    scored_events,
)

# PLOVER label -> the CAMEO roots an event may have to count for it (shared/eval/README.md).
LABEL_ROOTS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"03", "05"}),
    "CONSULT": frozenset({"04"}),
    "SUPPORT": frozenset({"05"}),
    "COOPERATE": frozenset({"06"}),
    "AID": frozenset({"07"}),
    "CONCEDE": frozenset({"08"}),
    "RETREAT": frozenset({"08"}),
    "INVESTIGATE": frozenset({"09"}),
    "DEMAND": frozenset({"02", "10"}),
    "DISAPPROVE": frozenset({"11"}),
    "REJECT": frozenset({"12"}),
    "THREATEN": frozenset({"13"}),
    "PROTEST": frozenset({"14"}),
    "MOBILIZE": frozenset({"15"}),
    "SANCTION": frozenset({"16"}),
    "COERCE": frozenset({"17"}),
    "ASSAULT": frozenset({"18", "20"}),
    "FIGHT": frozenset({"19"}),
}

# The records use a few pre-ISO country codes; aliansi emits ISO 3166-1 alpha-3.
COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

MISSES_SHOWN = 30
_THREE_LETTERS = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class PloverRecord:
    key: str  # unique per record: the id, with "#2" on the second use of a repeated id
    id: str
    label: str
    text: str
    sources: frozenset[str]  # the gold source's country codes (ISO3), possibly empty
    targets: frozenset[str]


def load_records(path: Path) -> list[PloverRecord]:
    """The test sentences of a PLOVER GSR file; DOCUMENT records and records without text are skipped."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read the PLOVER records: {exc}") from exc
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON array of PLOVER records")
    seen: Counter[str] = Counter()
    records = []
    for item in data:
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        label = item.get("event")
        if label not in LABEL_ROOTS:
            raise InputError(str(path), f"record {item.get('id')}: label {label!r} has no roots in LABEL_ROOTS")
        seen[item["id"]] += 1
        key = item["id"] if seen[item["id"]] == 1 else f"{item['id']}#{seen[item['id']]}"
        records.append(PloverRecord(key, item["id"], label, item["text"],
                                    _countries(item.get("source")), _countries(item.get("target"))))
    return records


def _countries(actors) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    codes = (COUNTRY_ALIASES.get(a.get("code"), a.get("code")) for a in actors if isinstance(a, dict))
    return frozenset(c for c in codes if c and _THREE_LETTERS.fullmatch(c) and c not in NON_STATE_CODES)


def plover_report(records: Sequence[PloverRecord], events_by_key: Mapping[str, Sequence[Event]]) -> dict:
    """Score events (record key -> the events coded from its sentence) against the records."""
    recalled = allowed_total = events_total = 0
    with_source = source_hits = with_target = target_hits = 0
    per_label: dict[str, Counter] = {}
    misses = []
    for record in records:
        events = scored_events(events_by_key.get(record.key, ()))
        allowed = [e for e in events if event_root(e) in LABEL_ROOTS[record.label]]
        label = per_label.setdefault(record.label, Counter())
        label.update(records=1, recalled=bool(allowed), events=len(events), allowed=len(allowed))
        recalled += bool(allowed)
        events_total += len(events)
        allowed_total += len(allowed)
        if record.sources:
            with_source += 1
            source_hits += any(actor_code(e, "source") in record.sources for e in allowed)
        if record.targets:
            with_target += 1
            target_hits += any(actor_code(e, "target") in record.targets for e in allowed)
        if not allowed and len(misses) < MISSES_SHOWN:
            misses.append({"id": record.key, "label": record.label, "text": record.text,
                           "emitted": [describe(e) for e in events_by_key.get(record.key, ())]})
    return {
        "records": len(records),
        "events": events_total,
        "type_recall": ratio(recalled, len(records)),
        "type_precision": ratio(allowed_total, events_total),
        "source_accuracy": ratio(source_hits, with_source),
        "target_accuracy": ratio(target_hits, with_target),
        "records_with_country_source": with_source,
        "records_with_country_target": with_target,
        "per_label": {
            name: {"records": c["records"], "recall": ratio(c["recalled"], c["records"]),
                   "events": c["events"], "precision": ratio(c["allowed"], c["events"])}
            for name, c in sorted(per_label.items())
        },
        "misses": misses,
    }


def evaluate_plover_gsr(path: Path, *, pipeline=None, workers: int = 1) -> dict:
    """Code every test sentence of the file through the Pipeline and score the events."""
    records = load_records(path)
    events = code_sentences({r.key: r.text for r in records}, pipeline=pipeline, workers=workers)
    return plover_report(records, events)


def print_plover_report(report: dict, *, console: Console | None = None) -> None:
    """Per-label recall and precision, then the overall figures, as a rich table."""
    table = Table("label", "records", "recall", "events", "precision", title="PLOVER gold standard records")
    for name, row in report["per_label"].items():
        table.add_row(name, str(row["records"]), f"{row['recall']:.3f}", str(row["events"]), f"{row['precision']:.3f}")
    table.add_section()
    table.add_row("overall", str(report["records"]), f"{report['type_recall']:.3f}", str(report["events"]),
                  f"{report['type_precision']:.3f}", style="bold")
    console = console or Console()
    console.print(table)
    console.print(
        f"source accuracy {report['source_accuracy']:.3f} (of {report['records_with_country_source']} records), "
        f"target accuracy {report['target_accuracy']:.3f} (of {report['records_with_country_target']} records)"
    )
