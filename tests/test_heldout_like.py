"""Quality floors on our own held-out-like articles (tests/fixtures/heldout_like/).

Twelve Indonesian and three English articles written for this test in the style of the shared gold
(Antara/Kompas-like datelines, quotes, denials, threats, planned and hypothetical acts, background
events, passives, "kedua negara"), hand-annotated by ../shared/gold/GUIDE.md before the coder was run
on them (h13-h15 were written after the first round of fixes, as a fresh check). They were never tuned
on sentence by sentence: the fixes they prompted are general language pack entries, each with its own
example sentence. Scoring is the `aliansi evaluate` code.

The floors sit a little below the scores reached when they were set, so that a regression fails
here while small changes in unrelated patterns do not:
  all articles         F1 0.87 (floor 0.80)
  Indonesian articles  F1 0.91 (floor 0.82)
"""

from pathlib import Path

import pytest

from aliansi.evaluate import load_gold
from aliansi.evaluate.report import cleaning_report, events_report, paired
from aliansi.ingest import read_paths
from aliansi.pipeline import Pipeline

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "heldout_like"
F1_FLOOR = 0.80
F1_FLOOR_INDONESIAN = 0.82


@pytest.fixture(scope="module")
def pairs():
    gold = load_gold(FIXTURES / "gold.jsonl")
    articles = list(Pipeline().run(read_paths([FIXTURES / "articles"])))
    coded = paired(articles, gold)
    assert len(coded) == len(gold) == len(articles)
    return coded


def test_event_f1_stays_above_its_floor(pairs):
    overall = events_report(pairs)["overall"]
    assert overall["f1"] >= F1_FLOOR, overall


def test_indonesian_event_f1_stays_above_its_floor(pairs):
    indonesian = [(article, gold) for article, gold in pairs if gold.lang == "id"]
    assert len(indonesian) == 12
    overall = events_report(indonesian)["overall"]
    assert overall["f1"] >= F1_FLOOR_INDONESIAN, overall


def test_no_must_not_hits(pairs):
    report = events_report(pairs)
    hits = {row["article"]: row["must_not"] for row in report["articles"] if row["must_not_hits"]}
    assert hits == {}


def test_dates_boilerplate_and_evidence_are_right(pairs):
    overall = cleaning_report(pairs)["overall"]
    assert overall["date_accuracy_where_gold_has_date"] == 1.0
    assert overall["boilerplate_removed"] == overall["boilerplate_total"]
    assert overall["language_accuracy"] == 1.0
    assert overall["evidence_offsets_ok"]
