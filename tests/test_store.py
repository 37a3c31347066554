"""The embedded store: migrations, idempotent ingest, replacement, errors, the Python API and exports."""

from __future__ import annotations

import csv
import datetime
import json
import shutil
import sys
import types
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from aliansi.store import EVENT_COLUMNS, Store, StoreError, as_date
from aliansi.store.commands import register
from aliansi.store.export import GDELT_COLUMNS, _gdelt_actor
from aliansi.store.schema import migrate, migrations

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"

app = typer.Typer()


@app.callback()
def _group() -> None:
    """The store's commands, as the aliansi CLI registers them."""


register(app)
runner = CliRunner()

CONTENT_QUERIES = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY article_id",
    "removed": "SELECT * FROM removed_pieces ORDER BY article_id, position",
    "mentions": 'SELECT * FROM actor_mentions ORDER BY article_id, start, "end", actor_code NULLS FIRST, text',
    "events": "SELECT * FROM events ORDER BY event_id",
    "clusters": "SELECT event_id, cluster_id, num_mentions, num_articles, num_sources FROM event_rows ORDER BY event_id",
}


def content(db: Path) -> dict[str, list[tuple]]:
    """Everything an ingest stores, except the ingest time."""
    with Store.open(db, read_only=True) as store:
        return {name: store.connection.execute(query).fetchall() for name, query in CONTENT_QUERIES.items()}


