"""The REST API through FastAPI's test client, on a database seeded with the samples and the shared
seed and dev articles: filters, pagination, detail views, the write token, validation, 404s,
injection attempts, the OpenAPI schema and the offline docs."""

from __future__ import annotations

import json
import os
import re

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from aliansi.align.periods import counted
from aliansi.serve.app import create_app
from aliansi.serve.labels import LANGUAGES, labels
from aliansi.serve.reader import runs
from aliansi.store import Store

from serve_support import REPO, TOKEN, seeded_copy

MAX_BODY = 1024 * 1024
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TABLES = ("articles", "removed_pieces", "actor_mentions", "events", "event_clusters")


@pytest.fixture(scope="module")
def db(tmp_path_factory, shared_dir):
    return seeded_copy(tmp_path_factory, shared_dir, "api")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(Store.open(db), token=TOKEN, max_body=MAX_BODY)) as client:
        yield client


@pytest.fixture(scope="module")
def stats(client):
    return client.get("/api/stats").json()


@pytest.fixture(scope="module")
def every_event(client):
    """Every event cluster, read page by page before any test writes."""
    found: list[dict] = []
    while batch := items(client, offset=len(found)):
        found += batch
    return found


def items(client, **params) -> list[dict]:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def table_counts(client) -> dict[str, int]:
    state = client.app.state.aliansi
    con = state.store.connection.cursor()
    try:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for table in TABLES}
    finally:
        con.close()


# --------------------------------------------------------------------------- reading


def test_health_and_stats_describe_the_database(client, stats):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["schema_version"] >= 1 and health["database"] == "news.duckdb"
    assert health["articles"] == stats["articles"] > 20
    assert {c["value"] for c in stats["languages"]} == {"id", "en"}
    assert stats["event_clusters"] < stats["events"]  # the syndicated sample copy repeats events
    assert stats["first_article_date"] <= stats["last_article_date"]
    assert sum(c["count"] for c in stats["quad_classes"]) == stats["event_clusters"]


def test_events_are_paginated_in_a_stable_order(client, stats):
    first = client.get("/api/events", params={"limit": 10}).json()
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    both = client.get("/api/events", params={"limit": 20}).json()
    assert first["total"] == second["total"] == stats["event_clusters"]
    assert (first["limit"], second["offset"]) == (10, 10)
    ids = [e["event_id"] for e in first["items"] + second["items"]]
    assert len(set(ids)) == 20 and ids == [e["event_id"] for e in both["items"]]
    past = client.get("/api/events", params={"offset": stats["event_clusters"]}).json()
    assert past["items"] == [] and past["total"] == stats["event_clusters"]


def test_all_mentions_lists_every_report(client, stats):
    page = client.get("/api/events", params={"all_mentions": True, "limit": 1}).json()
    assert page["total"] == stats["events"]


FILTERS = [
    ({"actor": "rus"}, lambda e: "RUS" in (e["source_code"], e["target_code"])),
    ({"source": "ARM"}, lambda e: e["source_code"] == "ARM"),
    ({"target": "RUS"}, lambda e: e["target_code"] == "RUS"),
    ({"dyad": "AZE,RUS"}, lambda e: {e["source_code"], e["target_code"]} == {"AZE", "RUS"}),
    ({"cameo": "11"}, lambda e: e["cameo"].startswith("11")),
    ({"root": "04"}, lambda e: e["root"] == "04"),
    ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
    ({"quad_class": [1, 2]}, lambda e: e["quad_class"] in (1, 2)),
    ({"modality": "planned"}, lambda e: e["modality"] == "planned"),
    ({"modality": ["claimed", "hypothetical"]}, lambda e: e["modality"] in ("claimed", "hypothetical")),
    ({"negated": True}, lambda e: e["negated"] is True),
    ({"min_confidence": 0.7}, lambda e: e["confidence"] >= 0.7),
    ({"since": "2024-02", "until": "2024"}, lambda e: "2024-02-01" <= (e["event_day"] or "") <= "2024-12-31"),
    ({"language": "en"}, lambda e: e["language"] == "en"),
    ({"q": "PUTIN"}, lambda e: "putin" in (e["evidence_sentence"] or "").lower()),
    ({"article_id": "karabakh_operasi_antiteror"}, lambda e: e["article_id"] == "karabakh_operasi_antiteror"),
]


