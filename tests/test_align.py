"""Dyad series and the alignment index (aliansi.align) on hand-made events, and their commands."""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import aliansi
from aliansi import kb
from aliansi.align import alignment, dyad_series, load_blocs
from aliansi.align.commands import register
from aliansi.align.index import INCOMING_WEIGHT, SMOOTHING
from aliansi.errors import AliansiError, LangPackError

REPO = Path(__file__).resolve().parents[1]
_ids = itertools.count(1)

# (cameo, root, quad_class, goldstein) of a few codes of the pinned ICEWS table
SIGN = ("057", "05", 1, 8.0)        # sign a formal agreement
CONSULT = ("040", "04", 1, 1.0)     # consult
AID = ("070", "07", 2, 7.0)         # provide aid
CRITICIZE = ("111", "11", 3, -2.0)  # criticize or denounce
FIGHT = ("190", "19", 4, -10.0)     # use conventional military force


def ev(source: str, target: str, date: str | None, code=SIGN, **extra) -> dict:
    """One event of the input contract; asserted, not negated, one article, full confidence."""
    cameo, root, quad, goldstein = code
    number = next(_ids)
    row = {
        "event_id": f"e{number}", "article_id": f"art{number}", "source_code": source, "target_code": target,
        "cameo": cameo, "root": root, "quad_class": quad, "goldstein": goldstein, "modality": "asserted", "negated": False,
        "date": pd.Timestamp(date) if date else None, "date_precision": "day" if date else None,
        "evidence_text": f"{source} {cameo} {target}", "evidence_sentence": f"{source} did {cameo} to {target}.",
        "confidence": 1.0, "num_articles": 1,
    }
    row.update(extra)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def single(events: pd.DataFrame, state: str = "AZE", **kwargs) -> pd.Series:
    result = alignment(events, state, **kwargs)
    assert len(result) == 1, result
    return result.iloc[0]


def expected(first: float, second: float) -> float:
    """The score when each bloc's events all push the same way, so that V_P = |W_P|."""
    return (first - second) / (abs(first) + abs(second) + SMOOTHING)


# --------------------------------------------------------------------------- direction of the score


@pytest.mark.parametrize(
    ("counterpart", "code", "sign"),
    [
        ("DEU", SIGN, +1),       # cooperating with a WEST member: toward WEST
        ("RUS", SIGN, -1),       # cooperating with Russia: toward RUSSIA
        ("USA", CRITICIZE, -1),  # conflict with a WEST member: away from WEST
        ("KAZ", FIGHT, +1),      # conflict with a RUSSIA member: away from RUSSIA
        ("NATO", CONSULT, +1),   # the bloc itself as an actor counts for its pole
        ("EAEU", AID, -1),
    ],
)
def test_cooperation_moves_toward_a_bloc_and_conflict_away(counterpart, code, sign):
    row = single(frame(ev("AZE", counterpart, "2023-05-10", code)))
    assert np.sign(row["score"]) == sign


def test_more_cooperation_with_the_first_bloc_raises_the_score():
    base = [ev("AZE", "RUS", "2023-05-02", SIGN), ev("AZE", "FRA", "2023-05-03", CONSULT)]
    before = single(frame(*base))["score"]
    after = single(frame(*base, ev("AZE", "ITA", "2023-05-04", AID)))["score"]
    worse = single(frame(*base, ev("AZE", "ITA", "2023-05-04", CRITICIZE)))["score"]
    assert worse < before < after


def test_score_follows_the_documented_formula():
    events = frame(
        ev("AZE", "DEU", "2023-05-10", SIGN, confidence=0.5),       # 0.8 × 0.5
        ev("RUS", "AZE", "2023-05-11", CRITICIZE, num_articles=3),  # -0.2 × 0.5 (incoming) × log2(4)
    )
    row = single(events)
    first, second = 0.8 * 0.5, -0.2 * INCOMING_WEIGHT * 2.0
    assert row["net_first"] == pytest.approx(first)
    assert row["net_second"] == pytest.approx(second)
    assert row["score"] == pytest.approx(expected(first, second))
    assert sum(item["contribution"] for item in row["top_events"]) == pytest.approx(row["score"])


