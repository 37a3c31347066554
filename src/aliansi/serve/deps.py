"""What the routes share: the server's state, a database cursor per request, and the write token."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import duckdb
from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from aliansi.store import Store

# Largest request body accepted (a JSON batch of articles or an uploaded file).
MAX_BODY_BYTES = 10 * 1024 * 1024


@dataclass
class ServerState:
    """The one writable store the server owns while it runs, and what guards writing to it."""

    store: Store
    token: str
    max_body: int = MAX_BODY_BYTES
    # Ingests run one at a time: each is a series of transactions and a reclustering at its end.
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def path(self) -> Path | str:
        return self.store.path


def server(request: Request) -> ServerState:
    return request.app.state.aliansi


def cursor(state: Annotated[ServerState, Depends(server)]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the server's connection for this request: DuckDB connections are not shared
    between threads, but cursors of one connection may each run in their own (snapshot reads)."""
    con = state.store.connection.cursor()
    try:
        yield con
    finally:
        con.close()


def reader(con: Annotated[duckdb.DuckDBPyConnection, Depends(cursor)],
           state: Annotated[ServerState, Depends(server)]) -> Store:
    """The store's Python API over this request's cursor (events(), dyad(), align())."""
    return Store(con, state.path, read_only=True)


bearer = HTTPBearer(auto_error=False, description="The server's write token: ALIANSI_TOKEN, or the one it printed at start.")


def require_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
                  state: Annotated[ServerState, Depends(server)]) -> None:
    given = credentials.credentials if credentials else ""
    # compare_digest: the comparison takes as long for a near miss as for a wild guess.
    if not given or not secrets.compare_digest(given.encode(), state.token.encode()):
        raise HTTPException(
            status_code=401,
            detail="writing needs the server's token: send 'Authorization: Bearer <token>' "
                   "(ALIANSI_TOKEN, or the token `aliansi serve` printed when it started)",
            headers={"WWW-Authenticate": "Bearer"},
        )


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Reader = Annotated[Store, Depends(reader)]
State = Annotated[ServerState, Depends(server)]
