"""Opening a database file and bringing its schema up to date.

Migrations are the numbered files `migrations/NNN_name.sql`, applied in order, each in its own
transaction together with its row in `schema_migrations`, so a migration is either fully applied and
recorded or not at all. A read-only connection never migrates: it refuses a database whose schema is
older or newer than this version of aliansi knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from aliansi.errors import AliansiError
from aliansi.store.holder import ServerMarker, server_holding

MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")

CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""
APPLIED_VERSIONS = "SELECT version FROM schema_migrations ORDER BY version"
RECORD_MIGRATION = "INSERT INTO schema_migrations (version, name) VALUES ($version, $name)"
HAS_MIGRATIONS_TABLE = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'"

# DuckDB's own wording for a file another process holds; the rest of its message names the holder.
_LOCK_WORDS = ("Could not set lock", "Conflicting lock")
_HOLDER = re.compile(r"\(PID (\d+)\)")


class StoreError(AliansiError):
    """The database cannot be used: missing, not an aliansi database, or of another schema version."""


class StoreLockedError(StoreError):
    """Another process holds the database file; DuckDB allows one process per file."""

    def __init__(self, path: Path, holder: str | None, server: ServerMarker | None = None):
        if server is not None:
            message = (
                f"the database {path} is held by `aliansi serve` (PID {server.pid}) at {server.url}. "
                f"While it runs, use the API: add articles with POST {server.url}/api/articles (with the "
                f"server's write token) and read them at {server.url}/api/events; or stop the server "
                f"(Ctrl-C in its terminal, or `kill {server.pid}`) and run this command again."
            )
        else:
            who = f"another process (PID {holder})" if holder else "another process"
            message = (
                f"the database {path} is in use by {who}. DuckDB lets only one process open a database file "
                "at a time, even to read it. Wait for a running `aliansi ingest` to finish, stop the server "
                "that uses this file, or query it through that process (its Python API or REST API); "
                "or give another file with --db."
            )
        super().__init__(message)
        self.path = path
        self.holder = holder
        self.server = server


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with the package, in version order."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def connect(path: Path | str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection with the schema current, or a StoreError saying plainly what is wrong."""
    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        if read_only and not path.exists():
            raise StoreError(f"no database at {path}; create it with `aliansi ingest PATH... --db {path}`")
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only and not memory)
    except duckdb.IOException as exc:
        raise _open_error(Path(path), exc) from None
    try:
        if read_only and not memory:
            _check_current(con, Path(path))
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this database lacks; returns the versions applied."""
    con.execute(CREATE_MIGRATIONS_TABLE)
    applied = {version for (version,) in con.execute(APPLIED_VERSIONS).fetchall()}
    done = []
    for migration in migrations():
        if migration.version in applied:
            continue
        con.begin()
        try:
            con.execute(migration.sql)
            con.execute(RECORD_MIGRATION, {"version": migration.version, "name": migration.name})
            con.commit()
        except duckdb.Error:
            con.rollback()
            raise
        done.append(migration.version)
    return done


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    versions = [version for (version,) in con.execute(APPLIED_VERSIONS).fetchall()]
    return versions[-1] if versions else 0


def _check_current(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    if con.execute(HAS_MIGRATIONS_TABLE).fetchone()[0] == 0:
        raise StoreError(f"{path} is a DuckDB file but not an aliansi database (it has no schema_migrations table)")
    have, known = schema_version(con), migrations()[-1].version
    if have < known:
        raise StoreError(
            f"{path} has schema version {have} and this aliansi needs {known}; "
            f"run `aliansi ingest --db {path}` (or open it with read_only=False) once to migrate it"
        )
    if have > known:
        raise StoreError(f"{path} has schema version {have}, newer than this aliansi knows ({known}); upgrade aliansi")


def _open_error(path: Path, exc: duckdb.IOException) -> StoreError:
    message = str(exc)
    if any(words in message for words in _LOCK_WORDS):
        found = _HOLDER.search(message)
        holder = found.group(1) if found else None
        return StoreLockedError(path, holder, server_holding(path, holder))
    if "not a valid DuckDB database file" in message:
        return StoreError(f"{path} exists but is not a DuckDB database file; give another path with --db")
    return StoreError(f"cannot open the database {path}: {message}")
