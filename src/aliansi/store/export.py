"""Exports of stored events: parquet, csv, jsonl, GDELT 2.0 event table, PLOVER/POLECAT-style JSON.

parquet, csv, jsonl
    The columns of aliansi.store.EVENT_COLUMNS, one row per event cluster (or per mention with
    deduplicated=False). Dates are ISO dates; parquet keeps DATE, BOOLEAN and integer types.

gdelt
    The GDELT 2.0 event table layout: 61 tab-separated columns in GDELT's order, no header, one row
    per event cluster. Only asserted, non-negated events with a known day are written, because a
    GDELT row states that something happened on a day and GDELT tooling has no column to say
    otherwise. Actor codes are CAMEO-style: the state's ISO3 code followed by its agent (RUSGOV,
    AZEMIL); a bloc keeps its aliansi code (NATO, EU, CSTO ...) as the actor code and as
    KnownGroupCode, with Type1Code IGO and its agent, if any, as Type2Code. GDELT itself writes
    CAMEO's own IGO codes for such groups, so map these codes if your tooling expects CAMEO's.
    NumMentions, NumSources and NumArticles are the cluster's counts; GLOBALEVENTID is the first 60
    bits of the cluster's event id, as an integer; DATEADDED is the ingest time (UTC); SOURCEURL the
    article's URL, else its file. AvgTone and the geography columns are empty: aliansi measures no
    tone and geocodes nothing yet.

plover
    One JSON object per line in the style of POLECAT records: event_type and mode (PLOVER), context,
    actor (the source) and recipient (the target) with their code, country, agent, name and text, the
    event date and its precision, the story it comes from, and what POLECAT leaves out: the evidence
    (sentence, offsets and words), modality, negated, attribution, the CAMEO code and the cluster
    counts. Every modality is written, so filter on `modality` and `negated` for asserted events.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from aliansi.store import EVENT_COLUMNS, EVENT_FILTER, EVENT_ORDER, EVENTS_QUERY, EventFilter
from aliansi.store.options import ExportFormat
from aliansi.store.schema import StoreError


GDELT_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
    "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)
GDELT_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in GDELT_ACTOR_FIELDS),
    *(f"Actor2{f}" for f in GDELT_ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GDELT_GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in GDELT_GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GDELT_GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

# Rows with everything the gdelt and plover writers need beyond the contract columns.
EXPORT_COLUMNS = (*EVENT_COLUMNS, "event_day", "in_lead", "attribution_name", "attribution_text", "source_file", "ingested_at")
EXPORT_QUERY = f"SELECT {', '.join(EXPORT_COLUMNS)} FROM event_rows {EVENT_FILTER} {{extra}} {EVENT_ORDER}"
GDELT_QUERY = EXPORT_QUERY.format(extra="AND modality = 'asserted' AND NOT negated AND event_day IS NOT NULL")
PLOVER_QUERY = EXPORT_QUERY.format(extra="")

# Rows fetched from DuckDB at a time by the line-oriented writers, so memory stays flat on big exports.
FETCH_ROWS = 10_000


def export(con: duckdb.DuckDBPyConnection, fmt: str | ExportFormat, out: Path, selection: EventFilter) -> int:
    """Write the selected events to `out` in `fmt`; returns the number of rows written."""
    fmt = _format(fmt)
    if fmt is ExportFormat.gdelt and not selection.deduplicated:
        raise StoreError("gdelt rows are events, not mentions: export gdelt without --all-mentions")
    out.parent.mkdir(parents=True, exist_ok=True)
    return WRITERS[fmt](con, out, selection)


def _format(fmt: str | ExportFormat) -> ExportFormat:
    try:
        return ExportFormat(fmt)
    except ValueError:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(f.value for f in ExportFormat)}") from None


def _write_parquet(con: duckdb.DuckDBPyConnection, out: Path, selection: EventFilter) -> int:
    table = con.sql(EVENTS_QUERY, params=selection.params()).to_arrow_table()
    pq.write_table(table, out)
    return table.num_rows


def _write_csv(con: duckdb.DuckDBPyConnection, out: Path, selection: EventFilter) -> int:
    table = con.sql(EVENTS_QUERY, params=selection.params()).to_arrow_table()
    pa_csv.write_csv(table, out)
    return table.num_rows


def _write_jsonl(con: duckdb.DuckDBPyConnection, out: Path, selection: EventFilter) -> int:
    return _write_lines(con, EVENTS_QUERY, out, selection, lambda row: json.dumps(row, ensure_ascii=False, default=_iso))


def _write_gdelt(con: duckdb.DuckDBPyConnection, out: Path, selection: EventFilter) -> int:
    return _write_lines(con, GDELT_QUERY, out, selection, lambda row: "\t".join(gdelt_fields(row)))


def _write_plover(con: duckdb.DuckDBPyConnection, out: Path, selection: EventFilter) -> int:
    return _write_lines(con, PLOVER_QUERY, out, selection, lambda row: json.dumps(plover_record(row), ensure_ascii=False))


def _write_lines(con: duckdb.DuckDBPyConnection, query: str, out: Path, selection: EventFilter,
                 line_of: Callable[[dict[str, Any]], str]) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for row in _rows(con, query, selection):
            handle.write(line_of(row) + "\n")
            count += 1
    return count


def _rows(con: duckdb.DuckDBPyConnection, query: str, selection: EventFilter) -> Iterator[dict[str, Any]]:
    result = con.execute(query, selection.params())
    names = [column[0] for column in result.description]
    while chunk := result.fetchmany(FETCH_ROWS):
        for values in chunk:
            yield dict(zip(names, values))


def _iso(value: object) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# --------------------------------------------------------------------------------- gdelt


def gdelt_fields(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 event fields of one stored event row (see the module docstring)."""
    day: datetime.date = row["event_day"]
    fields = [
        str(int(row["cluster_id"][:15], 16)),
        day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), _fraction_date(day),
        *_gdelt_actor(row["source_code"], row["source_agent"], row["source_name"]),
        *_gdelt_actor(row["target_code"], row["target_agent"], row["target_name"]),
        "1" if row["in_lead"] else "0",
        row["cameo"], row["cameo"][:3], row["root"], _text(row["quad_class"]), _text(row["goldstein"]),
        str(row["num_mentions"]), str(row["num_sources"]), str(row["num_articles"]),
        "",  # AvgTone: not measured
        *[""] * (3 * len(GDELT_GEO_FIELDS)),  # Actor1Geo, Actor2Geo, ActionGeo: not geocoded
        row["ingested_at"].strftime("%Y%m%d%H%M%S"),
        _clean(row["source_url"] or row["source_file"] or ""),
    ]
    return fields


