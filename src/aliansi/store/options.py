"""User-facing choices of the store, importable without DuckDB or Arrow (the CLI's --help needs them)."""

from __future__ import annotations

from enum import Enum

# Articles per transaction. A batch of 200 typical articles holds a few thousand events: large enough
# that per-transaction costs (commit, WAL sync) stay small beside the inserts, small enough that a
# killed ingest loses at most a few seconds of coding.
BATCH_SIZE = 200


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    gdelt = "gdelt"
    plover = "plover"
