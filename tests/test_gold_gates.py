"""Quality floors on the shared gold data (trafilatura-style evaluation gates).

The floors are the acceptance levels of the issues; a change that drops below one fails here.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aliansi.evaluate import load_gold
from aliansi.evaluate.report import actors_report, cleaning_report, events_report, paired
from aliansi.ingest import read_paths
from aliansi.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def coded(shared_dir):
    """Every shared article, coded once: {set name: [(article, gold)]}."""
    pipeline = Pipeline()
    result = {}
    for name in ("seeds", "dev"):
        gold = load_gold(shared_dir / "gold" / f"{name}.jsonl")
        articles = list(pipeline.run(read_paths([shared_dir / "corpus" / name])))
        result[name] = paired(articles, gold)
        assert len(result[name]) == len(gold)
    return result


def test_code_on_the_seeds_emits_five_clean_objects_with_gold_dates(shared_dir, seed_gold):
    done = subprocess.run(
        [sys.executable, "-m", "aliansi", "code", str(shared_dir / "corpus" / "seeds"), "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    )
    articles = {a["id"]: a for a in map(json.loads, done.stdout.splitlines())}
    assert len(articles) == 5
    for gold in seed_gold:
        article = articles[gold["article"]]
        squeezed = " ".join(article["text"].split())
        for piece in gold["boilerplate"]:
            assert " ".join(piece.split()) not in squeezed
        assert article["date"] == gold["date"]
        assert article["language"] == gold["lang"]


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_cleaning_is_exact_on_gold(coded, name):
    overall = cleaning_report(coded[name])["overall"]
    assert overall["boilerplate_removed"] == overall["boilerplate_total"]
    assert overall["date_accuracy"] == 1.0
    assert overall["language_accuracy"] == 1.0
    assert overall["duplicate_accuracy"] == 1.0
    assert overall["evidence_offsets_ok"]


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_actor_floors(coded, name):
    overall = actors_report(coded[name])["overall"]
    assert overall["recall"] >= 0.95
    assert overall["precision"] >= 0.90


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_event_floors_and_no_must_not_hits(coded, name):
    overall = events_report(coded[name])["overall"]
    assert overall["must_not_hits"] == 0
    assert overall["f1"] >= 0.60


def test_every_evidence_is_the_exact_substring(coded):
    for pairs in coded.values():
        for article, _ in pairs:
            for event in article.events:
                evidence = event["evidence"]
                assert article.text[evidence["start"]:evidence["end"]] == evidence["text"]
                assert evidence["text"] in evidence["sentence"]


def test_sample_corpus_syndicated_copy_is_flagged():
    articles = {a.id: a for a in Pipeline().run(read_paths([REPO / "samples"]))}
    assert articles["kazakhstan_jerman_sanksi_salinan"].duplicate_of == "kazakhstan_jerman_sanksi"
    flagged = {a.id for a in articles.values() if a.duplicate_of}
    assert flagged == {"kazakhstan_jerman_sanksi_salinan"}