def _fraction_date(day: datetime.date) -> str:
    # GDELT's own formula: YYYY + (MONTH * 30 + DAY) / 365, four decimals.
    return f"{day.year + (day.month * 30 + day.day) / 365:.4f}"


def _gdelt_actor(code: str | None, agent: str | None, name: str | None) -> list[str]:
    if not code:
        return [""] * len(GDELT_ACTOR_FIELDS)
    states, blocs = _known_codes()
    types = (["IGO"] if code in blocs else []) + ([agent] if agent else [])
    types = (types + ["", "", ""])[:3]
    return [
        code + (agent or ""), _clean((name or code).upper()), code if code in states else "",
        code if code in blocs else "", "", "", "", *types,
    ]


@functools.cache
def _known_codes() -> tuple[frozenset[str], frozenset[str]]:
    from aliansi import kb

    return frozenset(kb.states()), frozenset(kb.blocs())


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _clean(value: str) -> str:
    # A tab or newline inside a field would shift every later column of a tab-separated row.
    return " ".join(value.split())


# --------------------------------------------------------------------------------- plover


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """A POLECAT-style record of one stored event row, with the evidence POLECAT omits."""
    states, _blocs = _known_codes()
    return {
        "id": row["event_id"],
        "cluster_id": row["cluster_id"],
        "event_type": row["plover_type"],
        "mode": row["plover_mode"],
        "context": [],  # PLOVER contexts are not coded yet
        "actor": _plover_actor(row, "source", states),
        "recipient": _plover_actor(row, "target", states),
        "date": _iso_or_none(row["date"]),
        "date_precision": row["date_precision"],
        "event_day": _iso_or_none(row["event_day"]),
        "modality": row["modality"],
        "negated": row["negated"],
        "attribution": _attribution(row),
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "confidence": row["confidence"],
        "evidence": {
            "sentence": row["evidence_sentence"], "start": row["evidence_start"],
            "end": row["evidence_end"], "text": row["evidence_text"],
        },
        "story": {
            "id": row["article_id"], "date": _iso_or_none(row["article_date"]),
            "url": row["source_url"], "language": row["language"],
        },
        "num_mentions": row["num_mentions"],
        "num_articles": row["num_articles"],
        "num_sources": row["num_sources"],
    }


def _plover_actor(row: dict[str, Any], role: str, states: frozenset[str]) -> dict[str, Any]:
    code = row[f"{role}_code"]
    return {
        "code": code, "country": code if code in states else None, "agent": row[f"{role}_agent"],
        "name": row[f"{role}_name"], "text": row[f"{role}_text"],
    }


def _attribution(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["attribution_code"] is None and row["attribution_text"] is None:
        return None
    return {"code": row["attribution_code"], "name": row["attribution_name"], "text": row["attribution_text"]}


def _iso_or_none(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


WRITERS: dict[ExportFormat, Callable[[duckdb.DuckDBPyConnection, Path, EventFilter], int]] = {
    ExportFormat.parquet: _write_parquet,
    ExportFormat.csv: _write_csv,
    ExportFormat.jsonl: _write_jsonl,
    ExportFormat.gdelt: _write_gdelt,
    ExportFormat.plover: _write_plover,
}
