"""The REST API's request and response bodies (pydantic), which FastAPI validates and documents.

Field names follow the store's event contract (README "Store and exports"), so an API client, the
exports and `aliansi.open(db).events()` all speak the same columns.
"""

from __future__ import annotations

import datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Modality = Literal["asserted", "planned", "hypothetical", "claimed"]


class Page(BaseModel, Generic[T]):
    """One page of a longer list: `total` rows match, `items` holds rows offset..offset+limit."""

    total: int
    limit: int
    offset: int
    items: list[T]


class Event(BaseModel):
    """One coded event with its evidence (a cluster's earliest report unless mentions are asked for)."""

    event_id: str
    article_id: str
    article_title: str | None = None
    source_code: str | None
    source_agent: str | None
    source_name: str | None
    source_text: str | None
    target_code: str | None
    target_agent: str | None
    target_name: str | None
    target_text: str | None
    cameo: str
    cameo_name: str | None = Field(None, description="Short English label of the CAMEO code.")
    root: str
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    modality: str | None
    negated: bool
    date: datetime.date | None
    date_precision: str | None
    event_day: datetime.date | None = Field(None, description="The day the event is placed on for filters and dedup.")
    attribution_code: str | None
    evidence_sentence: str | None
    evidence_start: int | None
    evidence_end: int | None
    evidence_text: str | None
    confidence: float | None
    pattern: str | None
    language: str | None
    source_url: str | None
    article_date: datetime.date | None
    cluster_id: str
    num_mentions: int
    num_articles: int
    num_sources: int


class ArticleSummary(BaseModel):
    article_id: str
    title: str | None
    date: datetime.date | None
    date_precision: str | None
    language: str | None
    source: str | None
    outlet: str
    wire: str | None
    url: str | None
    duplicate_of: str | None
    event_count: int
    ingested_at: datetime.datetime


class Mention(BaseModel):
    """An actor's words in an article's cleaned text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str
    agent: str | None


class ActorInArticle(BaseModel):
    code: str | None = Field(description="State or bloc code; null for a name that could not be resolved.")
    name: str | None
    kind: str | None
    mentions: list[Mention]


class EventMention(BaseModel):
    """One report of an event (a member of its cluster), in whichever article carried it."""

    event_id: str
    article_id: str
    article_title: str | None
    outlet: str
    language: str | None
    article_date: datetime.date | None
    evidence_sentence: str | None
    evidence_text: str | None
    evidence_start: int | None
    evidence_end: int | None


class EventDetail(Event):
    article: ArticleSummary
    mentions: list[EventMention] = Field(description="Every report of this event, this one included.")
    actor_mentions: list[Mention] = Field(description="Actor mentions inside the evidence words.")


class Removed(BaseModel):
    position: int
    text: str
    reason: str


class ArticleDetail(ArticleSummary):
    text: str = Field(description="The cleaned text; every offset indexes into it.")
    source_file: str | None
    published: str | None
    metadata: dict
    removed: list[Removed]
    actors: list[ActorInArticle]
    events: list[Event] = Field(description="Every event coded in this article (every report), in text order.")


class DyadRow(BaseModel):
    period: datetime.date
    direction: str
    events: float
    quad1: float
    quad2: float
    quad3: float
    quad4: float
    goldstein_sum: float
    goldstein_mean: float | None
    articles: float
    spread: float


class DyadSeries(BaseModel):
    a: str
    b: str
    a_name: str | None
    b_name: str | None
    freq: str
    series: list[DyadRow]


class TopDyad(BaseModel):
    """An unordered pair of actors and its counted events (asserted, not negated, one per cluster)."""

    a: str
    b: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    goldstein_mean: float | None


class TopEvent(BaseModel):
    event_id: str
    article_id: str
    article_title: str | None = None
    evidence_text: str | None
    evidence_sentence: str | None = None
    contribution: float
    date: datetime.date
    date_precision: str | None
    source_code: str | None
    target_code: str | None
    cameo: str | None
    cameo_name: str | None = None
    goldstein: float | None
    blocs: list[str]


class AlignPeriod(BaseModel):
    period: datetime.date
    score: float
    ci_low: float | None
    ci_high: float | None
    events: int
    net_first: float
    net_second: float
    volume: float
    top_events: list[TopEvent]


class MembershipChange(BaseModel):
    """A state's status in a bloc that makes up a pole starts or ends on `date`."""

    date: datetime.date
    bloc: str
    state: str
    change: Literal["joined", "left", "status"]
    status: str | None = Field(description="The status from this date (null when the state left).")
    involves_state: bool = Field(description="True when it is the aligned state's own membership.")


class Pole(BaseModel):
    code: str
    name: str


class Alignment(BaseModel):
    state: str
    state_name: str | None
    blocs: list[Pole]
    freq: str
    periods: list[AlignPeriod]
    membership_changes: list[MembershipChange]


class TimelineRow(BaseModel):
    period: datetime.date
    events: float
    quad1: float
    quad2: float
    quad3: float
    quad4: float


class NetworkNode(BaseModel):
    id: str
    name: str
    kind: Literal["state", "bloc", "other"]
    pole: str | None = Field(description="The alignment pole the actor counted for at the period's end, if any.")
    events: int
    x: float
    y: float


class NetworkEdge(BaseModel):
    a: str
    b: str
    events: int
    cooperation: int
    conflict: int
    goldstein_mean: float | None


class Network(BaseModel):
    since: datetime.date | None
    until: datetime.date | None
    poles: list[Pole]
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class MembershipRow(BaseModel):
    bloc: str
    state: str
    status: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class RoleRow(BaseModel):
    org: str
    title: str
    agent: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class Actor(BaseModel):
    """A knowledge-base entry: a state, a bloc (with its membership history) or a person (with roles)."""

    code: str | None = Field(description="State or bloc code; for a person, the org of the latest role.")
    kind: Literal["state", "bloc", "person"]
    name: str
    names: dict[str, list[str]] = Field(default_factory=dict, description="Names per language.")
    events: int = Field(0, description="Stored events with this code as source or target.")
    memberships: list[MembershipRow] = Field(default_factory=list, description="A bloc's rows, or a state's rows in every bloc.")
    roles: list[RoleRow] = Field(default_factory=list)


class Count(BaseModel):
    value: str | None
    count: int


class Stats(BaseModel):
    articles: int
    events: int = Field(description="Coded events, every report counted.")
    event_clusters: int = Field(description="Distinct events after cross-article deduplication.")
    actors: int
    first_article_date: datetime.date | None
    last_article_date: datetime.date | None
    first_event_day: datetime.date | None
    last_event_day: datetime.date | None
    languages: list[Count]
    outlets: list[Count] = Field(description="Articles per source or URL host; null: inputs that named neither.")
    quad_classes: list[Count]
    modalities: list[Count]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    schema_version: int
    database: str
    articles: int


class ArticleIn(BaseModel):
    """An article to code and store, as in a JSONL input record."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, pattern=r"^[\w.:\-]+$",
                    description="Unique id; sending the same id with other text replaces the stored article.")
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=64, description="Publication date, ISO 8601 preferred.")
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")
    source: str | None = Field(None, max_length=200)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=500)


class IngestedArticle(BaseModel):
    article_id: str
    status: Literal["new", "replaced", "unchanged"]
    duplicate_of: str | None
    events: list[Event]


class IngestFailure(BaseModel):
    source: str
    reason: str


class IngestResult(BaseModel):
    articles: list[IngestedArticle]
    failures: list[IngestFailure]