def ingest(*args: str):
    return runner.invoke(app, ["ingest", *args])


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "samples.duckdb"
    result = ingest(str(SAMPLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


# --------------------------------------------------------------------------- schema


def test_migrations_are_numbered_applied_in_order_and_recorded(tmp_path):
    shipped = migrations()
    assert [m.version for m in shipped] == list(range(1, len(shipped) + 1))
    with Store.open(tmp_path / "a.duckdb") as store:
        recorded = store.connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert recorded == [(m.version, m.name) for m in shipped]
        assert store.schema_version == shipped[-1].version
        assert migrate(store.connection) == []  # nothing left to apply
    with Store.open(tmp_path / "a.duckdb") as again:  # reopening applies nothing twice
        assert again.connection.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(shipped)


def test_read_only_open_refuses_missing_foreign_and_outdated_databases(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    duckdb.connect(str(tmp_path / "foreign.duckdb")).close()
    with pytest.raises(StoreError, match="not an aliansi database"):
        Store.open(tmp_path / "foreign.duckdb", read_only=True)
    old = duckdb.connect(str(tmp_path / "old.duckdb"))
    old.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    old.close()
    with pytest.raises(StoreError, match="to migrate"):
        Store.open(tmp_path / "old.duckdb", read_only=True)
    (tmp_path / "junk.duckdb").write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(tmp_path / "junk.duckdb")


# --------------------------------------------------------------------------- ingest


def test_ingest_stores_articles_removed_pieces_mentions_and_events_with_evidence(sample_db):
    with Store.open(sample_db, read_only=True) as store:
        articles = store.articles().set_index("article_id")
        assert "kazakhstan_jerman_sanksi" in articles.index
        assert articles.loc["kazakhstan_jerman_sanksi_salinan", "duplicate_of"] == "kazakhstan_jerman_sanksi"
        assert articles.loc["kazakhstan_jerman_sanksi", "title"].startswith("Tokayev ke Scholz")
        removed = store.query("SELECT text, reason FROM removed_pieces WHERE article_id = ?", ["kazakhstan_jerman_sanksi"])
        assert ("Editor: Dimas Pratama | Penulis: Tim Internasional", "footer") in set(map(tuple, removed.values))
        mentions = store.query("SELECT m.start, m.\"end\", m.text, a.text AS article FROM actor_mentions m JOIN articles a USING (article_id)")
        assert len(mentions) > 50
        assert all(row.article[row.start:row.end] == row.text for row in mentions.itertuples())
        events = store.events(deduplicated=False)
        texts = articles["text"]
        assert len(events) == articles["events"].sum() > 50
        assert all(texts[e.article_id][e.evidence_start:e.evidence_end] == e.evidence_text for e in events.itertuples())


def test_ingest_prints_the_database_and_uses_the_user_data_dir_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLES / "id" / "latihan_armenia_as.txt", tmp_path / "in")
    result = ingest(str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    expected = tmp_path / "data" / "aliansi" / "aliansi.duckdb"
    assert expected.is_file()
    assert f"database: {expected}" in result.stderr
    assert "stored 1 new" in result.stderr


def test_ingesting_the_same_files_twice_adds_nothing(sample_db, tmp_path):
    db = tmp_path / "twice.duckdb"
    shutil.copy(sample_db, db)
    before = content(db)
    again = ingest(str(SAMPLES), "--db", str(db))
    assert again.exit_code == 0, again.output
    assert "stored 0 new and 0 changed" in again.stderr and f"{len(before['articles'])} unchanged" in again.stderr
    assert content(db) == before


def test_an_article_whose_text_changed_replaces_its_old_rows(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("latihan_armenia_as.txt", "kazakhstan_jerman_sanksi.txt"):
        shutil.copy(SAMPLES / "id" / name, folder)
    db = tmp_path / "news.duckdb"
    assert ingest(str(folder), "--db", str(db)).exit_code == 0
    with Store.open(db, read_only=True) as store:
        old = store.events(deduplicated=False)
        old_hash = store.articles().set_index("article_id").loc["kazakhstan_jerman_sanksi", "article_hash"]
    article = folder / "kazakhstan_jerman_sanksi.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("Scholz tiba di ibu kota Kazakhstan", "Scholz tiba di Astana"), encoding="utf-8")
    result = ingest(str(folder), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "stored 0 new and 1 changed" in result.stderr and "1 unchanged" in result.stderr
    with Store.open(db, read_only=True) as store:
        articles = store.articles().set_index("article_id")
        new = store.events(deduplicated=False)
        counts = store.query("SELECT count(*) AS n, count(DISTINCT article_id) AS ids FROM articles").iloc[0]
    assert (counts.n, counts.ids) == (2, 2)
    assert articles.loc["kazakhstan_jerman_sanksi", "article_hash"] != old_hash
    assert "Scholz tiba di Astana" in articles.loc["kazakhstan_jerman_sanksi", "text"]
    kept = old[old.article_id == "latihan_armenia_as"]
    assert set(kept.event_id) <= set(new.event_id)  # the unchanged article keeps its rows and ids
    changed_old = set(old[old.article_id == "kazakhstan_jerman_sanksi"].article_hash)
    assert not changed_old & set(new.article_hash)  # no row of the old version is left
    assert new.event_id.is_unique


def test_unreadable_inputs_are_reported_and_the_others_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "id" / "latihan_armenia_as.txt", folder)
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    db = tmp_path / "news.duckdb"
    result = ingest(str(folder), str(tmp_path / "nope"), "--db", str(db))
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert "no such file or folder" in result.stderr
    assert "2 input(s) could not be read" in result.stderr
    assert "Traceback" not in result.output
    with Store.open(db, read_only=True) as store:
        assert list(store.articles().article_id) == ["latihan_armenia_as"]


def test_a_second_article_with_an_id_already_read_is_reported_and_skipped(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLES / "id" / "latihan_armenia_as.txt", tmp_path / folder)
    result = ingest(str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(tmp_path / "news.duckdb"))
    assert result.exit_code == 1
    assert "already read from" in result.stderr and "Traceback" not in result.output
    assert "stored 1 new" in result.stderr


def test_no_articles_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = ingest(str(tmp_path / "empty"), "--db", str(tmp_path / "news.duckdb"))
    assert result.exit_code == 1 and "no articles found" in result.stderr


# --------------------------------------------------------------------------- Python API


def test_open_gives_dataframes_with_the_event_contract(sample_db):
    import aliansi.api

    with aliansi.api.open(sample_db) as store:
        assert store.read_only
        events = store.events()
        assert tuple(events.columns) == EVENT_COLUMNS
        assert events.event_id.is_unique and (events.event_id == events.cluster_id).all()
        assert str(events.quad_class.dtype).lower().startswith("int") and events.negated.dtype == bool
        assert events.goldstein.dtype == float and events.num_mentions.dtype.kind == "i"
        assert events.date.dtype.kind == "M" and events.article_date.dtype.kind == "M"
        everything = store.events(deduplicated=False)
        assert len(everything) == events.num_mentions.sum() > len(events)
        assert set(everything.cluster_id) == set(events.event_id)
        arrow = store.events_arrow()
        assert arrow.column_names == list(EVENT_COLUMNS) and arrow.num_rows == len(events)
        assert arrow.column("event_id").to_pylist() == list(events.event_id)
        with pytest.raises(StoreError, match="read-only"):
            store.ingest([SAMPLES])


def test_event_filters_apply_to_the_event_day_and_either_actor(sample_db):
    with Store.open(sample_db, read_only=True) as store:
        everything = store.events(deduplicated=False)
        aze = store.events(actor="AZE", deduplicated=False)
        assert len(aze) == ((everything.source_code == "AZE") | (everything.target_code == "AZE")).sum() > 0
        in_2024 = store.events(since="2024", until="2024", deduplicated=False)
        days = store.query("SELECT event_day FROM events WHERE event_day BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'")
        assert len(in_2024) == len(days) > 0
        september = store.events(since="2024-09", until="2024-09-30")
        assert 0 < len(september) < len(store.events(since="2024"))
        with pytest.raises(StoreError, match="not a date"):
            store.events(since="last week")


def test_as_date_reads_days_months_and_years():
    assert as_date("2024-02", "since") == datetime.date(2024, 2, 1)
    assert as_date("2024-02", "until") == datetime.date(2024, 2, 29)
    assert as_date("2023", "until") == datetime.date(2023, 12, 31)
    assert as_date("2024-12", "until") == datetime.date(2024, 12, 31)
    assert as_date(datetime.datetime(2024, 5, 6, 7, 8), "since") == datetime.date(2024, 5, 6)


def test_dyad_and_align_delegate_to_the_align_package(sample_db, monkeypatch):
    calls = []
    fake = types.ModuleType("aliansi.align")
    fake.dyad_series = lambda events, a, b, *, freq: calls.append(("dyad", len(events), a, b, freq)) or "series"
    fake.alignment = lambda events, state, **options: calls.append(("align", len(events), state, options)) or "index"
    monkeypatch.setitem(sys.modules, "aliansi.align", fake)
    with Store.open(sample_db, read_only=True) as store:
        assert store.dyad("KAZ", "DEU", freq="week") == "series"
        assert store.align("AZE", blocs=("WEST", "RUSSIA")) == "index"
        assert store.align("AZE") == "index"
        kaz, aze = len(store.events(actor="KAZ")), len(store.events(actor="AZE"))
    assert calls == [
        ("dyad", kaz, "KAZ", "DEU", "week"),
        ("align", aze, "AZE", {"freq": "month", "blocs": ["WEST", "RUSSIA"]}),
        ("align", aze, "AZE", {"freq": "month"}),
    ]


# --------------------------------------------------------------------------- exports


def export(db: Path, fmt: str, out: Path, *extra: str):
    result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return result


def test_parquet_reads_back_with_pyarrow_and_duckdb_to_the_same_rows(sample_db, tmp_path):
    out = tmp_path / "events.parquet"
    result = export(sample_db, "parquet", out)
    with Store.open(sample_db, read_only=True) as store:
        expected = store.events_arrow()
    by_pyarrow = pq.read_table(out)
    by_duckdb = duckdb.sql("SELECT * FROM read_parquet(?)", params=[str(out)]).to_arrow_table()
    assert by_pyarrow.equals(expected)
    assert by_duckdb.to_pylist() == expected.to_pylist()
    assert f"wrote {expected.num_rows} event(s)" in result.stderr


def test_csv_and_jsonl_carry_the_event_columns(sample_db, tmp_path):
    export(sample_db, "csv", tmp_path / "events.csv")
    export(sample_db, "jsonl", tmp_path / "events.jsonl", "--all-mentions")
    with Store.open(sample_db, read_only=True) as store:
        clusters, mentions = len(store.events()), store.events(deduplicated=False)
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(EVENT_COLUMNS) and len(rows) == clusters
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(mentions) and list(lines[0]) == list(EVENT_COLUMNS)
    assert {line["event_id"] for line in lines} == set(mentions.event_id)
    assert all(line["date"] is None or datetime.date.fromisoformat(line["date"]) for line in lines)


def test_gdelt_rows_have_61_fields_with_valid_codes_and_dates(sample_db, tmp_path):
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    out = tmp_path / "events.gdelt.tsv"
    export(sample_db, "gdelt", out)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(line.split("\t")) == 61 for line in out.read_text(encoding="utf-8").splitlines())
    with Store.open(sample_db, read_only=True) as store:
        asserted = store.query(
            "SELECT count(*) FROM event_rows WHERE event_id = cluster_id AND modality = 'asserted' "
            "AND NOT negated AND event_day IS NOT NULL").iloc[0, 0]
    assert len(rows) == asserted > 0
    assert len({row["GLOBALEVENTID"] for row in rows}) == len(rows)
    for row in rows:
        day = datetime.datetime.strptime(row["SQLDATE"], "%Y%m%d").date()
        assert (row["MonthYear"], row["Year"]) == (row["SQLDATE"][:6], row["SQLDATE"][:4])
        assert row["FractionDate"] == f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
        assert row["EventCode"].isdigit() and row["EventCode"].startswith(row["EventRootCode"])
        assert row["EventBaseCode"] == row["EventCode"][:3] and len(row["EventRootCode"]) == 2
        assert row["QuadClass"] in {"1", "2", "3", "4"} and -10 <= float(row["GoldsteinScale"]) <= 10
        assert int(row["NumMentions"]) >= int(row["NumArticles"]) >= 1 and int(row["NumSources"]) >= 1
        assert row["Actor1Code"].startswith(row["Actor1CountryCode"] or row["Actor1KnownGroupCode"])
        assert row["IsRootEvent"] in {"0", "1"} and len(row["DATEADDED"]) == 14
        assert all(row[c] == "" for c in GDELT_COLUMNS if "Geo_" in c)
    assert any(int(row["NumArticles"]) >= 2 for row in rows)  # the syndicated sample copy


def test_gdelt_actor_codes_are_cameo_style_and_blocs_keep_their_code():
    assert _gdelt_actor("RUS", "GOV", "Vladimir Putin") == ["RUSGOV", "VLADIMIR PUTIN", "RUS", "", "", "", "", "GOV", "", ""]
    assert _gdelt_actor("NATO", "MIL", None) == ["NATOMIL", "NATO", "", "NATO", "", "", "", "IGO", "MIL", ""]
    assert _gdelt_actor("AZE", None, "Azerbaijan\tBaku") == ["AZE", "AZERBAIJAN BAKU", "AZE", "", "", "", "", "", "", ""]
    assert _gdelt_actor(None, None, None) == [""] * 10


def test_plover_records_carry_the_evidence_polecat_omits(sample_db, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    export(sample_db, "plover", out, "--actor", "KAZ")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    for record in records:
        assert {"event_type", "mode", "context", "actor", "recipient", "date", "modality", "negated", "evidence", "story"} <= set(record)
        assert "KAZ" in (record["actor"]["code"], record["recipient"]["code"])
        assert record["evidence"]["text"] and record["evidence"]["text"] in record["evidence"]["sentence"]
        assert record["modality"] in {"asserted", "planned", "hypothetical", "claimed"}
        assert isinstance(record["negated"], bool) and record["num_articles"] >= 1


def test_export_filters_and_errors(sample_db, tmp_path):
    with Store.open(sample_db, read_only=True) as store:
        kaz_2024 = len(store.events(actor="KAZ", since="2024-01-01", until="2024-12-31"))
    result = export(sample_db, "jsonl", tmp_path / "kaz.jsonl", "--actor", "KAZ", "--since", "2024-01-01", "--until", "2024-12-31")
    assert f"wrote {kaz_2024} event(s)" in result.stderr and kaz_2024 > 0
    bad_date = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "x.csv"), "--db", str(sample_db), "--since", "soon"])
    missing = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "x.csv"), "--db", str(tmp_path / "none.duckdb")])
    mentions = runner.invoke(app, ["export", "-f", "gdelt", "-o", str(tmp_path / "x.tsv"), "--db", str(sample_db), "--all-mentions"])
    for result, message in ((bad_date, "is not a date"), (missing, "no database at"), (mentions, "gdelt rows are events")):
        assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output
