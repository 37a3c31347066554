"""The Python API for notebooks: `aliansi.open(db)` and the Store's DataFrame and Arrow methods.

    import aliansi
    with aliansi.open("news.duckdb") as store:
        events = store.events(since="2024", actor="AZE")   # pandas, one row per event cluster
        store.align("AZE", blocs=["WEST", "RUSSIA"])

Read-only by default, because a notebook that only reads should not take the file from a running
ingest any longer than needed; DuckDB still lets only one process hold the file, so close the store
(or use `with`) when done.
"""

from __future__ import annotations

from pathlib import Path

from aliansi.store import Store

__all__ = ["open"]


def open(db: str | Path | None = None, *, read_only: bool = True) -> Store:  # noqa: A001 - aliansi.open, by design
    """Open the aliansi database at `db` (default: aliansi.duckdb in the user's data directory)."""
    return Store.open(db, read_only=read_only)
