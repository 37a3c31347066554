"""POST /api/articles: code and store articles sent as JSON or as an uploaded file.

JSON bodies are ``{"articles": [{"id", "text", "title"?, ...}]}`` (the JSONL input record). A
multipart upload's ``file`` is read by the same readers as `aliansi ingest` (txt, jsonl, html,
warc, RSS/Atom), chosen by its name's suffix. Both go through ``Store.ingest_items``, the CLI's
path: unchanged articles are skipped, changed ones replace their rows, and the answer lists each
article's id, what happened to it and its coded events.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from aliansi.errors import InputError
from aliansi.ingest import READERS, read_paths, reader_for
from aliansi.models import RawArticle
from aliansi.serve import queries
from aliansi.serve.deps import ServerState, State, require_token
from aliansi.serve.models import ArticlesIn, IngestResult
from aliansi.store import Store

router = APIRouter(prefix="/api")

STORED_VERSIONS = "SELECT article_id, article_hash, ingested_at FROM articles WHERE article_id IN (SELECT unnest($ids))"

# The two request bodies, documented by hand because the route reads the body itself to accept both.
REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ArticlesIn"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": f"One input file: {', '.join(sorted(READERS))}."}},
        }},
    },
}


@router.post("/articles", response_model=IngestResult, status_code=201, tags=["articles"],
             dependencies=[Depends(require_token)], openapi_extra={"requestBody": REQUEST_BODY},
             responses={401: {"description": "No or wrong bearer token."}, 413: {"description": "The body is too large."},
                        415: {"description": "Neither JSON nor multipart/form-data, or an unsupported file type."}})
async def post_articles(request: Request, state: State) -> dict:
    """Code and store one or more articles; answers with their ids, status and coded events."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        payload = _validated(await request.body())
        raws = [RawArticle(source_file=f"api:{item.id}", **item.model_dump()) for item in payload.articles]
        return await run_in_threadpool(ingest, state, raws)
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=1)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise RequestValidationError([{"type": "missing", "loc": ("body", "file"), "msg": "Field required"}])
        name = _safe_name(upload.filename)
        content = await upload.read()
        return await run_in_threadpool(_ingest_file, state, name, content)
    raise HTTPException(415, "send application/json ({\"articles\": [...]}) or multipart/form-data with a `file`")


def ingest(state: ServerState, items: list[RawArticle | InputError]) -> dict:
    """Store ``items`` through the store's ingest and report each article, before/after compared."""
    ids = list(dict.fromkeys(item.id for item in items if isinstance(item, RawArticle)))
    with state.write_lock:
        con = state.store.connection.cursor()
        try:
            before = _versions(con, ids)
            summary = Store(con, state.path, read_only=False).ingest_items(items)
            after = _versions(con, ids)
            events = queries.article_events(con, ids)
            duplicates = dict(con.execute("SELECT article_id, duplicate_of FROM articles WHERE article_id IN (SELECT unnest($ids))",
                                          {"ids": ids}).fetchall())
        finally:
            con.close()
    articles = []
    for article_id in ids:
        if article_id not in after:
            continue
        status = "new" if article_id not in before else "unchanged" if before[article_id] == after[article_id] else "replaced"
        articles.append({"article_id": article_id, "status": status, "duplicate_of": duplicates.get(article_id),
                         "events": [e for e in events if e["article_id"] == article_id]})
    failures = [{"source": f.path, "reason": f.reason} for f in summary.failures]
    return {"articles": articles, "failures": failures}


def _ingest_file(state: ServerState, name: str, content: bytes) -> dict:
    with tempfile.TemporaryDirectory(prefix="aliansi-upload-") as folder:
        path = Path(folder) / name
        if reader_for(path) is None:
            raise HTTPException(415, f"{name}: unsupported file type; use one of {', '.join(sorted(READERS))}")
        path.write_bytes(content)
        # Read now, while the file exists. Articles and errors name the upload, not the temporary path.
        items = [dataclasses.replace(item, source_file=f"upload:{name}") if isinstance(item, RawArticle)
                 else InputError(f"upload:{name}", item.reason) for item in read_paths([path])]
    if not any(isinstance(item, RawArticle) for item in items):
        reasons = "; ".join(item.reason for item in items if isinstance(item, InputError)) or "no article in it"
        raise HTTPException(422, f"{name}: {reasons}")
    return ingest(state, items)


def _validated(body: bytes) -> ArticlesIn:
    try:
        return ArticlesIn.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise RequestValidationError([{**error, "loc": ("body", *error["loc"])} for error in errors]) from None


def _safe_name(filename: str | None) -> str:
    """The upload's base name (no folders, from either kind of slash), or a 422."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    if not name or name.startswith(".") or len(name) > 200:
        raise RequestValidationError([{"type": "value_error", "loc": ("body", "file"),
                                       "msg": "the file needs a name with a supported suffix, such as news.jsonl"}])
    return name


def _versions(con, ids: list[str]) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in con.execute(STORED_VERSIONS, {"ids": ids}).fetchall()}
