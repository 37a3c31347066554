"""Query parameters of the read endpoints, as pydantic models: FastAPI validates them, answers 422
with the field and the reason when one is malformed (or unknown: a misspelt filter must not silently
widen a query), and documents them in the OpenAPI schema."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from aliansi.serve.models import Modality
from aliansi.serve.queries import ARTICLE_SORTS, EVENT_SORTS, ArticleFilters, EventFilters
from aliansi.store import StoreError, as_date

CODE_PATTERN = r"^[A-Za-z]{2,12}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_PAGE = 500

# The sort orders are the keys of the queries' fixed ORDER BY mappings, so only those can be asked for.
EventSort = Literal[tuple(EVENT_SORTS)]
ArticleSort = Literal[tuple(ARTICLE_SORTS)]


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


def _date_check(value: str | None) -> str | None:
    if value is not None:
        try:
            as_date(value, "date")
        except StoreError as exc:
            raise ValueError(str(exc).removeprefix("date: ")) from None
    return value


Code = Annotated[str, Field(pattern=CODE_PATTERN, description="A state or bloc code (RUS, NATO ...)."),
                 AfterValidator(_upper)]
DateText = Annotated[str, Field(pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY."),
                     AfterValidator(_date_check)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 language code (id, en).")]
Search = Annotated[str, Field(min_length=1, max_length=200)]
Quad = Annotated[int, Field(ge=1, le=4)]


class Paging(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")
    offset: int = Field(0, ge=0, description="Rows to skip.")


class EventQuery(Paging):
    actor: Code | None = Field(None, description="Source or target.")
    source: Code | None = None
    target: Code | None = None
    dyad: Annotated[str, Field(pattern=r"^[A-Za-z]{2,12},[A-Za-z]{2,12}$"), AfterValidator(_upper)] | None = Field(
        None, description="Two codes, A,B: events between them in either direction.")
    cameo: str | None = Field(None, pattern=r"^\d{2,4}$", description="A CAMEO code or its prefix: 19 finds 190, 193 ...")
    root: str | None = Field(None, pattern=r"^\d{2}$", description="A two-digit CAMEO root.")
    quad_class: list[Quad] = Field([], description="One or more QuadClasses (1-4); repeat the parameter.")
    modality: list[Modality] = Field([], description="asserted, planned, hypothetical, claimed; repeat the parameter.")
    negated: bool | None = None
    min_confidence: float | None = Field(None, ge=0, le=1)
    since: DateText | None = Field(None, description="First event day (a month or year means its first day).")
    until: DateText | None = Field(None, description="Last event day, included (a month or year means its last day).")
    language: Language | None = None
    q: Search | None = Field(None, description="Words that the evidence sentence contains (case-insensitive).")
    article_id: str | None = Field(None, max_length=200)
    all_mentions: bool = Field(False, description="Every report of each event instead of one row per event cluster.")
    sort: EventSort = Field("-date", description="Sort order.")

    def filters(self) -> EventFilters:
        a, b = self.dyad.split(",") if self.dyad else (None, None)
        return EventFilters(
            actor=self.actor, source=self.source, target=self.target, dyad_a=a, dyad_b=b, cameo=self.cameo,
            root=self.root, quad_classes=tuple(self.quad_class) or None, modalities=tuple(self.modality) or None,
            negated=self.negated, min_confidence=self.min_confidence, since=since(self.since), until=until(self.until),
            language=self.language, q=self.q, article_id=self.article_id, deduplicated=not self.all_mentions,
        )


class ArticleQuery(Paging):
    language: Language | None = None
    outlet: str | None = Field(None, max_length=200, description="The article's source, else its URL's host.")
    since: DateText | None = Field(None, description="First article date.")
    until: DateText | None = Field(None, description="Last article date, included.")
    q: Search | None = Field(None, description="Words in the title or the text (case-insensitive).")
    actor: Code | None = Field(None, description="Articles that mention this actor.")
    sort: ArticleSort = Field("-date", description="Sort order.")

    def filters(self) -> ArticleFilters:
        return ArticleFilters(language=self.language, outlet=self.outlet, since=since(self.since),
                              until=until(self.until), q=self.q, actor=self.actor)


def since(value: str | None) -> datetime.date | None:
    return as_date(value, "since")


def until(value: str | None) -> datetime.date | None:
    return as_date(value, "until")
