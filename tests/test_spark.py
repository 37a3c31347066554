"""`aliansi spark`: the same events as `aliansi code`, the same rows and columns as `aliansi export`,
incremental reruns, unreadable inputs, and the same job on a real standalone cluster and on Spark
Connect, each started here on 127.0.0.1 and stopped by its process id.

The in-process tests share one local[2] session (module scope: it is stopped before the cluster
tests, whose drivers run as `aliansi spark` subprocesses).
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from aliansi.cli import app
from aliansi.store import EVENT_COLUMNS, Store

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()

# Columns only the store computes (hashes and cross-article clusters): checked against `aliansi export`.
STORE_ONLY = {"event_id", "article_hash", "cluster_id", "num_mentions", "num_articles", "num_sources"}
FROM_CODE = [c for c in EVENT_COLUMNS if c not in STORE_ONLY]
# Generous: a loaded 2-core machine starts a JVM in 10-20 s.
STARTUP_SECONDS = 120


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install -e '.[test,spark]')")
    from aliansi.spark import spark_session

    session = spark_session("local[2]", conf={"spark.sql.shuffle.partitions": "2", "spark.ui.showConsoleProgress": "false"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(shared_dir) -> list[Path]:
    return [shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "dev"]


@pytest.fixture(scope="module")
def code_events(corpus) -> list[tuple]:
    return _code_events(corpus)


@pytest.fixture(scope="module")
def spark_output(spark, corpus, tmp_path_factory):
    from aliansi.spark import job

    out = tmp_path_factory.mktemp("spark") / "out"
    return out, job.run(spark, corpus, out, partitions=3)


# ------------------------------------------------------------------------------- parity


def test_spark_events_equal_aliansi_code_field_by_field(spark_output, code_events):
    out, summary = spark_output
    assert summary.failures == []
    assert summary.coded == 13
    spark_events = _spark_events(out)
    assert len(spark_events) == summary.events == len(code_events) > 50
    assert Counter(spark_events) == Counter(code_events)


def test_spark_rows_and_columns_equal_aliansi_export(spark_output, corpus, tmp_path):
    out, _summary = spark_output
    with Store.open(tmp_path / "store.duckdb") as store:
        store.ingest(corpus)
        store.export("parquet", tmp_path / "all.parquet", deduplicated=False)
        days = dict(store.connection.execute("SELECT event_id, event_day FROM event_rows").fetchall())
    result = runner.invoke(app, ["export", "--format", "parquet", "--out", str(tmp_path / "export.parquet"),
                                 "--db", str(tmp_path / "store.duckdb")])
    assert result.exit_code == 0, result.output
    exported = pq.read_schema(tmp_path / "export.parquet").remove_metadata()
    files = sorted((out / "events").rglob("*.parquet"))
    assert files
    for file in files:
        assert pq.read_schema(file).remove_metadata() == exported, file
    assert exported.names == list(EVENT_COLUMNS)
    mentions = pq.read_table(tmp_path / "all.parquet").to_pylist()
    assert _by_event(_spark_rows(out)) == _by_event(mentions)
    assert any(row["num_mentions"] > 1 for row in mentions)  # clusters are really compared
    # Partitioned by the day the store places each event on (`event_day=__HIVE_DEFAULT_PARTITION__`: none).
    by_day = ds.partitioning(pa.schema([("event_day", pa.string())]), flavor="hive")
    partitioned = ds.dataset(out / "events", format="parquet", partitioning=by_day).to_table(columns=["event_id", "event_day"])
    assert {row["event_id"]: _as_date(row["event_day"]) for row in partitioned.to_pylist()} == days


# ------------------------------------------------------------------------------- incremental


def test_rerun_skips_stored_articles_and_recodes_changed_ones(spark, shared_dir, tmp_path):
    from aliansi.spark import job

    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))[:2]
    for seed in seeds:
        shutil.copy(seed, folder)
    out = tmp_path / "out"
    first = job.run(spark, [folder], out, partitions=2)
    assert (first.coded, first.unchanged) == (2, 0)
    before = _spark_rows(out)

    again = job.run(spark, [folder], out, partitions=2)
    assert (again.coded, again.unchanged) == (0, 2)
    assert _by_event(_spark_rows(out)) == _by_event(before)

    changed = folder / seeds[0].name
    lines = changed.read_text(encoding="utf-8").splitlines()
    changed.write_text("\n".join(lines[: len(lines) // 2]), encoding="utf-8")
    third = job.run(spark, [folder], out, partitions=2)
    assert (third.coded, third.unchanged, third.failures) == (1, 1, [])
    assert Counter(_spark_events(out)) == Counter(_code_events([folder]))
    assert len(_latest_ledger(out)) == 2


# ------------------------------------------------------------------------------- inputs


def test_duplicates_marked_as_aliansi_code_marks_them_and_bad_inputs_named(spark, tmp_path):
    from aliansi.spark import job

    samples = REPO / "samples"
    bad = tmp_path / "extra.jsonl"
    bad.write_text(
        json.dumps({"id": "extra-ok", "text": "Presiden Rusia Vladimir Putin bertemu Presiden Turki di Ankara."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "finland_closes_border", "text": "Another article under a sample's id."}) + "\n",
        encoding="utf-8",
    )
    summary = job.run(spark, [samples, bad, tmp_path / "missing"], tmp_path / "out", partitions=2)
    assert [(f.path, f.reason.split(" (")[0]) for f in summary.failures] == [
        (f"{bad}:2", "not valid JSON"),
        (str(bad), "article id 'finland_closes_border' was read earlier; ids must be unique, so this one is skipped"),
        (str(tmp_path / "missing"), "no such file or folder"),
    ]
    ledger = {row["article_id"]: row["duplicate_of"] for row in _latest_ledger(tmp_path / "out")}
    result = runner.invoke(app, ["code", str(samples)])
    coded = {a["id"]: a["duplicate_of"] for a in map(json.loads, result.stdout.splitlines())}
    assert ledger == {**coded, "extra-ok": None}
    assert ledger["kazakhstan_jerman_sanksi_salinan"] == "kazakhstan_jerman_sanksi"
    # The syndicated copy's events join its original's clusters, across articles, as in the store.
    with Store.open(tmp_path / "store.duckdb") as store:
        store.ingest([samples, bad])
        mentions = store.events_arrow(deduplicated=False).to_pylist()
    assert _by_event(_spark_rows(tmp_path / "out")) == _by_event(mentions)
    assert any(row["num_articles"] > 1 for row in mentions)


def test_spark_command_without_the_extra_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark.errors", None)  # as if pyspark were not installed
    result = runner.invoke(app, ["spark", "--input", str(tmp_path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "pip install 'aliansi[spark]'" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------------------------- real clusters


def test_standalone_cluster_over_loopback(spark_home, corpus, tmp_path):
    master_port, master_ui, worker_ui = _free_ports(3)
    env = _spark_env(spark_home)
    spark_class = str(spark_home / "bin" / "spark-class")
    master = _start([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                     "--port", str(master_port), "--webui-port", str(master_ui)], tmp_path / "master.log", env)
    worker = None
    try:
        _wait_for(tmp_path / "master.log", "I have been elected leader", master)
        worker = _start([spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                         "--webui-port", str(worker_ui), "--cores", "2", "--memory", "2g",
                         "--work-dir", str(tmp_path / "work"), f"spark://127.0.0.1:{master_port}"],
                        tmp_path / "worker.log", env)
        _wait_for(tmp_path / "worker.log", "Successfully registered with master", worker)
        _run_cli(f"spark://127.0.0.1:{master_port}", corpus, tmp_path / "out", env)
    finally:
        _stop(worker, master)
    assert Counter(_spark_events(tmp_path / "out")) == Counter(_code_events(corpus))


def test_spark_connect_over_loopback(spark_home, corpus, tmp_path):
    [port] = _free_ports(1)
    env = _spark_env(spark_home)
    server = _start([str(spark_home / "bin" / "spark-submit"), "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
                     "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                     "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
                     "--conf", f"spark.connect.grpc.binding.port={port}"], tmp_path / "connect.log", env)
    try:
        _wait_for(tmp_path / "connect.log", "Spark Connect server started", server)
        _run_cli(f"sc://127.0.0.1:{port}", corpus, tmp_path / "out", env)
    finally:
        _stop(server)
    assert Counter(_spark_events(tmp_path / "out")) == Counter(_code_events(corpus))


@pytest.fixture(scope="module")
def spark_home() -> Path:
    pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install -e '.[test,spark]')")
    return Path(pyspark.__file__).parent


# ------------------------------------------------------------------------------- helpers


def _code_events(paths: list[Path]) -> list[tuple]:
    """`aliansi code`'s events as the export's columns: nested fields joined with '_', dates as DATEs.

    Run as a process, like the Spark jobs' workers, so both use the aliansi installed now."""
    result = subprocess.run([sys.executable, "-m", "aliansi", "code", *map(str, paths)],
                            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    rows = []
    for article in map(json.loads, result.stdout.splitlines()):
        for event in article["events"]:
            row = _flat(event)
            row.update(article_id=article["id"], language=article["language"], source_url=article["metadata"].get("url"),
                       article_date=_as_date(article["date"]), date=_as_date(event["date"]))
            rows.append(tuple(row.get(column) for column in FROM_CODE))
    return rows


def _spark_events(out: Path) -> list[tuple]:
    return [tuple(row[column] for column in FROM_CODE) for row in _spark_rows(out)]


def _spark_rows(out: Path) -> list[dict]:
    dataset = ds.dataset(out / "events", format="parquet", partitioning="hive")
    return dataset.to_table(columns=list(EVENT_COLUMNS)).to_pylist()


def _latest_ledger(out: Path) -> list[dict]:
    rows = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table(
        columns=["article_id", "duplicate_of", "run"]).to_pylist()
    latest: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["run"]):
        latest[row["article_id"]] = row
    return list(latest.values())


