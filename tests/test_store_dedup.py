"""Cross-article event deduplication: one event reported by several articles is one cluster."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from aliansi.models import Article
from aliansi.store import Store
from aliansi.store.dedup import MIN_JACCARD, WINDOW_DAYS, Mention, cluster_key_group, jaccard, refresh_clusters, words
from aliansi.store.load import Coded, write_batch

ATTACK = "Rusia menyerang kota Kharkiv di Ukraina dengan rudal balistik pada Senin dini hari, menewaskan lima orang."


def mention(event_id: str, day: int | None, cameo: str = "190", evidence: str = ATTACK) -> Mention:
    return Mention(event_id, cameo, None if day is None else datetime.date(2024, 6, day), evidence)


def clusters(mentions: list[Mention]) -> dict[str, str]:
    return dict(cluster_key_group(mentions))


def test_near_copies_of_one_attack_are_one_cluster_named_after_the_first_report():
    result = clusters([mention("a", 3), mention("b", 3, "195", ATTACK + " Puluhan lainnya terluka."), mention("c", 4, "190", "Rusia menyerang Kharkiv.")])
    assert result == {"a": "a", "b": "a", "c": "a"}


def test_another_event_on_the_same_dyad_stays_separate():
    meeting = "Rusia dan Ukraina bertukar tawanan perang di perbatasan setelah perundingan panjang di Istanbul."
    result = clusters([mention("attack", 3), mention("other", 4, "193", meeting), mention("later", 3 + WINDOW_DAYS + 1)])
    assert result == {"attack": "attack", "other": "other", "later": "later"}


def test_the_window_counts_from_the_first_report_so_daily_strikes_do_not_chain():
    result = clusters([mention(f"d{day}", day) for day in (1, 2, 4, 5, 8)])
    assert result == {"d1": "d1", "d2": "d1", "d4": "d1", "d5": "d5", "d8": "d5"}


def test_an_event_without_a_day_stays_alone():
    assert clusters([mention("x", None), mention("y", None), mention("z", 2)]) == {"x": "x", "y": "y", "z": "z"}


def test_evidence_similarity_threshold():
    same = words("Rusia menyerang kota Kharkiv dengan rudal balistik pada Senin")
    rewrite = words("Rusia menyerang Kharkiv dengan rudal pada Senin pagi")
    other = words("Presiden Rusia bertemu Presiden Ukraina di Istanbul pada Senin")
    assert jaccard(same, rewrite) >= MIN_JACCARD > jaccard(same, other)
    assert jaccard(frozenset(), same) == 0.0


# ------------------------------------------------------------------- the rule in the store


def event(source: str, target: str, cameo: str, day: str, *, evidence: str = ATTACK, modality: str = "asserted", negated: bool = False) -> dict:
    return {
        "source": {"code": source, "agent": None, "name": source, "text": source},
        "target": {"code": target, "agent": None, "name": target, "text": target},
        "cameo": cameo, "root": cameo[:2], "quad_class": 4 if cameo[:2] >= "18" else 1, "goldstein": -10.0 if cameo[:2] >= "18" else 1.0,
        "plover": {"type": "ASSAULT", "mode": None}, "modality": modality, "negated": negated,
        "date": day, "date_precision": "day", "attribution": None,
        "evidence": {"sentence": evidence, "start": 0, "end": 20, "text": evidence[:20]}, "confidence": 0.8, "pattern": "test",
    }


def article(article_id: str, day: str, events: list[dict], *, source: str | None = None) -> Coded:
    text = ATTACK + "\n\nLebih lanjut."
    metadata = {"title": "Kharkiv", **({"source": source} if source else {})}
    return Coded(Article(id=article_id, source_file=f"{article_id}.txt", text=text, language="id", date=day,
                         date_precision="day", metadata=metadata, events=events), f"hash-{article_id}")


@pytest.fixture
def store():
    with Store.open(":memory:") as opened:
        yield opened


def stored(store: Store, batches: list[list[Coded]]):
    for batch in batches:
        write_batch(store.connection, batch)
    refresh_clusters(store.connection)
    return store.events(deduplicated=False).set_index("article_id")


def test_three_reports_of_one_attack_count_as_one_event_with_three_articles(store):
    reports = [
        article("kompas", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03")], source="Kompas"),
        article("detik", "2024-06-04", [event("RUS", "UKR", "195", "2024-06-03", evidence=ATTACK.replace("lima", "5"))], source="Detik"),
        article("antara", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03"), event("RUS", "UKR", "190", "2024-06-03")], source="Kompas"),
        # on the same dyad: a meeting the same day and another attack ten days later
        article("tempo", "2024-06-03", [event("UKR", "RUS", "040", "2024-06-03", evidence="Menlu Ukraina bertemu Menlu Rusia.")]),
        article("later", "2024-06-13", [event("RUS", "UKR", "190", "2024-06-13")]),
    ]
    rows = stored(store, [reports[:2], reports[2:]])
    one = rows.loc[["kompas", "detik", "antara"]]
    assert one.cluster_id.nunique() == 1
    assert set(zip(one.num_mentions, one.num_articles, one.num_sources)) == {(4, 3, 2)}
    assert rows.loc["tempo", "cluster_id"] != one.cluster_id.iloc[0]
    assert rows.loc["later", "cluster_id"] != one.cluster_id.iloc[0]
    deduplicated = store.events()
    assert len(deduplicated) == 3
    first = deduplicated.set_index("cluster_id").loc[one.cluster_id.iloc[0]]
    assert (first.article_id, first.num_articles) in {("kompas", 3), ("antara", 3)}  # the earliest report


def test_symmetric_roots_merge_both_directions_and_other_roots_do_not(store):
    rows = stored(store, [[
        article("a", "2024-06-03", [event("AZE", "ARM", "040", "2024-06-03"), event("AZE", "ARM", "190", "2024-06-03")]),
        article("b", "2024-06-03", [event("ARM", "AZE", "040", "2024-06-03"), event("ARM", "AZE", "190", "2024-06-03")]),
    ]]).reset_index()
    meetings = rows[rows.cameo == "040"]
    attacks = rows[rows.cameo == "190"]
    assert meetings.cluster_id.nunique() == 1 and set(meetings.num_articles) == {2}
    assert attacks.cluster_id.nunique() == 2 and set(attacks.num_articles) == {1}


def test_negated_and_planned_acts_never_merge_with_asserted_ones(store):
    rows = stored(store, [[
        article("a", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03")]),
        article("b", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03", negated=True)]),
        article("c", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03", modality="planned")]),
    ]])
    assert rows.cluster_id.nunique() == 3


def test_clusters_do_not_depend_on_ingest_order(tmp_path):
    reports = [
        article(f"r{i}", f"2024-06-0{day}", [event("RUS", "UKR", "190", f"2024-06-0{day}")])
        for i, day in enumerate((5, 1, 3, 8, 2, 9, 4))
    ]
    results = []
    for order in (reports, reports[::-1], reports[3:] + reports[:3]):
        with Store.open(tmp_path / f"{len(results)}.duckdb") as store:
            for coded in order:  # one batch each, clustering after every one
                write_batch(store.connection, [coded])
                refresh_clusters(store.connection)
            results.append(store.query("SELECT event_id, cluster_id FROM event_rows ORDER BY event_id").values.tolist())
    assert results[0] == results[1] == results[2]
    assert len({cluster for _event, cluster in results[0]}) == 3  # June 1-4, 5-8, 9


def test_until_reclustered_a_touched_key_shows_each_event_alone(store):
    write_batch(store.connection, [article("a", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03")])])
    write_batch(store.connection, [article("b", "2024-06-03", [event("RUS", "UKR", "190", "2024-06-03")])])
    refresh_clusters(store.connection)
    assert len(store.events()) == 1
    write_batch(store.connection, [article("c", "2024-06-04", [event("RUS", "UKR", "190", "2024-06-04")])])
    assert len(store.events()) == 3  # an ingest killed here: nothing vanishes, nothing is miscounted
    assert refresh_clusters(store.connection) == 3
    assert store.events().num_articles.tolist() == [3]


def test_hand_written_reports_through_the_pipeline(tmp_path):
    """Three Indonesian reports of one missile strike, coded by the real pipeline, are one event."""
    folder = tmp_path / "in"
    folder.mkdir()
    lead = "Rusia menyerang kota Kharkiv di Ukraina dengan rudal balistik pada Senin dini hari, menewaskan sedikitnya lima orang."
    texts = {
        "kompas": f"Rusia Serang Kharkiv dengan Rudal\n\nKHARKIV, Senin (3/6/2024) - {lead}\n\nPemerintah setempat mengatakan serangan itu merusak jaringan listrik.\n",
        "detik": f"Serangan Rudal Rusia di Kharkiv\n\nKHARKIV, Selasa (4/6/2024) - {lead.replace('sedikitnya lima', 'lima')}\n\nWali kota meminta warga tetap di tempat perlindungan.\n",
        "antara": f"Kharkiv Diserang Rusia\n\nJAKARTA, Senin (3/6/2024) - {lead}\n\nUkraina meminta tambahan pertahanan udara.\n",
        "later": "Rusia Kembali Serang Kharkiv\n\nKHARKIV, Jumat (14/6/2024) - Rusia menyerang kota Kharkiv di Ukraina dengan pesawat nirawak pada Jumat malam.\n",
    }
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "news.duckdb") as store:
        summary = store.ingest([folder])
        assert summary.new == 4 and not summary.failures
        rows = store.events(deduplicated=False)
    attacks = rows[(rows.source_code == "RUS") & (rows.target_code == "UKR") & (rows.root == "19")]
    june_3 = attacks[attacks.article_id != "later"]
    assert set(june_3.article_id) == {"kompas", "detik", "antara"}
    strike = june_3.cluster_id.mode().iloc[0]
    assert june_3[june_3.cluster_id == strike].num_articles.iloc[0] == 3
    assert strike not in set(attacks[attacks.article_id == "later"].cluster_id)


def test_sample_copy_events_cluster_with_the_original():
    repo = Path(__file__).resolve().parents[1]
    with Store.open(":memory:") as store:
        store.ingest([repo / "samples" / "id" / "kazakhstan_jerman_sanksi.txt", repo / "samples" / "id" / "kazakhstan_jerman_sanksi_salinan.txt"])
        rows = store.events(deduplicated=False)
    shared = rows.groupby("cluster_id").article_id.nunique()
    assert (shared == 2).sum() >= 3  # the syndicated copy reports the same events
