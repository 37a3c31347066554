"""The dashboard's pages, rendered on the server from Jinja templates.

Each chart page is a shell: it carries its labels and its starting parameters as JSON, and its
script draws the charts from the REST API (the dashboard is the API's first client). The article
list and the reader are rendered whole here, the reader's text already cut into marked runs.
Every page sends a Content-Security-Policy that lets it load and fetch from this host only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from aliansi.align.blocs import OPEN_END, load_blocs
from aliansi.serve import knowledge, queries
from aliansi.serve.deps import Cursor
from aliansi.serve.labels import choose, labels
from aliansi.serve.params import DATE_PATTERN, ArticleQuery
from aliansi.serve.reader import runs

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
CODE = re.compile(r"^[A-Z]{2,12}$")
DATE = re.compile(DATE_PATTERN)
ARTICLES_PER_PAGE = 25


def render(request: Request, template: str, page: str, **context: Any) -> HTMLResponse:
    lang = choose(request.query_params.get("lang"), request.cookies.get("lang"), request.headers.get("accept-language"))
    state = request.app.state.aliansi
    other = request.url.include_query_params(lang="en" if lang == "id" else "id")
    response = templates.TemplateResponse(request, template, {
        "lang": lang, "t": labels()[lang], "page": page, "database": Path(str(state.path)).name,
        "switch_language": f"{other.path}?{other.query}", **context,
    })
    response.headers["Content-Security-Policy"] = CSP
    if request.query_params.get("lang") == lang:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, con: Cursor) -> HTMLResponse:
    _, latest = queries.articles_page(con, ArticleQuery().filters(), sort="-date", limit=8, offset=0)
    # The page's script reads the stats as JSON, so dates become ISO strings here.
    return render(request, "overview.html", "overview", stats=jsonable_encoder(queries.stats(con)), latest=latest)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, con: Cursor, a: str | None = None, b: str | None = None, freq: str = "month",
              since: str | None = None, until: str | None = None) -> HTMLResponse:
    choices = _stored_actors(con)
    a, b = _code(a), _code(b)
    if not (a and b):
        top = queries.top_dyads(con, since=None, until=None, limit=1)
        a, b = (top[0]["a"], top[0]["b"]) if top else (a, b)
    return render(request, "dyad.html", "dyad", actors=choices,
                  params={"a": a, "b": b, "freq": _freq(freq), **_period(con, since, until)})


@router.get("/align", response_class=HTMLResponse)
def align_page(request: Request, con: Cursor, state: str | None = None, blocs: str | None = None,
               freq: str = "month", since: str | None = None, until: str | None = None) -> HTMLResponse:
    poles = load_blocs()
    pairs = [f"{first},{second}" for first in poles for second in poles if first != second]
    chosen = blocs.upper() if blocs and blocs.upper() in pairs else pairs[0] if pairs else "WEST,RUSSIA"
    states = [actor for actor in _stored_actors(con) if actor["kind"] == "state"]
    code = _code(state) or _default_state(states, [poles[c] for c in chosen.split(",") if c in poles])
    return render(request, "align.html", "align", states=states, pairs=pairs,
                  params={"state": code, "blocs": chosen, "freq": _freq(freq), **_period(con, since, until)})


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, con: Cursor, since: str | None = None, until: str | None = None) -> HTMLResponse:
    return render(request, "network.html", "network", params=_period(con, since, until))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, con: Cursor, q: Annotated[str | None, Query(max_length=200)] = None,
                  page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    filters = ArticleQuery(q=q or None).filters()
    total, rows = queries.articles_page(con, filters, sort="-date", limit=ARTICLES_PER_PAGE,
                                        offset=(page - 1) * ARTICLES_PER_PAGE)
    pages = max(1, -(-total // ARTICLES_PER_PAGE))
    return render(request, "articles.html", "articles", rows=rows, total=total, q=q or "", current=page, pages=pages)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def reader_page(request: Request, article_id: str, con: Cursor) -> HTMLResponse:
    article = queries.article_by_id(con, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return render(request, "article.html", "articles", article=article,
                  runs=runs(article["text"], article["actors"], article["events"]))


def _stored_actors(con) -> list[dict[str, Any]]:
    codes, names = queries.actor_event_counts(con)
    return [a for a in knowledge.search(None, kind=None, code_counts=codes, name_counts=names, stored_only=True)
            if a["kind"] != "person"]


def _period(con, since: str | None, until: str | None) -> dict[str, str]:
    """The period a chart shows: as asked, else the span of the articles' dates. Events recalled from
    long before (a 1992 treaty in a 2024 story) would otherwise stretch every time axis over decades;
    clearing the fields shows them."""
    if since is None or until is None:
        first, last = con.execute("SELECT min(date), max(date) FROM articles").fetchall()[0]
        since = first.isoformat() if since is None and first else since
        until = last.isoformat() if until is None and last else until
    return {"since": since if since and DATE.match(since) else "", "until": until if until and DATE.match(until) else ""}


def _freq(value: str) -> str:
    return value if value in ("month", "week") else "month"


def _code(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value if CODE.match(value) else None


def _default_state(states: list[dict[str, Any]], poles) -> str | None:
    """The state with the most events that counts for neither pole today: one caught between them."""
    members = {span.code for pole in poles for span in pole.spans() if span.end == OPEN_END}
    return next((s["code"] for s in states if s["code"] not in members), states[0]["code"] if states else None)