def test_mixed_relations_score_near_zero_however_heavy():
    # Heavy, mixed relations with both blocs: with DEU 25 agreements and 17 attacks (net +3), with
    # RUS 20 agreements and 19 attacks (net -3). Dividing the nets by themselves would read this as
    # a strong lean to the West (6 / 7); dividing by all the evidence keeps it near 0.
    rows = [ev("AZE", "DEU", "2023-05-01", SIGN) for _ in range(25)] + [ev("AZE", "DEU", "2023-05-02", FIGHT) for _ in range(17)]
    rows += [ev("AZE", "RUS", "2023-05-03", SIGN) for _ in range(20)] + [ev("AZE", "RUS", "2023-05-04", FIGHT) for _ in range(19)]
    row = single(frame(*rows))
    assert (row["net_first"], row["net_second"]) == (pytest.approx(3.0), pytest.approx(-3.0))
    assert row["volume"] == pytest.approx(37 + 35)
    assert row["score"] == pytest.approx(6 / (72 + SMOOTHING))
    assert row["ci_low"] < row["score"] < row["ci_high"]


def test_what_the_state_does_weighs_more_than_what_is_done_to_it():
    outgoing = single(frame(ev("AZE", "DEU", "2023-05-10", SIGN)))["score"]
    incoming = single(frame(ev("DEU", "AZE", "2023-05-10", SIGN)))["score"]
    assert outgoing == pytest.approx(expected(0.8, 0))
    assert incoming == pytest.approx(expected(0.8 * INCOMING_WEIGHT, 0))


def test_repeated_coverage_is_dampened_not_counted_as_more_events():
    once = single(frame(ev("AZE", "DEU", "2023-05-10", SIGN, num_articles=1)))
    many = single(frame(ev("AZE", "DEU", "2023-05-10", SIGN, num_articles=100)))
    assert many["net_first"] == pytest.approx(0.8 * math.log2(101))
    assert many["events"] == once["events"] == 1


def test_only_asserted_non_negated_dated_events_count():
    events = frame(
        ev("AZE", "RUS", "2023-05-10", SIGN, modality="planned"),
        ev("AZE", "RUS", "2023-05-10", SIGN, modality="hypothetical"),
        ev("AZE", "RUS", "2023-05-10", SIGN, modality="claimed"),
        ev("AZE", "RUS", "2023-05-10", SIGN, negated=True),
        ev("AZE", "RUS", None, SIGN),
        ev("AZE", "AZE", "2023-05-10", SIGN),   # acting on itself
        ev("AZE", "IDN", "2023-05-10", SIGN),   # in neither bloc
        ev("AZE", "USA", "2023-05-10", CONSULT),
    )
    row = single(events)
    assert row["events"] == 1 and row["score"] > 0


# --------------------------------------------------------------------------- membership dates


def _blocs_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "blocs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


NATO_VS_CSTO = """
- code: NATO_ONLY
  name: NATO members alone
  members_of: [NATO]
- code: CSTO_ONLY
  name: CSTO members alone
  members_of: [CSTO]
"""


@pytest.mark.parametrize(
    ("counterpart", "day", "counts"),
    [
        ("SWE", "2024-03-06", False),  # Sweden joined NATO on 2024-03-07
        ("SWE", "2024-03-07", True),
        ("FIN", "2023-04-03", False),  # Finland joined NATO on 2023-04-04
        ("FIN", "2023-04-04", True),
        ("ARM", "2024-02-21", True),   # Armenia froze its CSTO participation on 2024-02-22
        ("ARM", "2024-02-22", False),
        ("UZB", "2010-06-01", True),   # Uzbekistan back in the CSTO 2006-2012
        ("UZB", "2013-06-01", False),
    ],
)
def test_a_counterpart_counts_only_while_a_member(tmp_path, counterpart, day, counts):
    definitions = _blocs_file(tmp_path, NATO_VS_CSTO)
    result = alignment(frame(ev("AZE", counterpart, day, SIGN)), "AZE", blocs=("NATO_ONLY", "CSTO_ONLY"), definitions=definitions)
    assert len(result) == (1 if counts else 0)


