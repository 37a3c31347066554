"""Which program holds a database file, so a refused command can say what to do instead.

DuckDB's lock error names only the holder's process id. `aliansi serve` writes a small marker
beside the database while it runs (``news.duckdb.server.json``: its process id and URL), so that an
`aliansi ingest` refused by the lock can tell the user to go through the server's API or stop it.
A marker left behind by a killed server is ignored: it counts only while its process is the one
DuckDB names, or (when DuckDB names none) while that process is alive.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerMarker", "marker_path", "remove_marker", "server_holding", "write_marker"]


@dataclass(frozen=True)
class ServerMarker:
    pid: int
    url: str


def marker_path(db: Path) -> Path:
    return db.with_name(db.name + ".server.json")


def write_marker(db: Path, *, url: str) -> Path:
    path = marker_path(db)
    path.write_text(json.dumps({"pid": os.getpid(), "url": url}), encoding="utf-8")
    return path


def remove_marker(db: Path) -> None:
    marker = read_marker(db)
    # Only the server that wrote the marker removes it; a second server refused by the lock must not.
    if marker is not None and marker.pid == os.getpid():
        marker_path(db).unlink(missing_ok=True)


def read_marker(db: Path) -> ServerMarker | None:
    try:
        data = json.loads(marker_path(db).read_text(encoding="utf-8"))
        return ServerMarker(int(data["pid"]), str(data["url"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def server_holding(db: Path, holder: str | None) -> ServerMarker | None:
    """The server that holds ``db``, when the process DuckDB names as its holder is one."""
    marker = read_marker(db)
    if marker is None:
        return None
    if holder is not None:
        return marker if str(marker.pid) == holder else None
    return marker if _alive(marker.pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True