def _by_event(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: row["event_id"])


def _flat(value: dict, prefix: str = "") -> dict:
    flat = {}
    for key, item in value.items():
        if isinstance(item, dict):
            flat.update(_flat(item, f"{prefix}{key}_"))
        else:
            flat[prefix + key] = item
    return flat


def _as_date(text: str | None) -> datetime.date | None:
    """'2024-05-01', '2024-05' or '2024' as the store keeps it: a month or a year as its first day."""
    if text is None:
        return None
    parts = [int(p) for p in text.split("-")]
    return datetime.date(*parts, *[1] * (3 - len(parts)))


def _spark_env(spark_home: Path) -> dict[str, str]:
    return {**os.environ, "SPARK_HOME": str(spark_home), "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _start(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    # spark-class and spark-submit exec the JVM, so the process id is the JVM's.
    with log.open("wb") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)


def _wait_for(log: Path, line: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if line in log.read_text(encoding="utf-8", errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"{line!r} never appeared in {log}:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")


def _stop(*processes: subprocess.Popen | None) -> None:
    for process in processes:
        if process is None:
            continue
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run_cli(master: str, corpus: list[Path], out: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "aliansi", "spark", "--master", master, "--output", str(out), "--partitions", "4"]
    for path in corpus:
        command += ["--input", str(path)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-5000:]
    assert "13 article(s) coded" in result.stderr