def test_kb_blocs_not_in_the_definitions_are_their_members_and_themselves():
    before, after = ev("AZE", "SWE", "2024-03-06", SIGN), ev("AZE", "SWE", "2024-03-07", SIGN)
    assert alignment(frame(before), "AZE", blocs=("NATO", "CSTO")).empty
    assert single(frame(after), blocs=("NATO", "CSTO"))["score"] > 0
    assert single(frame(ev("AZE", "CSTO", "2024-03-07", CRITICIZE)), blocs=("NATO", "CSTO"))["score"] > 0


def test_west_counts_finland_before_nato_through_the_eu():
    row = single(frame(ev("AZE", "FIN", "2023-03-01", SIGN)))
    assert row["score"] > 0 and row["top_events"][0]["blocs"] == ["WEST"]


def test_suspended_members_count_when_a_file_says_so(tmp_path):
    text = NATO_VS_CSTO.replace("members_of: [CSTO]", "members_of: [CSTO]\n  statuses: [member, suspended]")
    definitions = _blocs_file(tmp_path, text)
    row = single(frame(ev("AZE", "ARM", "2024-06-01", SIGN)), blocs=("NATO_ONLY", "CSTO_ONLY"), definitions=definitions)
    assert row["score"] < 0


def test_custom_bloc_file_with_dated_actors(tmp_path):
    definitions = _blocs_file(tmp_path, """
- code: NORDIC
  name: Nordic NATO newcomers
  actors: [{code: FIN, from: 2023-04-04}, {code: SWE, from: 2024-03-07}]
- code: KREMLIN
  name: Russia alone
  actors: [RUS]
""")
    loaded = load_blocs(definitions)
    assert set(loaded) == {"NORDIC", "KREMLIN"}
    events = frame(
        ev("NOR", "SWE", "2024-01-10", SIGN),   # before Sweden counts: nothing in January
        ev("NOR", "SWE", "2024-04-10", SIGN),
        ev("NOR", "RUS", "2024-04-11", CRITICIZE),
    )
    result = alignment(events, "NOR", blocs=("NORDIC", "KREMLIN"), definitions=loaded)
    assert result["period"].dt.strftime("%Y-%m").tolist() == ["2024-04"]
    assert result.iloc[0]["score"] == pytest.approx(expected(0.8, -0.2))
    assert result.attrs["blocs"] == ["NORDIC", "KREMLIN"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- code: X1\n  members_of: [NATO]\n", r"blocs\.yaml at 0: 'name' is a required property"),
        ("- code: X1\n  name: x\n  members_of: [NATOX]\n", r"blocs\.yaml at 0/members_of/0: 'NATOX' is not a bloc"),
        ("- code: X1\n  name: x\n  actors: [QQQ]\n", r"blocs\.yaml at 0/actors/0: 'QQQ' is neither a state"),
        ("- code: X1\n  name: x\n  actors: [{code: SWE, from: 2024-03-07, to: 2024-01-01}]\n", r"at 0/actors/0/to"),
        ("- code: X1\n  name: x\n  actors: [RUS]\n- code: X1\n  name: y\n  actors: [CHN]\n", r"at 1/code: duplicate"),
    ],
)
def test_bad_bloc_files_name_the_file_and_the_place(tmp_path, text, message):
    with pytest.raises(LangPackError, match=message):
        load_blocs(_blocs_file(tmp_path, text))


def test_packaged_blocs_load_and_have_a_schema_for_the_kb_check():
    # kb.validate_all() (tests/test_kb.py) schema-checks every kb/*.yaml and refuses one without a schema.
    kb_dir = Path(kb.__file__).parent
    assert (kb_dir / "schemas" / "alignment_blocs.json").is_file()
    blocs = load_blocs()
    assert {"WEST", "RUSSIA", "CHINA"} <= set(blocs)
    assert blocs["WEST"].members_of == ("NATO", "EU")


