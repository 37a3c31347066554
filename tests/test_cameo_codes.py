"""The CAMEO code table (kb/cameo.yaml) and its API in aliansi.events.codes."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from aliansi.errors import AliansiError, LangPackError
from aliansi.events import codes
from aliansi.events.codes import GOLDSTEIN_TABLE, CameoCode, all_codes, cameo, quad_class

REPO = Path(__file__).resolve().parents[1]
KB = REPO / "src" / "aliansi" / "kb"
ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.fixture(scope="module")
def csv_goldstein(shared_dir) -> dict[str, float]:
    path = shared_dir / "eval" / "cameo" / "cameo-codes.csv"
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        return {row["code"]: float(row["goldstein"]) for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def plover_table(shared_dir) -> dict[str, tuple[str, str | None]]:
    """code -> (type, mode) from CAMEO2PLOVER-2021.txt, first line per code (as the generator reads it)."""
    out: dict[str, tuple[str, str | None]] = {}
    text = (shared_dir / "eval" / "plover_gsr" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"^(\d{2,4}):(.*)$", line.split("#", 1)[0].strip())
        if m:
            fields = [f.strip() for f in m.group(2).split(",")]
            out.setdefault(m.group(1), (fields[0], (fields[1] or None) if len(fields) > 1 else None))
    return out


# --- the data file --------------------------------------------------------------------------


def test_yaml_validates_against_schema():
    data = yaml.safe_load((KB / "cameo.yaml").read_text(encoding="utf-8"))
    schema = json.loads((KB / "schemas" / "cameo.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["goldstein_table"] == GOLDSTEIN_TABLE


def test_yaml_header_names_the_pinned_table():
    header = (KB / "cameo.yaml").read_text(encoding="utf-8").split("\ncodes:", 1)[0]
    assert "ICEWS" in header and "cameo-codes.csv" in header
    assert "016, 022, 164 and 165" in header
    assert "CAMEO2PLOVER-2021" in header


def test_all_twenty_roots_exist_with_quad_class():
    table = all_codes()
    for root in ROOTS:
        entry = table[root]
        assert entry.root == root
        assert entry.quad_class == quad_class(root)


def test_every_code_has_its_root_and_parent_and_a_goldstein_in_range():
    table = all_codes()
    assert len(table) >= 300
    for code, entry in table.items():
        assert isinstance(entry, CameoCode)
        assert entry.code == code and len(code) in (2, 3, 4)
        assert entry.root == code[:2] and entry.root in table
        if len(code) == 4:
            assert code[:3] in table
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.name.strip()
        assert entry.quad_class == quad_class(entry.root)


def test_every_csv_code_is_present_with_the_csv_goldstein(csv_goldstein):
    table = all_codes()
    assert set(table) == set(csv_goldstein)
    for code, value in csv_goldstein.items():
        assert table[code].goldstein == value, code


@pytest.mark.parametrize(
    ("code", "goldstein", "word"),
    [
        ("042", 1.9, "visit"),
        ("057", 8.0, "agreement"),
        ("111", -2.0, "riticize"),
        ("112", -2.0, "Accuse"),
        ("163", -8.0, "sanctions"),
        ("190", -10.0, "military force"),
        ("193", -10.0, "small arms"),
        ("195", -10.0, "Air"),
        ("0874", 10.0, "surrender"),
        # the four codes where the ICEWS and GDELT tables differ: ICEWS values
        ("016", -5.0, "Deny"),
        ("022", 3.4, "diplomatic"),
        ("164", -6.5, "talks"),
        ("165", -7.0, "mediation"),
    ],
)
def test_spot_checks(code, goldstein, word):
    entry = cameo(code)
    assert entry.goldstein == goldstein
    assert word in entry.name


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("02", 1), ("03", 1), ("04", 1), ("05", 1), ("06", 2), ("07", 2), ("08", 2),
     ("09", 3), ("10", 3), ("11", 3), ("12", 3), ("13", 3), ("14", 4), ("15", 4), ("16", 4),
     ("17", 4), ("18", 4), ("19", 4), ("20", 4)],
)
def test_quad_class_of_each_root(root, quad):
    assert quad_class(root) == quad
    assert cameo(root).quad_class == quad


def test_quad_class_reads_longer_codes_by_root_and_rejects_junk():
    assert quad_class("0874") == 2
    assert quad_class("193") == 4
    for bad in ("00", "21", "99", "1", "abc", "", "12345"):
        with pytest.raises(AliansiError):
            quad_class(bad)


# --- PLOVER ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "ptype", "mode"),
    [
        ("042", "CONSULT", "visit"),
        ("041", "CONSULT", "phone"),
        ("036", "AGREE", None),
        ("057", "SUPPORT", None),  # the 2021 table puts signing under SUPPORT, not AGREE
        ("061", "COOPERATE", None),
        ("073", "AID", None),
        ("081", "CONCEDE", None),
        ("0871", "RETREAT", "ceasefire"),
        ("0874", "RETREAT", "disarm"),
        ("0813", "RETREAT", None),
        ("091", "ACCUSE", "investigate"),
        ("106", "REQUEST", "meet"),
        ("111", "ACCUSE", "disapprove"),
        ("112", "ACCUSE", "disapprove"),
        ("1121", "ACCUSE", "allege"),
        ("125", "REJECT", "meet"),
        ("138", "THREATEN", "violence"),
        ("141", "PROTEST", "demo"),
        ("154", "MOBILIZE", "troops"),
        ("161", "SANCTION", "withdraw"),
        ("163", "COERCE", "restrict"),  # COERCE, not SANCTION, in the 2021 table
        ("173", "COERCE", "arrest"),
        ("1712", "ASSAULT", "seize"),
        ("186", "ASSAULT", "assassinate"),
        ("190", "ASSAULT", None),
        ("191", "COERCE", "restrict"),
        ("193", "ASSAULT", "firearms"),
        ("195", "ASSAULT", "heavy-weapons"),
        ("2042", "ASSAULT", "unconventional"),
        ("08", "CONCEDE", None),
        ("010", None, None),  # roots 01 and 02 have no row in the 2021 table
        ("0231", None, None),
    ],
)
def test_plover_sample(code, ptype, mode):
    entry = cameo(code)
    assert (entry.plover_type, entry.plover_mode) == (ptype, mode)


def test_plover_matches_the_2021_table(plover_table):
    table = all_codes()
    for code, entry in table.items():
        expected = plover_table.get(code, (None, None))
        assert (entry.plover_type, entry.plover_mode) == expected, code
    assert {code[:2] for code, e in table.items() if e.plover_type is None} == {"01", "02"}


# --- API behaviour --------------------------------------------------------------------------


def test_unknown_code_raises_a_clear_aliansi_error():
    for bad in ("999", "0000", "42", "", "21"):
        with pytest.raises(AliansiError, match="unknown CAMEO event code"):
            cameo(bad)
    with pytest.raises(AliansiError, match="did you mean '042'"):
        cameo("42")
    with pytest.raises(AliansiError):
        cameo(42)  # type: ignore[arg-type]
    # not a KeyError
    with pytest.raises(AliansiError) as info:
        cameo("999")
    assert not isinstance(info.value, KeyError)


def test_entries_are_immutable_and_all_codes_is_a_copy():
    table = all_codes()
    table.pop("042")
    assert "042" in all_codes()
    with pytest.raises(AttributeError):
        cameo("042").goldstein = 0.0  # type: ignore[misc]


def _minimal(**override) -> dict:
    data = {
        "goldstein_table": GOLDSTEIN_TABLE,
        "plover_table": "test",
        "codes": [{"code": r, "name": f"root {r}", "goldstein": 0, "plover": {"type": None, "mode": None}}
                  for r in ROOTS],
    }
    data.update(override)
    return data


def test_minimal_table_parses():
    table = codes._parse(yaml.safe_dump(_minimal()), "x.yaml")
    assert set(table) == set(ROOTS)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["codes"][0].update(goldstein=11), "x.yaml at codes/0/goldstein"),
        (lambda d: d["codes"][0].update(code="42"), "x.yaml at codes/0/code"),
        (lambda d: d["codes"][0]["plover"].update(type="DEMAND"), "x.yaml at codes/0/plover/type"),
        (lambda d: d["codes"][0]["plover"].update(mode="visit"), "x.yaml at codes/0/plover"),
        (lambda d: d.update(goldstein_table="GDELT"), "x.yaml at goldstein_table"),
        (lambda d: d["codes"].append(dict(d["codes"][0])), "duplicate code '01'"),
        (lambda d: d["codes"].append({"code": "2105", "name": "n", "goldstein": 0,
                                      "plover": {"type": None, "mode": None}}), "x.yaml at codes/20/code"),
        (lambda d: d["codes"].append({"code": "0421", "name": "n", "goldstein": 0,
                                      "plover": {"type": None, "mode": None}}), "parent '042'"),
        (lambda d: d["codes"].pop(), "missing CAMEO root"),
    ],
)
def test_invalid_table_raises_langpack_error_naming_the_file(mutate, message):
    data = _minimal()
    mutate(data)
    with pytest.raises(LangPackError, match=re.escape(message)):
        codes._parse(yaml.safe_dump(data), "x.yaml")


def test_bad_yaml_raises_langpack_error():
    with pytest.raises(LangPackError, match="x.yaml is not valid YAML"):
        codes._parse("codes: [\n", "x.yaml")


# --- the generator --------------------------------------------------------------------------


def test_generator_reproduces_the_committed_yaml(shared_dir, tmp_path):
    out = tmp_path / "cameo.yaml"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_cameo.py"),
         "--cameo-csv", str(shared_dir / "eval" / "cameo" / "cameo-codes.csv"),
         "--plover", str(shared_dir / "eval" / "plover_gsr" / "CAMEO2PLOVER-2021.txt"),
         "--out", str(out)],
        check=True, capture_output=True, text=True,
    )
    assert out.read_text(encoding="utf-8") == (KB / "cameo.yaml").read_text(encoding="utf-8")
