"""`aliansi dyad` and `aliansi align`: thin commands over dyad_series() and alignment().

They read events through the Python API (``aliansi.open(db).events()``), so the CLI and notebooks
see the same data. pandas and the store are imported inside the commands, so that `aliansi --help`
stays fast. Library errors become one-line user errors here, at the edge.
"""

from __future__ import annotations

import datetime
import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from aliansi.console import print_error, stderr
from aliansi.errors import AliansiError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]



class Freq(str, Enum):
    month = "month"
    week = "week"


FreqOption = Annotated[Freq, typer.Option("--freq", help="Period length: calendar months or ISO weeks (Monday first).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
DbOption = Annotated[Path | None, typer.Option("--db", help="The database file; default: the store's default path.")]


def register(app: typer.Typer) -> None:
    """Add the `dyad` and `align` commands to ``app``."""
    app.command("dyad")(dyad_command)
    app.command("align")(align_command)


def dyad_command(
    a: Annotated[str, typer.Argument(help="First actor code (a state such as AZE, or a bloc such as NATO).")],
    b: Annotated[str, typer.Argument(help="Second actor code.")],
    freq: FreqOption = Freq.month,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Counts by QuadClass, Goldstein sum and mean, and event counts between A and B, each way, over time."""
    from aliansi.align.dyad import dyad_series

    a, b = a.upper(), b.upper()
    series = _guarded(lambda: dyad_series(_events(db), a, b, freq=freq.value))
    if as_json:
        _dump({"a": a, "b": b, "freq": freq.value, "series": _records(series)})
        return
    table = Table(title=f"aliansi dyad {a} {b} ({freq.value})")
    _columns(table, {"period": 10, "direction": len(a) + len(b) + 2}, ("events", "q1", "q2", "q3", "q4", "gold sum", "gold mean"))
    for row in _records(series):
        table.add_row(row["period"], row["direction"], *(_num(row[k]) for k in ("events", "quad1", "quad2", "quad3", "quad4")),
                      _num(row["goldstein_sum"]), _num(row["goldstein_mean"]))
    Console().print(table)
    if series.empty:
        stderr.print(f"no asserted, dated events between {a} and {b}")


def align_command(
    state: Annotated[str, typer.Argument(help="The state whose alignment is measured (ISO alpha-3, e.g. AZE).")],
    blocs: Annotated[str, typer.Option(
        "--blocs", help="Two blocs, FIRST,SECOND: the score runs from -1 (SECOND) to +1 (FIRST).")] = "WEST,RUSSIA",
    blocs_file: Annotated[Path | None, typer.Option("--blocs-file", dir_okay=False,
                                                    help="Your own bloc definitions (schema of kb/alignment_blocs.yaml).")] = None,
    freq: FreqOption = Freq.month,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Alignment score in [-1, 1] between two blocs per period, with a bootstrap interval and the events that weigh most."""
    from aliansi.align.index import alignment

    state = state.upper()
    pair = [code.strip().upper() for code in blocs.split(",") if code.strip()]
    frame = _guarded(lambda: alignment(_events(db), state, blocs=pair, freq=freq.value, definitions=blocs_file))
    periods = _records(frame)
    if as_json:
        _dump({"state": state, "blocs": frame.attrs.get("blocs", pair), "freq": freq.value, "periods": periods})
        return
    _print_alignment(state, frame.attrs.get("blocs", pair), periods)


# --------------------------------------------------------------------------- helpers


def _events(db: Path | None) -> pd.DataFrame:
    """Every stored event, as a pandas DataFrame, from the store's Python API."""
    import aliansi

    store = aliansi.open(db)
    try:
        events = store.events()
    finally:
        close = getattr(store, "close", None)  # release the DuckDB file for other processes
        if close is not None:
            close()
    return events.to_pandas() if hasattr(events, "to_pandas") else events


def _guarded(compute):
    try:
        return compute()
    except AliansiError as exc:
        print_error(exc)
        raise typer.Exit(2) from None


def _print_alignment(state: str, codes: list[str], periods: list[dict]) -> None:
    first, second = codes
    scores = Table(title=f"aliansi align {state}: +1 = {first}, -1 = {second}")
    _columns(scores, {"period": 10, "score": 5, "95% interval": 14}, ("events", f"net {first}", f"net {second}"))
    # The evidence gets its own table, so that its text has the terminal's width to wrap in.
    evidence = Table(title="the event that weighs most in each period")
    _columns(evidence, {"period": 10, "contribution": 12}, ())
    evidence.add_column("evidence")
    evidence.add_column("article")
    for row in periods:
        scores.add_row(row["period"], f"{row['score']:+.2f}", f"[{_num(row['ci_low'], 2)}, {_num(row['ci_high'], 2)}]",
                       str(row["events"]), _num(row["net_first"], 2), _num(row["net_second"], 2))
        for top in row["top_events"][:1]:
            evidence.add_row(row["period"], f"{top['contribution']:+.3f}", top["evidence_text"] or "", str(top["article_id"]))
    console = Console()
    console.print(scores)
    if not periods:
        stderr.print(f"no asserted, dated events between {state} and members of {first} or {second}")
        return
    console.print(evidence)


def _columns(table: Table, fixed: dict[str, int], numbers: tuple[str, ...]) -> None:
    # Periods, directions and intervals must stay whole on a narrow terminal: the evidence wraps instead.
    for name, width in fixed.items():
        table.add_column(name, no_wrap=True, min_width=width)
    for name in numbers:
        table.add_column(name, justify="right", no_wrap=True)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: _jsonable(value) for key, value in row.items()} for row in frame.to_dict(orient="records")]


def _jsonable(value: Any) -> Any:
    """Timestamps as ISO dates, NaN/NaT/NA as null, numpy scalars as Python values; lists and dicts walked."""
    import numpy as np
    import pandas as pd

    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _num(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.{digits}f}"
    return str(int(value)) if isinstance(value, float) else str(value)


def _dump(payload: dict) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