def test_unknown_or_repeated_blocs_are_errors():
    events = frame(ev("AZE", "RUS", "2023-05-10"))
    with pytest.raises(AliansiError, match="unknown bloc 'NOWHERE'"):
        alignment(events, "AZE", blocs=("WEST", "NOWHERE"))
    with pytest.raises(AliansiError, match="two different blocs"):
        alignment(events, "AZE", blocs=("WEST", "WEST"))


# --------------------------------------------------------------------------- dates and periods


def test_background_events_count_at_their_own_dates():
    # A 2020 war recalled in a 2023 article counts in 2020.
    events = frame(ev("AZE", "ARM", "2020-10-05", FIGHT), ev("AZE", "USA", "2023-05-10", CONSULT))
    dyad = dyad_series(events, "AZE", "ARM")
    assert dyad.loc[dyad["events"] > 0, "period"].dt.strftime("%Y-%m").unique().tolist() == ["2020-10"]
    periods = alignment(events, "AZE")["period"].dt.strftime("%Y-%m").tolist()
    assert periods == ["2020-10", "2023-05"]


def test_year_precision_is_spread_over_its_months_and_weeks():
    events = frame(ev("AZE", "ARM", "2020-01-01", FIGHT, date_precision="year"))
    months = dyad_series(events, "AZE", "ARM").query("direction == 'both'")
    assert len(months) == 12 and months["events"].sum() == pytest.approx(1.0)
    assert months["events"].iloc[1] == pytest.approx(29 / 366)  # February of a leap year
    assert months["spread"].sum() == pytest.approx(1.0)
    weeks = dyad_series(events, "AZE", "ARM", freq="week").query("direction == 'both'")
    assert weeks["period"].iloc[0] == pd.Timestamp("2019-12-30")  # the Monday of the week of 2020-01-01
    assert weeks["events"].sum() == pytest.approx(1.0)
    assert len(alignment(events, "AZE")) == 12


def test_month_precision_stays_in_its_month():
    events = frame(ev("AZE", "ARM", "2021-03-01", FIGHT, date_precision="month"))
    months = dyad_series(events, "AZE", "ARM").query("direction == 'both'")
    assert months["events"].tolist() == [1.0] and months["spread"].tolist() == [0.0]
    assert dyad_series(events, "AZE", "ARM", freq="week").query("direction == 'both'")["events"].sum() == pytest.approx(1.0)


# --------------------------------------------------------------------------- bounds, intervals, evidence


@pytest.fixture(scope="module")
def busy() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    codes = [SIGN, CONSULT, AID, CRITICIZE, FIGHT]
    counterparts = ["USA", "DEU", "FRA", "NATO", "RUS", "KAZ", "BLR", "CSTO", "IDN"]
    rows = []
    for _ in range(600):
        a, b = "AZE", str(rng.choice(counterparts))
        if rng.random() < 0.4:
            a, b = b, a
        day = pd.Timestamp("2022-01-01") + pd.Timedelta(days=int(rng.integers(0, 540)))
        rows.append(ev(a, b, day.isoformat(), codes[rng.integers(len(codes))],
                       confidence=float(rng.uniform(0.3, 1.0)), num_articles=int(rng.integers(1, 50))))
    # one-sided extremes: the score must stay inside (-1, 1) however much evidence piles up
    rows += [ev("AZE", "USA", "2024-01-15", AID, num_articles=10_000) for _ in range(200)]
    rows += [ev("AZE", "RUS", "2024-02-15", AID, num_articles=10_000) for _ in range(200)]
    return frame(*rows)


