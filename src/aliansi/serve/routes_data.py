"""GET /api/events, /api/events/{id}, /api/articles, /api/articles/{id}: the stored data, paginated."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from aliansi.serve import queries
from aliansi.serve.deps import Cursor
from aliansi.serve.models import ArticleDetail, ArticleSummary, Event, EventDetail, Page
from aliansi.serve.params import ArticleQuery, EventQuery

router = APIRouter(prefix="/api")

Id = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/events", response_model=Page[Event], tags=["events"])
def list_events(query: Annotated[EventQuery, Query()], con: Cursor) -> dict:
    """Stored events, one row per event cluster (its earliest report) unless `all_mentions` is set.
    Filters combine with AND; a date filter compares with the event's day."""
    total, rows = queries.events_page(con, query.filters(), sort=query.sort, limit=query.limit, offset=query.offset)
    return {"total": total, "limit": query.limit, "offset": query.offset, "items": rows}


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"],
            responses={404: {"description": "No event has this id."}})
def get_event(event_id: Id, con: Cursor) -> dict:
    """One event with its evidence, its article, every report of it (`mentions`) and the actor
    mentions inside its evidence words."""
    event = queries.event_by_id(con, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    event["article"] = queries.article_summary(con, event["article_id"])
    event["mentions"] = queries.cluster_mentions(con, event["cluster_id"])
    event["actor_mentions"] = queries.mentions_within(con, event["article_id"], event["evidence_start"], event["evidence_end"])
    return event


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(query: Annotated[ArticleQuery, Query()], con: Cursor) -> dict:
    """Stored articles with their metadata and number of coded events, newest first by default."""
    total, rows = queries.articles_page(con, query.filters(), sort=query.sort, limit=query.limit, offset=query.offset)
    return {"total": total, "limit": query.limit, "offset": query.offset, "items": rows}


@router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"],
            responses={404: {"description": "No article has this id."}})
def get_article(article_id: Id, con: Cursor) -> dict:
    """One article: its cleaned text, the pieces cleaning removed with their reasons, its actors
    with every mention's offsets, and its events with their evidence offsets."""
    article = queries.article_by_id(con, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return article
