"""The dashboard in a real browser against a real `aliansi serve` process on a seeded database.

Debian's chromium is driven by Playwright's Python client (never `playwright install`); the setup
installs it with apt-get when it is missing, as on a fresh CI machine. Each page must draw its
charts, no request may leave the server's host, and a screenshot of every page is written to
test-output/screenshots/ for a person to look at. The same server process shows what a second
process gets: `aliansi ingest` on the database it holds is told to use the API or stop it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from serve_support import REPO, SAMPLES, TOKEN, seeded_copy

CHROMIUM = Path("/usr/bin/chromium")
# Without these, headless chromium waits on network lookups for its own services on a machine offline.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "test-output" / "screenshots"
VIEWPORT = {"width": 1440, "height": 900}  # a laptop screen
READER_ARTICLE = "karabakh_operasi_antiteror"


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium (as root: apt-get install -y chromium)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1200)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed: {done.stderr[-2000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def db(tmp_path_factory, shared_dir):
    return seeded_copy(tmp_path_factory, shared_dir, "browser")


@pytest.fixture(scope="module")
def server(db):
    """`aliansi serve` in its own process; yields its base URL and process."""
    port = _free_port()
    env = {**os.environ, "ALIANSI_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "aliansi", "serve", "--db", str(db), "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(f"{base}/api/health")[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the server did not start: {process.stdout.read()}")
        time.sleep(0.2)
    yield base, process
    process.send_signal(signal.SIGINT)  # uvicorn's graceful stop: the server removes its marker
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    assert not db.with_name(db.name + ".server.json").exists(), "a stopped server leaves no marker"


@pytest.fixture(scope="module")
def browser():
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def context(browser, server):
    """One browser context for the module (so plotly.js is fetched once), which blocks and records
    every request that would leave the server's host."""
    base, _ = server
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.outside = []

    def route(route):
        url = route.request.url
        if url.startswith(f"{base}/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            context.outside.append(url)
            route.abort()

    context.route("**/*", route)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A fresh tab; after the test, no request may have left the host and no script may have failed."""
    errors: list[str] = []
    context.outside.clear()
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield tab
    tab.close()
    assert context.outside == [], f"requests left the host: {context.outside}"
    assert errors == [], f"script errors: {errors}"


def _open(page, server, path: str) -> None:
    base, _ = server
    response = page.goto(base + path)
    assert response.status == 200


def _charts_drawn(page, *selectors: str) -> None:
    for selector in selectors:
        page.wait_for_selector(f"{selector} svg.main-svg", timeout=15000)
        # A drawn chart has marks in it (bars, points, slices), not only axes.
        marks = page.locator(f"{selector} .point, {selector} .scatterlayer .trace path, {selector} .slice").count()
        assert marks > 0, f"{selector} drew no data"


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # a full-page shot of a scrolled page repeats the sticky header
    page.wait_for_timeout(300)  # let Plotly's transitions settle
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_overview_draws_timeline_dyads_languages_and_sources(page, server):
    _open(page, server, "/")
    _charts_drawn(page, "#timeline", "#top-dyads", "#languages", "#outlets")
    assert page.locator("ul.latest li").count() == 8
    _shot(page, "overview")


def test_dyad_explorer_shows_both_directions_and_the_events(page, server):
    _open(page, server, "/dyad?a=ARM&b=RUS")
    _charts_drawn(page, "#dyad-counts", "#dyad-goldstein")
    titles = page.locator("#dyad-counts .annotation-text").all_text_contents()
    assert "ARM->RUS" in titles and "RUS->ARM" in titles
    page.wait_for_selector("#dyad-events tbody tr")
    rows = page.locator("#dyad-events tbody tr")
    assert rows.count() > 5
    assert set(rows.first.locator("td b").all_text_contents()) <= {"ARM", "RUS"}
    _shot(page, "dyad")


def test_alignment_marks_membership_changes_and_lists_a_clicked_periods_evidence(page, server):
    _open(page, server, "/align?state=ARM&blocs=WEST,RUSSIA")
    _charts_drawn(page, "#align-chart")
    assert page.locator("#align-chart .shapelayer path").count() >= 3  # membership lines and the zero line
    assert "ARM: CSTO suspended" in page.locator("#align-changes").inner_text()
    # Click the last period's point: the evidence panel switches to that period, with sentences.
    points = page.locator("#align-chart .scatterlayer .trace:last-child .point")
    box = points.nth(points.count() - 1).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    params = json.loads(page.locator("#page-data").text_content())
    data = json.loads(_get(f"{server[0]}/api/align/ARM?since={params['since']}&until={params['until']}")[1])
    last = data["periods"][-1]
    page.wait_for_function("period => document.getElementById('align-top-heading').textContent.endsWith(period)",
                           arg=last["period"][:7])
    items = page.locator("#align-top li")
    assert items.count() == len(last["top_events"])
    assert last["top_events"][0]["evidence_text"] in items.first.locator("blockquote mark").inner_text()
    _shot(page, "alignment")


def test_network_draws_actors_by_bloc_and_lists_an_edges_events(page, server):
    _open(page, server, "/network")
    _charts_drawn(page, "#network-chart")
    legend = page.locator("#network-chart .legendtext").all_text_contents()
    assert any("West" in text for text in legend) and any("Russia" in text for text in legend)
    assert page.locator("#network-chart .shapelayer path").count() >= 2  # the blocs' areas
    page.wait_for_selector("#edge-events tbody tr")
    _shot(page, "network")


def test_reader_highlights_a_clicked_events_evidence(page, server):
    _open(page, server, f"/articles/{READER_ARTICLE}")
    assert page.locator("#article-text .mention").count() > 20
    event = page.locator(".event-item").nth(6)
    event_id = event.get_attribute("data-event")
    evidence = json.loads(_get(f"{server[0]}/api/events/{event_id}")[1])["evidence_text"]
    event.click()
    marked = page.locator("#article-text .evidence.active")
    marked.first.wait_for()
    assert "".join(marked.all_text_contents()) == evidence
    assert page.locator(".event-item.active").get_attribute("data-event") == event_id
    page.wait_for_timeout(600)  # the smooth scroll
    in_view = marked.first.evaluate("node => { const r = node.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert in_view, "the evidence must be scrolled into view"
    assert page.locator("#removed").is_hidden()
    page.locator("#show-removed").check()
    assert page.locator("#removed li").count() > 0 and page.locator("#removed").is_visible()
    _shot(page, "article")


def test_reader_opens_on_the_event_a_chart_links_to(page, server):
    events = json.loads(_get(f"{server[0]}/api/events?article_id={READER_ARTICLE}&limit=1")[1])["items"]
    _open(page, server, f"/articles/{READER_ARTICLE}?event={events[0]['event_id']}")
    assert "".join(page.locator("#article-text .evidence.active").all_text_contents()) == events[0]["evidence_text"]


def test_article_list_and_indonesian_labels(page, server):
    _open(page, server, "/articles?lang=id")
    assert page.locator("header nav a.active").inner_text() == "Artikel"
    assert page.locator("table.rows tbody tr").count() == 25
    _shot(page, "articles")
    _open(page, server, "/")  # the language stays chosen
    assert page.locator("h1").inner_text() == "Ikhtisar"
    _charts_drawn(page, "#timeline")
    assert "Kerja sama verbal" in page.locator("#timeline .legendtext").all_text_contents()


def test_api_docs_render_offline(page, server):
    _open(page, server, "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 13
    _shot(page, "docs")


def test_writes_over_http_need_the_token(server):
    base, _ = server
    body = json.dumps({"articles": [{"id": "http-test", "text": "Putin bertemu Aliyev di Moskow."}]}).encode()
    request = urllib.request.Request(f"{base}/api/articles", data=body, method="POST", headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 401
    request.add_header("Authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 201
        assert json.loads(response.read())["articles"][0]["article_id"] == "http-test"


def test_cli_ingest_against_the_servers_database_says_use_the_api(server, db):
    base, process = server
    marker = db.with_name(db.name + ".server.json")
    assert json.loads(marker.read_text()) == {"pid": process.pid, "url": base}
    done = subprocess.run([sys.executable, "-m", "aliansi", "ingest", str(SAMPLES / "en"), "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    message = " ".join(done.stderr.split())
    assert "aliansi serve" in message and f"PID {process.pid}" in message and f"POST {base}/api/articles" in message
    assert "stop the server" in message and "Traceback" not in done.stderr
    assert _get(f"{base}/api/health")[0] == 200  # the server is unharmed