def test_scores_are_bounded_and_inside_their_intervals(busy):
    result = alignment(busy, "AZE")
    assert len(result) >= 18
    assert result["score"].between(-1, 1).all()
    assert (result["ci_low"] <= result["score"]).all() and (result["score"] <= result["ci_high"]).all()
    assert result["ci_low"].between(-1, 1).all() and result["ci_high"].between(-1, 1).all()
    assert (result["ci_high"] - result["ci_low"]).max() > 0  # mixed periods are uncertain
    extremes = result.set_index(result["period"].dt.strftime("%Y-%m"))["score"]
    assert 0.99 < extremes["2024-01"] < 1 and -1 < extremes["2024-02"] < -0.99


def test_same_seed_same_result_and_periods_independent_of_each_other(busy):
    one, two = alignment(busy, "AZE", seed=3), alignment(busy, "AZE", seed=3)
    pd.testing.assert_frame_equal(one, two)
    other = alignment(busy, "AZE", seed=4)
    assert not np.allclose(one["ci_low"], other["ci_low"])
    # a period's interval does not depend on which other periods are in the data
    march = busy[pd.to_datetime(busy["date"]).dt.strftime("%Y-%m") == "2022-03"]
    alone = alignment(march, "AZE", seed=3).iloc[0]
    within = one[one["period"] == pd.Timestamp("2022-03-01")].iloc[0]
    assert (alone["ci_low"], alone["ci_high"]) == (within["ci_low"], within["ci_high"])


def test_top_events_are_the_five_that_weigh_most_with_their_evidence(busy):
    row = alignment(busy, "AZE").iloc[3]
    top = row["top_events"]
    assert len(top) == 5 and row["events"] > 5
    sizes = [abs(item["contribution"]) for item in top]
    assert sizes == sorted(sizes, reverse=True)
    assert {"event_id", "article_id", "evidence_text", "contribution"} <= top[0].keys()
    assert top[0]["evidence_text"] and top[0]["article_id"].startswith("art")


def test_no_bootstrap_gives_no_interval():
    row = single(frame(ev("AZE", "DEU", "2023-05-10"), ev("AZE", "RUS", "2023-05-11")), bootstrap=0)
    assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])


# --------------------------------------------------------------------------- dyad series


def test_dyad_counts_each_direction_and_both():
    events = frame(
        ev("AZE", "RUS", "2023-01-10", CONSULT),
        ev("AZE", "RUS", "2023-01-20", FIGHT, num_articles=4),
        ev("RUS", "AZE", "2023-01-25", CRITICIZE),
        ev("RUS", "AZE", "2023-03-02", AID),
        ev("AZE", "TUR", "2023-02-02", AID),            # another dyad
        ev("RUS", "AZE", "2023-02-02", AID, negated=True),
    )
    dyad = dyad_series(events, "AZE", "RUS").set_index(["period", "direction"])
    jan = pd.Timestamp("2023-01-01")
    forward, backward, both = (dyad.loc[(jan, d)] for d in ("AZE->RUS", "RUS->AZE", "both"))
    assert (forward["events"], forward["quad1"], forward["quad4"]) == (2, 1, 1)
    assert (forward["goldstein_sum"], forward["goldstein_mean"]) == (-9.0, -4.5)
    assert forward["articles"] == 5
    assert (backward["events"], backward["quad3"], backward["goldstein_sum"]) == (1, 1, -2.0)
    assert both["events"] == 3 and both["goldstein_sum"] == -11.0
    feb = dyad.loc[(pd.Timestamp("2023-02-01"), "both")]  # a quiet month is a zero, not a gap
    assert feb["events"] == 0 and math.isnan(feb["goldstein_mean"])
    assert dyad.loc[(pd.Timestamp("2023-03-01"), "RUS->AZE"), "quad2"] == 1
    assert len(dyad) == 9


def test_dyad_weeks_start_on_monday_and_empty_dyads_are_empty():
    events = frame(ev("AZE", "RUS", "2023-01-15", CONSULT), ev("RUS", "AZE", "2023-01-16", CONSULT))  # a Sunday, a Monday
    weeks = dyad_series(events, "AZE", "RUS", freq="week")
    assert weeks["period"].drop_duplicates().dt.strftime("%Y-%m-%d").tolist() == ["2023-01-09", "2023-01-16"]
    assert dyad_series(events, "AZE", "USA").empty
    with pytest.raises(AliansiError, match="unknown frequency"):
        dyad_series(events, "AZE", "RUS", freq="day")


