"""The English evaluation harnesses: PLOVER gold standard records and PETRARCH2 validation sentences."""

from collections import Counter
from types import SimpleNamespace

import pytest

from aliansi.evaluate.petrarch import (
    aliansi_triples,
    cameo_triples,
    country,
    evaluate_petrarch,
    f1_figures,
    load_sentences,
    petrarch_report,
    print_petrarch_report,
)
from aliansi.evaluate.plover_gsr import (
    LABEL_ROOTS,
    PloverRecord,
    evaluate_plover_gsr,
    load_records,
    plover_report,
    print_plover_report,
)


def event(source, target, cameo, *, negated=False, modality="asserted"):
    return {"source": {"code": source}, "target": {"code": target}, "cameo": cameo, "root": cameo[:2],
            "negated": negated, "modality": modality}


class FakePipeline:
    """Stands in for the Pipeline: codes each sentence into the events its test gives for it."""

    def __init__(self, events_by_text):
        self.events_by_text = events_by_text

    def run(self, raws, *, workers=1):
        for raw in raws:
            assert raw.language == "en"
            yield SimpleNamespace(id=raw.id, events=self.events_by_text.get(raw.text, []))


@pytest.fixture(scope="module")
def petr_path(shared_dir):
    return shared_dir / "eval" / "petr_validation" / "sentences.jsonl"


@pytest.fixture(scope="module")
def plover_path(shared_dir):
    return shared_dir / "eval" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"


# --- PETRARCH2 validation: country + root F1 ---------------------------------------------------

def test_petrarch3_field_reproduces_the_readme_figures(petr_path):
    report = petrarch_report(load_sentences(petr_path), {})
    petrarch3 = report["overall"]["petrarch3"]
    assert report["sentences"] == 78
    assert (round(petrarch3["precision"], 3), round(petrarch3["recall"], 3), round(petrarch3["f1"], 3)) == (
        0.898, 0.883, 0.891)
    assert report["overall"]["aliansi"]["f1"] == 0.0
    assert set(report["per_category"]) == {"AFP", "GOLD", "OTHER", "PASSIVE", "TEST", "VERB"}
    assert sum(c["sentences"] for c in report["per_category"].values()) == 78


@pytest.mark.parametrize("code, expected", [
    ("IGOEUREEC", "EU"), ("IGOUNO", "UN"), ("IGOUNOMIL", "UN"), ("IGOWSTNAT", "NATO"),
    ("IGOCOPITP", None),  # Interpol: an IGO with no bloc code
    ("USAGOV", "USA"), ("PSEREBHMSGOV", "PSE"), ("---REB", None), ("---", None),
    ("IMGMUSISI", None), ("MNCUSABUS", None),
    ("RUS", "RUS"), ("EU", "EU"), ("NATO", "NATO"), ("CSTO", None), (None, None),
])
def test_actor_codes_count_by_country_or_bloc(code, expected):
    assert country(code) == expected


def test_unknown_other_igo_and_internal_triples_are_dropped():
    codings = [
        {"source": "IGOCOPITP", "target": "---", "code": "036"},
        {"source": "---REB", "target": "USA", "code": "190"},
        {"source": "USAGOV", "target": "USA", "code": "018"},
        {"source": "UKRLEG", "target": "IGOEUREEC", "code": "051"},
    ]
    assert cameo_triples(codings) == Counter({("UKR", "EU", "05"): 1})


def test_triples_match_as_multisets():
    gold = Counter({("USA", "RUS", "11"): 2})
    assert f1_figures([(gold, Counter({("USA", "RUS", "11"): 1}))])["recall"] == 0.5
    three = f1_figures([(gold, Counter({("USA", "RUS", "11"): 3}))])
    assert (three["matched"], three["emitted"], three["precision"]) == (2, 3, 0.6667)


def test_aliansi_events_score_by_country_and_root_without_negated_ones():
    events = [event("USA", "RUS", "1124"), event("RUS", "USA", "042", negated=True), event("NATO", "RUS", "173")]
    assert aliansi_triples(events) == Counter({("USA", "RUS", "11"): 1, ("NATO", "RUS", "17"): 1})


def test_petrarch_report_scores_injected_events():
    sentences = [
        {"id": "a", "text": "A", "category": "X", "gold": [{"source": "USAGOV", "target": "IRN", "code": "1014"}],
         "petrarch3": []},
        {"id": "b", "text": "B", "category": "Y", "gold": [{"source": "---", "target": "IRN", "code": "042"}],
         "petrarch3": []},
    ]
    events = {"a": [event("USA", "IRN", "101")], "b": [event("USA", "IRN", "042")]}
    report = petrarch_report(sentences, events)
    assert report["overall"]["aliansi"] == {
        "precision": 0.5, "recall": 1.0, "f1": 0.6667, "matched": 1, "emitted": 2, "expected": 1}
    assert report["per_category"]["X"]["aliansi"]["f1"] == 1.0
    assert [m["id"] for m in report["misses"]] == ["b"]