@pytest.mark.parametrize(("params", "holds"), FILTERS, ids=lambda value: str(value) if isinstance(value, dict) else "")
def test_each_filter_keeps_exactly_the_matching_events(client, stats, every_event, params, holds):
    found = items(client, **params)
    assert found, f"the seeded database has events for {params}"
    assert all(holds(e) for e in found)
    assert len(every_event) == stats["event_clusters"]
    assert len(found) == sum(1 for e in every_event if holds(e)), "the filter must keep every matching event"


def test_filters_combine(client):
    found = items(client, actor="RUS", quad_class=4, modality="asserted", negated=False)
    assert found and all(e["quad_class"] == 4 and e["modality"] == "asserted" and not e["negated"] for e in found)
    assert len(found) < len(items(client, actor="RUS"))


@pytest.mark.parametrize(("sort", "key", "reverse"), [("-confidence", "confidence", True), ("goldstein", "goldstein", False),
                                                       ("date", "event_day", False), ("-mentions", "num_mentions", True)])
def test_sort_orders(client, sort, key, reverse):
    values = [e[key] for e in items(client, sort=sort) if e[key] is not None]
    assert values == sorted(values, reverse=reverse)


def test_event_detail_has_evidence_article_and_every_report(client):
    reported = [e for e in items(client, sort="-mentions") if e["num_mentions"] > 1]
    assert reported, "the syndicated sample copy gives events with two reports"
    event = client.get(f"/api/events/{reported[0]['event_id']}").json()
    assert event["article"]["article_id"] == event["article_id"]
    assert len(event["mentions"]) == event["num_mentions"] and event["event_id"] in {m["event_id"] for m in event["mentions"]}
    assert len({m["article_id"] for m in event["mentions"]}) == event["num_articles"]
    text = client.get(f"/api/articles/{event['article_id']}").json()["text"]
    assert text[event["evidence_start"]:event["evidence_end"]] == event["evidence_text"]
    for mention in event["actor_mentions"]:
        assert event["evidence_start"] <= mention["start"] < mention["end"] <= event["evidence_end"]
        assert text[mention["start"]:mention["end"]] == mention["text"]
    assert event["cameo_name"]


