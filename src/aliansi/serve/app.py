"""The FastAPI application: REST API under /api, the dashboard pages, and offline API docs.

Nothing here fetches from another host: the Swagger UI and ReDoc assets come from the installed
fastapi-offline package and plotly.js from the installed plotly package, each served by this app.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema

from aliansi import __version__
from aliansi.errors import AliansiError
from aliansi.serve import pages, routes_analysis, routes_data, routes_write
from aliansi.serve.deps import MAX_BODY_BYTES, ServerState
from aliansi.serve.models import ArticlesIn
from aliansi.store import Store

HERE = Path(__file__).parent
DOCS_ASSETS = Path(str(resources.files("fastapi_offline") / "static"))
PLOTLY_JS = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))

DESCRIPTION = """Evidence-backed political event data from Indonesian and English news, and bloc alignment over time.

Every event points to the words that justify it (`evidence_start`/`evidence_end` index the article's
cleaned `text`). Reads need no token; `POST /api/articles` needs `Authorization: Bearer <token>`.
"""


def create_app(store: Store, *, token: str, max_body: int = MAX_BODY_BYTES,
               on_shutdown: Callable[[], None] | None = None) -> FastAPI:
    """The app over an open, writable ``store``; the app closes it when it shuts down, after
    calling ``on_shutdown``. (uvicorn ends the process with the signal that stopped it once the app
    has shut down, so this is the last moment to clean up after a SIGTERM.)"""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if on_shutdown is not None:
            on_shutdown()
        store.close()

    # max_body_size: FastAPI answers 413 as soon as a body passes it, before buffering the rest.
    app = FastAPI(title="aliansi", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  lifespan=lifespan, max_body_size=max_body)
    app.state.aliansi = ServerState(store=store, token=token, max_body=max_body)
    for module in (routes_data, routes_analysis, routes_write, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/vendor/docs", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    _add_docs(app)
    _add_error_handlers(app)
    app.openapi = lambda: _openapi(app)
    return app


def _add_docs(app: FastAPI) -> None:
    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        # A 4.8 MB library that changes only with the installed plotly: let the browser keep it a day.
        return FileResponse(PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        # validatorUrl null: Swagger UI would otherwise send the schema to an online validator.
        return get_swagger_ui_html(openapi_url="/openapi.json", title="aliansi API",
                                   swagger_js_url="/vendor/docs/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/docs/swagger-ui.css",
                                   swagger_favicon_url="/vendor/docs/favicon.png",
                                   swagger_ui_parameters={"validatorUrl": None})

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title="aliansi API", redoc_js_url="/vendor/docs/redoc.standalone.js",
                              redoc_favicon_url="/vendor/docs/favicon.png", with_google_fonts=False)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AliansiError)
    async def library_error(request: Request, exc: AliansiError) -> JSONResponse:
        # Library errors reaching a route come from the request's values (an unknown bloc, a dyad
        # of one actor, an impossible date): the client's to fix, said in the library's words.
        return JSONResponse(status_code=422, content={"detail": str(exc)})


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema, plus the JSON body of POST /api/articles, which the route reads itself."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        _, definitions = models_json_schema([(ArticlesIn, "validation")], ref_template="#/components/schemas/{model}")
        schema.setdefault("components", {}).setdefault("schemas", {}).update(definitions.get("$defs", {}))
        app.openapi_schema = schema
    return app.openapi_schema