# --------------------------------------------------------------------------- commands


class FakeStore:
    def __init__(self, events: pd.DataFrame):
        self._events = events
        self.closed = False

    def events(self) -> pd.DataFrame:
        return self._events

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def cli(monkeypatch):
    events = frame(
        ev("AZE", "USA", "2023-05-10", SIGN), ev("RUS", "AZE", "2023-05-12", CRITICIZE),
        ev("AZE", "RUS", "2023-07-01", CONSULT), ev("AZE", "TUR", "2023-07-02", AID),
    )
    opened = []

    def fake_open(db=None):
        store = FakeStore(events)
        opened.append((db, store))
        return store

    monkeypatch.setattr(aliansi, "open", fake_open, raising=False)
    app = typer.Typer()
    register(app)
    return app, opened


runner = CliRunner()


def test_dyad_command_prints_json_from_the_store(cli, tmp_path):
    app, opened = cli
    result = runner.invoke(app, ["dyad", "aze", "RUS", "--json", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["a"], data["b"], data["freq"]) == ("AZE", "RUS", "month")
    rows = {(row["period"], row["direction"]): row for row in data["series"]}
    assert rows[("2023-05-01", "RUS->AZE")]["events"] == 1
    assert rows[("2023-06-01", "both")]["goldstein_mean"] is None
    assert rows[("2023-07-01", "AZE->RUS")]["quad1"] == 1
    [(db, store)] = opened
    assert db == tmp_path / "x.duckdb" and store.closed


def test_align_command_prints_json_with_evidence(cli):
    app, opened = cli
    result = runner.invoke(app, ["align", "AZE", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["state"], data["blocs"], data["freq"]) == ("AZE", ["WEST", "RUSSIA"], "month")
    may, july = data["periods"]
    assert may["period"] == "2023-05-01" and may["score"] > 0 and may["events"] == 2
    assert may["ci_low"] <= may["score"] <= may["ci_high"]
    assert july["events"] == 2 and july["score"] == pytest.approx(expected(0.7, 0.1))  # aid to TUR (NATO) beats consulting RUS
    assert {"event_id", "article_id", "evidence_text", "contribution"} <= may["top_events"][0].keys()
    assert opened[0][0] is None  # no --db: the store's default path


def test_align_command_with_a_blocs_file_and_weeks(cli, tmp_path):
    app, _ = cli
    path = _blocs_file(tmp_path, NATO_VS_CSTO)
    result = runner.invoke(app, ["align", "AZE", "--blocs", "NATO_ONLY,CSTO_ONLY", "--blocs-file", str(path), "--freq", "week", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["blocs"] == ["NATO_ONLY", "CSTO_ONLY"]
    assert [p["period"] for p in data["periods"]] == ["2023-05-08", "2023-06-26"]


def test_commands_print_tables_and_plain_errors(cli, tmp_path):
    app, _ = cli
    table = runner.invoke(app, ["align", "AZE"])
    assert table.exit_code == 0 and "2023-05-01" in table.stdout and "WEST" in table.stdout
    assert runner.invoke(app, ["dyad", "AZE", "RUS"]).exit_code == 0
    bad = runner.invoke(app, ["align", "AZE", "--blocs", "WEST,NOWHERE"])
    assert bad.exit_code == 2 and "unknown bloc 'NOWHERE'" in bad.stderr and "Traceback" not in bad.output
    broken = runner.invoke(app, ["align", "AZE", "--blocs-file", str(_blocs_file(tmp_path, "- code: X\n"))])
    assert broken.exit_code == 2 and "blocs.yaml" in broken.stderr


def test_readme_documents_the_commands_and_the_smoothing_constant():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dyads and alignment", 1)[1].split("\n## ", 1)[0]
    for name in ("dyad", "align"):
        assert re.search(rf"aliansi {name}\b", section)
    assert f"K = {SMOOTHING:g}" in section