def test_article_detail_offsets_index_its_text(client):
    article = client.get("/api/articles/karabakh_operasi_antiteror").json()
    text = article["text"]
    assert article["removed"] and all(piece["reason"] for piece in article["removed"])
    assert all(piece["text"] not in text for piece in article["removed"] if len(piece["text"]) > 20)
    assert {"AZE", "ARM", "RUS"} <= {actor["code"] for actor in article["actors"]}
    for actor in article["actors"]:
        for mention in actor["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    assert len(article["events"]) == article["event_count"] > 5
    for event in article["events"]:
        assert text[event["evidence_start"]:event["evidence_end"]] == event["evidence_text"]


def test_articles_list_filters_and_pages(client, stats):
    page = client.get("/api/articles", params={"limit": 5}).json()
    assert page["total"] == stats["articles"] and len(page["items"]) == 5
    dates = [a["date"] for a in page["items"] if a["date"]]
    assert dates == sorted(dates, reverse=True)
    english = client.get("/api/articles", params={"language": "en", "limit": 100}).json()
    assert english["total"] == next(c["count"] for c in stats["languages"] if c["value"] == "en")
    assert all(a["language"] == "en" for a in english["items"])
    nato = client.get("/api/articles", params={"actor": "NATO", "q": "32ND MEMBER"}).json()["items"]
    assert [a["article_id"] for a in nato] == ["sweden-joins-nato"]
    assert client.get("/api/articles", params={"actor": "CHN", "q": "32nd member"}).json()["items"] == []


@pytest.mark.parametrize("path", ["/api/events/0000", "/api/articles/no-such-article", "/api/articles/%27%20OR%20%271%27=%271"])
def test_unknown_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "no " in response.json()["detail"]


# --------------------------------------------------------------------------- aggregates


def test_dyad_series_has_both_directions(client):
    data = client.get("/api/dyads/aze/rus").json()
    assert (data["a"], data["b"], data["a_name"]) == ("AZE", "RUS", "Azerbaijan")
    by_period: dict[str, dict[str, float]] = {}
    for row in data["series"]:
        by_period.setdefault(row["period"], {})[row["direction"]] = row["events"]
    assert by_period and all(set(rows) == {"AZE->RUS", "RUS->AZE", "both"} for rows in by_period.values())
    assert all(rows["both"] == pytest.approx(rows["AZE->RUS"] + rows["RUS->AZE"]) for rows in by_period.values())
    weekly = client.get("/api/dyads/AZE/RUS", params={"freq": "week"}).json()
    assert len(weekly["series"]) > len(data["series"])


def test_top_dyads_count_asserted_events_either_way(client):
    dyads = client.get("/api/dyads", params={"limit": 5}).json()
    assert len(dyads) == 5 and [d["events"] for d in dyads] == sorted((d["events"] for d in dyads), reverse=True)
    top = dyads[0]
    assert top["events"] == top["quad1"] + top["quad2"] + top["quad3"] + top["quad4"]
    listed = items(client, dyad=f"{top['a']},{top['b']}", modality="asserted", negated=False)
    assert len(listed) == top["events"]


def test_alignment_with_evidence_sentences_and_membership_changes(client):
    data = client.get("/api/align/ARM", params={"bootstrap": 200}).json()
    assert [b["code"] for b in data["blocs"]] == ["WEST", "RUSSIA"] and data["state_name"] == "Armenia"
    assert data["periods"]
    for period in data["periods"]:
        assert -1 < period["score"] < 1
        if len(period["top_events"]) < 5:  # all of the period's events are listed: they make up its score
            assert sum(top["contribution"] for top in period["top_events"]) == pytest.approx(period["score"])
        for top in period["top_events"]:
            assert top["evidence_text"] in top["evidence_sentence"] and top["article_title"]
    suspended = [c for c in data["membership_changes"] if c["state"] == "ARM" and c["bloc"] == "CSTO"]
    assert suspended == [{"date": "2024-02-22", "bloc": "CSTO", "state": "ARM", "change": "status",
                          "status": "suspended", "involves_state": True}]
    assert any(c["state"] == "FIN" and c["bloc"] == "NATO" and c["change"] == "joined" for c in data["membership_changes"])


def test_alignment_errors_are_422(client):
    response = client.get("/api/align/ARM", params={"blocs": "WEST,NOWHERE"})
    assert response.status_code == 422 and "NOWHERE" in response.json()["detail"]
    assert client.get("/api/dyads/RUS/RUS").status_code == 422


def test_network_nodes_carry_their_pole(client):
    data = client.get("/api/network", params={"since": "2023", "until": "2024"}).json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert data["edges"] and all(e["a"] in nodes and e["b"] in nodes for e in data["edges"])
    assert all(e["events"] == e["cooperation"] + e["conflict"] for e in data["edges"])
    assert nodes["RUS"]["pole"] == "RUSSIA" and nodes["NATO"]["pole"] == "WEST" and nodes["NATO"]["kind"] == "bloc"
    assert nodes["FIN"]["pole"] == "WEST"  # a NATO and EU member on 2024-12-31
    assert all(-1 <= n["x"] <= 1 and -1 <= n["y"] <= 1 for n in nodes.values())
    assert data["since"] == "2023-01-01" and data["until"] == "2024-12-31"


def test_timeline_adds_up_to_the_counted_events(client):
    rows = client.get("/api/timeline").json()
    with _shared_reader(client) as store:
        expected = len(counted(store.events()))
    assert sum(r["events"] for r in rows) == pytest.approx(expected)
    assert all(r["events"] == pytest.approx(r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"]) for r in rows)


def _shared_reader(client) -> Store:
    # The server holds the file, so read it through the server's own connection, as the routes do.
    state = client.app.state.aliansi
    return Store(state.store.connection.cursor(), state.path, read_only=True)


def test_actor_search_covers_states_blocs_and_people(client):
    nato = client.get("/api/actors", params={"q": "nato"}).json()["items"][0]
    assert nato["code"] == "NATO" and nato["kind"] == "bloc" and nato["events"] > 0
    assert {"bloc": "NATO", "state": "FIN", "status": "member", "valid_from": "2023-04-04", "valid_to": None} in nato["memberships"]
    turkey = client.get("/api/actors", params={"q": "turkiye", "kind": "state"}).json()["items"]
    assert turkey[0]["code"] == "TUR"
    armenia = client.get("/api/actors", params={"q": "ARM"}).json()["items"][0]
    assert armenia["code"] == "ARM" and any(m["bloc"] == "CSTO" and m["status"] == "suspended" for m in armenia["memberships"])
    erdogan = client.get("/api/actors", params={"q": "erdogan"}).json()["items"][0]
    assert erdogan["kind"] == "person" and erdogan["code"] == "TUR" and erdogan["roles"] and erdogan["events"] > 0
    stored = client.get("/api/actors", params={"stored": True, "limit": 500}).json()
    assert stored["items"] and all(a["events"] > 0 for a in stored["items"])
    assert stored["total"] < client.get("/api/actors", params={"limit": 1}).json()["total"]


# --------------------------------------------------------------------------- validation and injection


@pytest.mark.parametrize(("params", "field"), [
    ({"since": "2024-13-01"}, "since"),
    ({"until": "yesterday"}, "until"),
    ({"quad_class": 5}, "quad_class"),
    ({"min_confidence": 2}, "min_confidence"),
    ({"limit": 0}, "limit"),
    ({"limit": 10_000}, "limit"),
    ({"offset": -1}, "offset"),
    ({"actor": "R"}, "actor"),
    ({"dyad": "AZE"}, "dyad"),
    ({"cameo": "1a"}, "cameo"),
    ({"modality": "rumoured"}, "modality"),
    ({"sort": "random()"}, "sort"),
    ({"negated": "maybe"}, "negated"),
    ({"acter": "RUS"}, "acter"),
])
def test_malformed_filters_get_422_naming_the_field(client, params, field):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert any(error["loc"][-1] == field or field in error["loc"] for error in errors) and all(error["msg"] for error in errors)


INJECTIONS = ["' OR 1=1 --", "x'; DROP TABLE events; --", "%", "_", "\\' OR ''='", "1) OR (1=1"]


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_attempts_return_nothing_they_should_not(client, attack):
    before = table_counts(client)
    for path, params in [("/api/events", {"q": attack}), ("/api/events", {"article_id": attack}),
                         ("/api/articles", {"q": attack}), ("/api/articles", {"outlet": attack}),
                         ("/api/actors", {"q": attack}), ("/api/events", {"actor": attack}),
                         ("/api/events", {"sort": attack}), ("/api/network", {"since": attack})]:
        response = client.get(path, params=params)
        assert response.status_code in (200, 422), (path, params, response.text)
        if response.status_code == 200:
            assert response.json()["items"] == [], (path, params)
    for path in [f"/api/events/{attack}", f"/api/articles/{attack}", f"/api/dyads/{attack}/RUS", f"/api/align/{attack}"]:
        assert client.get(path).status_code in (404, 422)
    assert table_counts(client) == before


# --------------------------------------------------------------------------- writing


ARTICLE = {"id": "api-test-1", "title": "Putin bertemu Aliyev", "published": "2024-04-22", "source": "Test Wire",
           "text": "MOSKOW, Senin (22/4/2024) - Presiden Rusia Vladimir Putin bertemu Presiden Azerbaijan Ilham Aliyev "
                   "di Kremlin pada Senin. Kedua pemimpin membahas kerja sama ekonomi."}


def test_writes_without_the_token_are_refused_with_401(client):
    before = table_counts(client)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic eDp5"}):
        response = client.post("/api/articles", json={"articles": [ARTICLE]}, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    response = client.post("/api/articles", files={"file": ("x.txt", b"Putin bertemu Aliyev.")})
    assert response.status_code == 401
    assert table_counts(client) == before


def test_post_json_codes_stores_and_reports_each_article(client):
    response = client.post("/api/articles", json={"articles": [ARTICLE]}, headers=AUTH)
    assert response.status_code == 201, response.text
    [stored] = response.json()["articles"]
    assert stored["article_id"] == "api-test-1" and stored["status"] == "new"
    assert any(e["source_code"] == "RUS" and e["target_code"] == "AZE" for e in stored["events"])
    article = client.get("/api/articles/api-test-1").json()
    assert article["outlet"] == "Test Wire" and article["source_file"] == "api:api-test-1"
    assert {e["event_id"] for e in article["events"]} == {e["event_id"] for e in stored["events"]}
    again = client.post("/api/articles", json={"articles": [ARTICLE]}, headers=AUTH).json()["articles"][0]
    assert again["status"] == "unchanged" and again["events"] == stored["events"]
    changed = {**ARTICLE, "text": ARTICLE["text"] + " Putin juga mengkritik NATO."}
    assert client.post("/api/articles", json={"articles": [changed]}, headers=AUTH).json()["articles"][0]["status"] == "replaced"


def test_post_reports_a_repeated_id_as_a_failure(client):
    second = {**ARTICLE, "id": "api-test-2"}
    result = client.post("/api/articles", json={"articles": [second, second]}, headers=AUTH).json()
    assert [a["article_id"] for a in result["articles"]] == ["api-test-2"]
    assert len(result["failures"]) == 1 and "already read" in result["failures"][0]["reason"]


def test_post_an_uploaded_file(client, tmp_path):
    feed = (REPO / "samples" / "feeds" / "berita_internasional.jsonl").read_bytes()
    result = client.post("/api/articles", files={"file": ("kiriman.jsonl", feed)}, headers=AUTH).json()
    assert {a["article_id"] for a in result["articles"]} == {"gandum-laut-hitam-2023", "sweden-joins-nato", "azal-crash-aliyev"}
    assert all(a["status"] == "unchanged" for a in result["articles"])  # the seeded database has them already
    text = "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri Turki di Ankara pada 3 Mei 2024."
    result = client.post("/api/articles", files={"file": ("unggahan_baru.txt", text.encode())}, headers=AUTH).json()
    assert result["articles"][0]["article_id"] == "unggahan_baru" and result["articles"][0]["status"] == "new"
    assert client.get("/api/articles/unggahan_baru").json()["source_file"] == "upload:unggahan_baru.txt"


@pytest.mark.parametrize(("kwargs", "status"), [
    ({"json": {"articles": []}}, 422),
    ({"json": {"articles": [{"id": "bad id!", "text": ""}]}}, 422),
    ({"json": {"articles": [{**ARTICLE, "colour": "red"}]}}, 422),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ({"content": b"plain words", "headers": {"content-type": "text/plain"}}, 415),
    ({"files": {"file": ("notes.md", b"# notes")}}, 415),
    ({"files": {"file": ("empty.jsonl", b"")}}, 422),
    ({"files": {"other": ("a.txt", b"text")}}, 422),
    ({"files": {"file": ("big.txt", b"a" * (MAX_BODY + 1))}}, 413),
])
def test_bad_writes_are_refused_with_a_reason(client, kwargs, status):
    before = table_counts(client)
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = client.post("/api/articles", headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert table_counts(client) == before


# --------------------------------------------------------------------------- schema, docs, pages


def test_openapi_schema_validates_and_documents_both_bodies(client):
    schema = client.get("/openapi.json").json()
    validate(schema)
    post = schema["paths"]["/api/articles"]["post"]
    assert set(post["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert "ArticleIn" in schema["components"]["schemas"] and "ArticlesIn" in schema["components"]["schemas"]
    assert post["security"] == [{"HTTPBearer": []}]
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/dyads/{a}/{b}", "/api/align/{state}",
            "/api/actors", "/api/stats", "/api/health", "/api/network", "/api/timeline"} <= set(schema["paths"])
    filters = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "source", "target", "dyad", "cameo", "root", "quad_class", "modality", "negated",
            "min_confidence", "since", "until", "language", "q", "limit", "offset"} <= filters


def test_docs_load_their_assets_from_this_server(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "http://" not in html and "https://" not in html
        for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert asset.startswith("/vendor/docs/") and client.get(asset).status_code == 200


PAGES = ["/", "/dyad", "/dyad?a=ARM&b=RUS", "/align", "/align?state=GEO&blocs=WEST,RUSSIA&freq=week", "/network",
         "/articles", "/articles?q=nato&page=1", "/articles/karabakh_operasi_antiteror"]


@pytest.mark.parametrize("page", PAGES)
def test_dashboard_pages_reference_no_other_host(client, page):
    response = client.get(page)
    assert response.status_code == 200 and "connect-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    # Articles may quote URLs in their text; what must stay on this host is what the page loads or links.
    references = re.findall(r'\b(?:src|href|action|srcset|poster)="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assert references
    for reference in references:
        assert reference.startswith(("/", "?", "#", "data:")) and not reference.startswith("//"), reference
        if reference.startswith(("/static/", "/vendor/")):
            assert client.get(reference).status_code == 200


def test_dashboard_scripts_and_styles_name_no_other_host():
    static = REPO / "src" / "aliansi" / "serve" / "static"
    files = sorted(static.iterdir())
    assert {f.name for f in files} >= {"app.css", "common.js", "overview.js", "dyad.js", "align.js", "network.js", "article.js"}
    for path in files:
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", path.read_text(encoding="utf-8")), path.name


def test_pages_speak_indonesian_when_asked(client):
    response = client.get("/", params={"lang": "id"})
    assert "Ikhtisar" in response.text and "Jaringan" in response.text and 'lang="id"' in response.text
    assert response.cookies.get("lang") == "id"
    client.cookies.clear()
    assert "Ikhtisar" in client.get("/network", headers={"Accept-Language": "id-ID,id;q=0.9"}).text
    assert "Overview" in client.get("/").text


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                              ("0.0.0.0", True), ("192.168.1.20", True)])
def test_serve_binds_where_asked_and_warns_off_loopback(tmp_path, monkeypatch, host, warned):
    import uvicorn
    from typer.testing import CliRunner

    from aliansi.cli import app

    started = {}
    db = tmp_path / "served.duckdb"

    def run(application, **options):  # stands in for the server loop: record what it was given
        started.update(options, marker=json.loads(db.with_name(db.name + ".server.json").read_text()))

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.delenv("ALIANSI_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", host, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == (host, 8123)
    assert started["marker"]["pid"] == os.getpid() and started["marker"]["url"].endswith(":8123")
    assert not db.with_name(db.name + ".server.json").exists(), "the marker goes when the server stops"
    output = " ".join(result.output.split())
    assert ("warning: listening on" in output) is warned
    assert len(re.findall(r"write token \(Authorization: Bearer \.\.\.\): \S{20,}", output)) == 1


def test_an_empty_database_answers_every_page_and_endpoint(tmp_path):
    with TestClient(create_app(Store.open(tmp_path / "empty.duckdb"), token=TOKEN)) as empty:
        for path in ["/", "/dyad", "/align", "/network", "/articles", "/api/events", "/api/articles", "/api/stats",
                     "/api/timeline", "/api/network", "/api/dyads", "/api/dyads/AZE/RUS", "/api/align/AZE", "/api/actors?stored=true"]:
            assert empty.get(path).status_code == 200, path
        assert empty.get("/api/align/AZE").json()["periods"] == []


def test_every_label_has_both_languages():
    table = labels()
    assert set(table) == set(LANGUAGES) and table["en"].keys() == table["id"].keys()
    assert all(table["id"][key] for key in table["id"])


def test_reader_runs_cover_the_text_and_mark_overlapping_spans():
    text = "Presiden Rusia Vladimir Putin bertemu Aliyev."
    actors = [{"code": "RUS", "name": "Vladimir Putin", "kind": "person", "mentions": [{"start": 0, "end": 29}]},
              {"code": "AZE", "name": "Ilham Aliyev", "kind": "person", "mentions": [{"start": 38, "end": 44}]}]
    events = [{"event_id": "e1", "evidence_start": 15, "evidence_end": 44}, {"event_id": "e2", "evidence_start": 30, "evidence_end": 37},
              {"event_id": "bad", "evidence_start": 40, "evidence_end": 99}]
    cut = runs(text, actors, events)
    assert "".join(r.text for r in cut) == text
    marks = {r.text: (r.actor["code"] if r.actor else None, r.events) for r in cut}
    assert marks["Presiden Rusia "] == ("RUS", ())
    assert marks["Vladimir Putin"] == ("RUS", ("e1",))
    assert marks["bertemu"] == (None, ("e1", "e2"))
    assert marks["Aliyev"] == ("AZE", ("e1",)) and marks["."] == (None, ())


def test_reader_page_marks_every_event(client):
    article = client.get("/api/articles/karabakh_operasi_antiteror").json()
    html = client.get("/articles/karabakh_operasi_antiteror").text
    for event in article["events"]:
        assert f'data-event="{event["event_id"]}"' in html
        assert re.search(rf'data-events="[^"]*{event["event_id"]}', html)
    assert html.count('class="mention') >= sum(len(a["mentions"]) for a in article["actors"])
    assert all(piece["text"] in html.replace("&#34;", '"').replace("&#39;", "'") for piece in article["removed"]
               if "&" not in piece["text"] and "<" not in piece["text"])

