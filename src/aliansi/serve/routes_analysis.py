"""Aggregates and reference data: dyads, alignment, the network, the timeline, actors, stats, health."""

from __future__ import annotations

import datetime
from pathlib import Path as FilePath
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from aliansi import __version__
from aliansi.align import dyad_series
from aliansi.align.blocs import load_blocs
from aliansi.serve import knowledge, queries
from aliansi.serve.analysis import alignment_view, display_name, plain_records, timeline
from aliansi.serve.deps import Cursor, Reader, State
from aliansi.serve.models import Actor, Alignment, DyadSeries, Health, Network, Page, Stats, TimelineRow, TopDyad
from aliansi.serve.network import network
from aliansi.serve.params import CODE_PATTERN, DATE_PATTERN, MAX_PAGE, since, until
from aliansi.store.schema import schema_version

router = APIRouter(prefix="/api")

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="A state or bloc code.")]
Freq = Annotated[Literal["month", "week"], Query(description="Calendar months or ISO weeks.")]
DateQuery = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY.")]
# Python names with a trailing _, so that the functions since() and until() stay usable in the routes.
SinceQuery = Annotated[DateQuery, Query(alias="since", description="First event day (YYYY-MM-DD, YYYY-MM or YYYY).")]
UntilQuery = Annotated[DateQuery, Query(alias="until", description="Last event day, included.")]


@router.get("/dyads", response_model=list[TopDyad], tags=["dyads"])
def top_dyads(con: Cursor, since_: SinceQuery = None, until_: UntilQuery = None,
              limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[dict]:
    """The pairs of actors with the most counted events (asserted, not negated, one per cluster),
    either direction, with their numbers by QuadClass and mean Goldstein value."""
    return queries.top_dyads(con, since=since(since_), until=until(until_), limit=limit)


@router.get("/dyads/{a}/{b}", response_model=DyadSeries, tags=["dyads"])
def dyad(a: CodePath, b: CodePath, store: Reader, freq: Freq = "month", since_: SinceQuery = None,
         until_: UntilQuery = None) -> dict:
    """Both directions between A and B over time: events by QuadClass, Goldstein sum and mean per
    period (`aliansi dyad`). Dates known only to the month or year are spread over their periods."""
    a, b = a.upper(), b.upper()
    series = dyad_series(store.events(actor=a, since=since(since_), until=until(until_)), a, b, freq=freq)
    return {"a": a, "b": b, "a_name": display_name(a), "b_name": display_name(b), "freq": freq,
            "series": plain_records(series)}


@router.get("/align/{state}", response_model=Alignment, tags=["alignment"])
def align(
    state: CodePath,
    store: Reader,
    con: Cursor,
    blocs: Annotated[str, Query(pattern=r"^[A-Za-z_]{2,20},[A-Za-z_]{2,20}$",
                                description="FIRST,SECOND: the score runs from -1 (SECOND) to +1 (FIRST).")] = "WEST,RUSSIA",
    freq: Freq = "month",
    bootstrap: Annotated[int, Query(ge=0, le=5000, description="Bootstrap replicates for the 95% interval.")] = 1000,
    since_: SinceQuery = None,
    until_: UntilQuery = None,
) -> dict:
    """The state's alignment index between two blocs per period (`aliansi align`), with its interval,
    the events that weigh most (with their sentences), and the bloc membership changes in the span."""
    state = state.upper()
    pair = blocs.upper().split(",")
    events = store.events(actor=state, since=since(since_), until=until(until_))
    return alignment_view(events, state, blocs=pair, freq=freq, bootstrap=bootstrap,
                          texts=lambda ids: queries.event_texts(con, ids))


@router.get("/network", response_model=Network, tags=["network"])
def actor_network(
    store: Reader,
    con: Cursor,
    since_: SinceQuery = None,
    until_: UntilQuery = None,
    max_nodes: Annotated[int, Query(ge=2, le=200, description="Keep the actors with the most events.")] = 60,
    min_events: Annotated[int, Query(ge=1, description="Leave out pairs with fewer events.")] = 1,
) -> dict:
    """Actors as nodes and their cooperation and conflict as edges for a period (counted events,
    one per cluster; by default the span of the articles' dates). Each node carries its alignment
    pole on the period's last day and a position."""
    first, last = con.execute("SELECT min(date), max(date) FROM articles").fetchall()[0]
    start = since(since_) if since_ else first
    end = until(until_) if until_ else last
    poles = list(load_blocs().values())
    graph = network(store.events(since=start, until=end), poles=poles, on=end or datetime.date.today(),
                    max_nodes=max_nodes, min_events=min_events)
    return {"since": start, "until": end, "poles": [{"code": p.code, "name": p.name} for p in poles], **graph}


@router.get("/timeline", response_model=list[TimelineRow], tags=["events"])
def events_timeline(store: Reader, freq: Freq = "month",
                    actor: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None) -> list[dict]:
    """Counted events per period and QuadClass (asserted, not negated, at their own dates)."""
    return timeline(store.events(actor=actor.upper() if actor else None), freq=freq)


@router.get("/actors", response_model=Page[Actor], tags=["actors"])
def actors(
    con: Cursor,
    q: Annotated[str | None, Query(max_length=100, description="Code, name or alias, in any language.")] = None,
    kind: Annotated[Literal["state", "bloc", "person"] | None, Query()] = None,
    stored: Annotated[bool, Query(description="Only actors with stored events.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict:
    """Knowledge-base search: states, blocs with their membership history, people with their dated
    roles, and how many stored events each has (people by their name)."""
    code_counts, name_counts = queries.actor_event_counts(con)
    found = knowledge.search(q, kind=kind, code_counts=code_counts, name_counts=name_counts, stored_only=stored)
    return {"total": len(found), "limit": limit, "offset": offset, "items": found[offset:offset + limit]}


@router.get("/stats", response_model=Stats, tags=["meta"])
def stats(con: Cursor) -> dict:
    """What the database holds: counts, date ranges, languages, outlets, QuadClasses and modalities."""
    return queries.stats(con)


@router.get("/health", response_model=Health, tags=["meta"])
def health(con: Cursor, state: State) -> dict:
    return {"status": "ok", "version": __version__, "schema_version": schema_version(con),
            "database": FilePath(str(state.path)).name, "articles": con.execute("SELECT count(*) FROM articles").fetchall()[0][0]}
