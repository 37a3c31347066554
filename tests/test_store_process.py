"""The store against real processes: an ingest killed with SIGKILL, and a database another process holds."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aliansi.api import open as open_store
from aliansi.store import StoreLockedError

from test_store import CONTENT_QUERIES, app, content, runner

REPO = Path(__file__).resolve().parents[1]

# The ingest command as the aliansi CLI registers it, with its progress log on stderr.
INGEST_SCRIPT = """
import logging, sys
import typer
from aliansi.store.commands import register
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
app = typer.Typer()
@app.callback()
def group() -> None: pass
register(app)
app(sys.argv[1:])
"""
HOLD_SCRIPT = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)")
print("holding", flush=True)
sys.stdin.read()
"""
ARTICLES = 150
BATCH = "10"


def _corpus(path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with path.open("w", encoding="utf-8") as handle:
        for record in module.corpus(ARTICLES, words=60, seed=3):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _kill_after_first_commit(process: subprocess.Popen, killed: threading.Event, lines: list[str]) -> None:
    for line in process.stderr:
        lines.append(line)
        if "batch 1 committed" in line:
            os.killpg(process.pid, signal.SIGKILL)  # the ingest and its worker processes, mid-run
            killed.set()
            return


def test_an_ingest_killed_after_its_first_commit_resumes_to_the_same_database(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, "ingest", str(corpus), "--db", str(killed_db), "--batch-size", BATCH, "--workers", "2"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True,
    )
    killed, lines = threading.Event(), []
    watcher = threading.Thread(target=_kill_after_first_commit, args=(process, killed, lines), daemon=True)
    watcher.start()
    try:
        clean = runner.invoke(app, ["ingest", str(corpus), "--db", str(clean_db), "--batch-size", BATCH])
        assert clean.exit_code == 0, clean.output
        watcher.join(timeout=300)
        assert killed.is_set(), "".join(lines)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    interrupted, complete = content(killed_db), content(clean_db)
    stored = {row[0] for row in interrupted["articles"]}
    assert 0 < len(stored) < ARTICLES and len(stored) % int(BATCH) == 0  # whole batches only
    for table in ("articles", "removed", "mentions", "events"):  # each stored article is complete
        assert [row for row in complete[table] if row[0 if table != "events" else 1] in stored] == interrupted[table]

    rerun = runner.invoke(app, ["ingest", str(corpus), "--db", str(killed_db), "--batch-size", BATCH])
    assert rerun.exit_code == 0, rerun.output
    assert f"{len(stored)} unchanged" in rerun.stderr
    assert content(killed_db) == complete
    assert set(complete) == set(CONTENT_QUERIES) and len(complete["articles"]) == ARTICLES
    assert any(row[7] for row in complete["articles"])  # some duplicate_of, marked in both runs alike


@pytest.fixture
def held(tmp_path):
    """A database file held by another process with a write connection, as a server would."""
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_SCRIPT, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        yield db, holder.pid
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_locked_database_is_a_plain_error_naming_the_file_and_what_to_do(held, tmp_path):
    db, pid = held
    article = REPO / "samples" / "id" / "latihan_armenia_as.txt"
    ingest = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    export = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--db", str(db)])
    for result in (ingest, export):
        assert result.exit_code == 1
        assert str(db) in result.stderr and f"PID {pid}" in result.stderr
        assert "in use by another process" in result.stderr and "Wait for" in result.stderr
        assert "Traceback" not in result.output
    with pytest.raises(StoreLockedError) as raised:
        open_store(db)
    assert raised.value.holder == str(pid) and raised.value.path == db


def test_the_held_file_is_intact_once_released(tmp_path):
    db = tmp_path / "news.duckdb"
    article = REPO / "samples" / "id" / "latihan_armenia_as.txt"
    assert runner.invoke(app, ["ingest", str(article), "--db", str(db)]).exit_code == 0
    before = content(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_SCRIPT, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert runner.invoke(app, ["ingest", str(article), "--db", str(db)]).exit_code == 1
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert content(db) == before
    again = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