def test_evaluate_petrarch_codes_each_sentence_through_the_pipeline(petr_path, capsys):
    first = load_sentences(petr_path)[0]
    pipeline = FakePipeline({first["text"]: [event(g["source"][:3], g["target"][:3], g["code"]) for g in first["gold"]]})
    report = evaluate_petrarch(petr_path, pipeline=pipeline)
    assert report["overall"]["aliansi"]["matched"] == len(first["gold"])
    assert report["overall"]["aliansi"]["precision"] == 1.0
    print_petrarch_report(report)
    assert "0.898 / 0.883 / 0.891" in capsys.readouterr().out


# --- PLOVER gold standard records ------------------------------------------------------------------

def test_plover_records_are_the_test_sentences(plover_path):
    records = load_records(plover_path)
    assert len(records) == 322  # the DOCUMENT record is skipped
    assert {r.label for r in records} == set(LABEL_ROOTS)
    keys = [r.key for r in records]
    assert len(set(keys)) == len(keys)
    assert "PLOVER-GSR01-COERCE-0004#2" in keys
    by_key = {r.key: r for r in records}
    assert by_key["PLOVER-GSR01-CONSULT-0005"].targets == {"JPN"}  # JAP in the file
    assert by_key["PLOVER-GSR01-AGREE-0001"].sources == {"HUN", "ROU"}
    assert by_key["PLOVER-GSR01-AGREE-0002"].sources == set()  # an IGO is no country
    assert by_key["PLOVER-GSR01-AGREE-0003"].targets == set()  # target is ""


def record(key, label, sources=(), targets=()):
    return PloverRecord(key, key, label, f"text of {key}", frozenset(sources), frozenset(targets))


def test_plover_recall_counts_an_allowed_non_negated_root():
    records = [record("d1", "DISAPPROVE", {"HRV"}), record("d2", "DISAPPROVE"), record("x", "DEMAND"),
               record("p", "DEMAND")]
    events = {"d1": [event("HRV", "SRB", "111")], "d2": [event("HRV", "SRB", "112", negated=True)],
              "x": [event("USA", "IRQ", "020", modality="planned")],
              "p": [event("USA", "IRQ", "020", modality="hypothetical")]}
    report = plover_report(records, events)
    assert report["type_recall"] == 0.5  # d1 and x; d2's only event is negated, p's only hypothetical
    assert report["per_label"]["DISAPPROVE"] == {"records": 2, "recall": 0.5, "events": 1, "precision": 1.0}
    assert [m["id"] for m in report["misses"]] == ["d2", "p"]
    assert report["misses"][0]["emitted"] == ["not HRV>SRB 112"]


def test_plover_precision_counts_wrong_roots_against():
    records = [record("a", "ASSAULT"), record("f", "FIGHT")]
    events = {"a": [event("ISR", "PSE", "183"), event("ISR", "PSE", "200"), event("ISR", "PSE", "112")],
              "f": [event("AFG", "PAK", "190"), event("AFG", "PAK", "042", negated=True)]}
    report = plover_report(records, events)
    assert report["events"] == 4  # the negated event counts nowhere
    assert report["type_precision"] == 0.75
    assert report["type_recall"] == 1.0


def test_plover_source_and_target_accuracy_need_an_allowed_event():
    records = [
        record("s1", "PROTEST", {"HKG"}, {"CHN"}),
        record("s2", "PROTEST", {"PSE"}, {"ISR"}),
        record("s3", "PROTEST", set(), {"USA"}),  # no country source: out of source accuracy
    ]
    events = {
        "s1": [event("HKG", "CHN", "141")],
        "s2": [event("ISR", "PSE", "141"), event("PSE", "ISR", "042")],  # right actors only on a wrong root
        "s3": [event("IGO", "USA", "141")],
    }
    report = plover_report(records, events)
    assert (report["records_with_country_source"], report["source_accuracy"]) == (2, 0.5)
    assert (report["records_with_country_target"], report["target_accuracy"]) == (3, 0.6667)


def test_evaluate_plover_gsr_runs_every_record(plover_path, capsys):
    records = load_records(plover_path)
    first = records[0]
    pipeline = FakePipeline({first.text: [event("HUN", "ROU", "057")]})
    report = evaluate_plover_gsr(plover_path, pipeline=pipeline)
    assert report["records"] == 322
    assert report["per_label"]["AGREE"]["recall"] == round(1 / 40, 4)
    assert report["type_precision"] == 1.0
    assert len(report["misses"]) == 30
    print_plover_report(report)
    assert "AGREE" in capsys.readouterr().out


# --- quality floors: the acceptance points of issue #4 ------------------------------------------
# Measured with the real Pipeline; a change that drops below a floor fails here (trafilatura-style gate).

def test_plover_records_meet_the_issue_floors(plover_path):
    report = evaluate_plover_gsr(plover_path)
    assert report["type_recall"] >= 0.70
    assert report["type_precision"] >= 0.60
    assert report["source_accuracy"] >= 0.70


def test_petrarch_sentences_meet_the_issue_floor(petr_path):
    assert evaluate_petrarch(petr_path)["overall"]["aliansi"]["f1"] >= 0.60
