#!/usr/bin/env python3
"""Regenerate ``src/aliansi/kb/cameo.yaml``, the CAMEO event-code table aliansi codes events with.

The generated YAML is the committed source of truth; this script only exists to rebuild it.
Inputs (both given on the command line):

* ``--cameo-csv``: the ICEWS CAMEO code list (andybega/icews ``cameo-codes.csv``). Only the ``code``
  and ``goldstein`` columns are read; its names, descriptions, usage notes and examples are not copied.
* ``--plover``: the public CAMEO->PLOVER conversion table (``CAMEO2PLOVER-2021.txt``, PLOVER Draft 0.8),
  lines like ``042: CONSULT, visit,   # Make a visit`` = code: type, mode, context # comment.

The short English names are hand-written below (``NAMES``). Usage::

    .venv/bin/python scripts/build_cameo.py \\
        --cameo-csv ../shared/eval/cameo/cameo-codes.csv \\
        --plover ../shared/eval/plover_gsr/CAMEO2PLOVER-2021.txt

It refuses to write when the CSV and ``NAMES`` disagree on the code set, when a Goldstein value is
missing or outside [-10, 10], or when the result does not validate against ``kb/schemas/cameo.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "aliansi" / "kb" / "cameo.yaml"
SCHEMA = REPO / "src" / "aliansi" / "kb" / "schemas" / "cameo.json"

# Keep in step with aliansi.events.codes.GOLDSTEIN_TABLE (the loader checks they agree).
GOLDSTEIN_TABLE = "ICEWS CAMEO Goldstein table (andybega/icews cameo-codes.csv)"
PLOVER_TABLE = "CAMEO2PLOVER-2021 (PLOVER Draft 0.8 conversion table, 17 September 2021)"

# Short names in our own words, one per CAMEO code.
NAMES: dict[str, str] = {
    # 01 public statement
    "01": "Public statement",
    "010": "Statement, not otherwise specified",
    "011": "Refuse to comment",
    "012": "Pessimistic remark",
    "013": "Optimistic remark",
    "014": "Weigh a policy option",
    "015": "Admit or claim responsibility",
    "016": "Deny responsibility",
    "017": "Symbolic act",
    "018": "Express sympathy",
    "019": "Express agreement",
    # 02 appeal
    "02": "Appeal",
    "020": "Appeal or request, not otherwise specified",
    "021": "Ask for material cooperation",
    "0211": "Ask for economic cooperation",
    "0212": "Ask for military cooperation",
    "0213": "Ask for judicial cooperation",
    "0214": "Ask for intelligence cooperation",
    "022": "Ask for diplomatic cooperation or policy support",
    "023": "Ask for aid",
    "0231": "Ask for economic aid",
    "0232": "Ask for military aid",
    "0233": "Ask for humanitarian aid",
    "0234": "Ask for protection or peacekeepers",
    "024": "Call for political reform",
    "0241": "Call for a change of leaders",
    "0242": "Call for a change of policy",
    "0243": "Call for rights",
    "0244": "Call for institutional or regime change",
    "025": "Call on target to yield",
    "0251": "Call for easing administrative sanctions",
    "0252": "Call for easing political dissent",
    "0253": "Call for release of people or property",
    "0254": "Call for easing sanctions, boycott or embargo",
    "0255": "Call for allowing international involvement",
    "0256": "Call for military de-escalation",
    "026": "Urge others to meet or negotiate",
    "027": "Urge others to settle a dispute",
    "028": "Urge others to take up or accept mediation",
    # 03 express intent to cooperate
    "03": "Intent to cooperate",
    "030": "Intent to cooperate, not otherwise specified",
    "031": "Intent to cooperate materially",
    "0311": "Intent to cooperate economically",
    "0312": "Intent to cooperate militarily",
    "0313": "Intent to cooperate judicially",
    "0314": "Intent to cooperate on intelligence",
    "032": "Intent to cooperate diplomatically",
    "033": "Intent to give material aid",
    "0331": "Intent to give economic aid",
    "0332": "Intent to give military aid",
    "0333": "Intent to give humanitarian aid",
    "0334": "Intent to give protection or peacekeepers",
    "034": "Intent to reform politically",
    "0341": "Intent to change leaders",
    "0342": "Intent to change policy",
    "0343": "Intent to grant rights",
    "0344": "Intent to change institutions or regime",
    "035": "Intent to yield",
    "0351": "Intent to ease administrative sanctions",
    "0352": "Intent to ease popular dissent",
    "0353": "Intent to release people or property",
    "0354": "Intent to ease sanctions, boycott or embargo",
    "0355": "Intent to allow international involvement",
    "0356": "Intent to de-escalate militarily",
    "036": "Intent to meet or negotiate",
    "037": "Intent to settle a dispute",
    "038": "Intent to accept mediation",
    "039": "Intent to mediate",
    # 04 consult
    "04": "Consult",
    "040": "Consult, not otherwise specified",
    "041": "Talk by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet on neutral ground",
    "045": "Mediate",
    "046": "Negotiate",
    # 05 diplomatic cooperation
    "05": "Diplomatic cooperation",
    "050": "Diplomatic cooperation, not otherwise specified",
    "051": "Praise or endorse",
    "052": "Defend verbally",
    "053": "Rally support for",
    "054": "Recognize diplomatically",
    "055": "Apologize",
    "056": "Forgive",
    "057": "Sign a formal agreement",
    # 06 material cooperation
    "06": "Material cooperation",
    "060": "Material cooperation, not otherwise specified",
    "061": "Economic cooperation",
    "062": "Military cooperation",
    "063": "Judicial cooperation",
    "064": "Share intelligence or information",
    # 07 provide aid
    "07": "Provide aid",
    "070": "Provide aid, not otherwise specified",
    "071": "Give economic aid",
    "072": "Give military aid",
    "073": "Give humanitarian aid",
    "074": "Give protection or peacekeepers",
    "075": "Grant asylum",
    # 08 yield
    "08": "Yield",
    "080": "Yield, not otherwise specified",
    "081": "Ease administrative sanctions",
    "0811": "Ease limits on political freedoms",
    "0812": "Lift a ban on parties or politicians",
    "0813": "Lift a curfew",
    "0814": "Lift a state of emergency or martial law",
    "082": "Ease political dissent",
    "083": "Give in to demands for political reform",
    "0831": "Give in to demands for new leaders",
    "0832": "Give in to demands for policy change",
    "0833": "Give in to demands for rights",
    "0834": "Give in to demands for institutional or regime change",
    "084": "Return or release",
    "0841": "Release or return people",
    "0842": "Return property",
    "085": "Ease sanctions, boycott or embargo",
    "086": "Allow international involvement",
    "0861": "Accept peacekeepers",
    "0862": "Accept inspectors",
    "0863": "Allow humanitarian access",
    "087": "De-escalate militarily",
    "0871": "Declare a truce or ceasefire",
    "0872": "Ease a military blockade",
    "0873": "Demobilize forces",
    "0874": "Retreat or surrender",
    # 09 investigate
    "09": "Investigate",
    "090": "Investigate, not otherwise specified",
    "091": "Investigate crime or corruption",
    "092": "Investigate human rights abuses",
    "093": "Investigate military action",
    "094": "Investigate war crimes",
    # 10 demand
    "10": "Demand",
    "100": "Demand, not otherwise specified",
    "101": "Demand material cooperation",
    "1011": "Demand economic cooperation",
    "1012": "Demand military cooperation",
    "1013": "Demand judicial cooperation",
    "1014": "Demand intelligence cooperation",
    "102": "Demand diplomatic cooperation or policy support",
    "103": "Demand aid",
    "1031": "Demand economic aid",
    "1032": "Demand military aid",
    "1033": "Demand humanitarian aid",
    "1034": "Demand protection or peacekeepers",
    "104": "Demand political reform",
    "1041": "Demand new leaders",
    "1042": "Demand a change of policy",
    "1043": "Demand rights",
    "1044": "Demand institutional or regime change",
    "105": "Demand that target yield",
    "1051": "Demand easing of administrative sanctions",
    "1052": "Demand easing of political dissent",
    "1053": "Demand release of people or property",
    "1054": "Demand easing of sanctions, boycott or embargo",
    "1055": "Demand that target allow international involvement",
    "1056": "Demand military de-escalation",
    "106": "Demand a meeting or talks",
    "107": "Demand settlement of a dispute",
    "108": "Demand mediation",
    # 11 disapprove
    "11": "Disapprove",
    "110": "Disapprove, not otherwise specified",
    "111": "Criticize or denounce",
    "112": "Accuse",
    "1121": "Accuse of crime or corruption",
    "1122": "Accuse of human rights abuses",
    "1123": "Accuse of aggression",
    "1124": "Accuse of war crimes",
    "1125": "Accuse of spying or treason",
    "113": "Rally opposition against",
    "114": "Lodge an official complaint",
    "115": "Sue",
    "116": "Find guilty or liable",
    # 12 reject
    "12": "Reject",
    "120": "Reject, not otherwise specified",
    "121": "Reject material cooperation",
    "1211": "Reject economic cooperation",
    "1212": "Reject military cooperation",
    "1213": "Reject judicial cooperation",
    "122": "Refuse material aid",
    "1221": "Refuse economic aid",
    "1222": "Refuse military aid",
    "1223": "Refuse humanitarian aid",
    "1224": "Refuse protection or peacekeepers",
    "123": "Reject calls for political reform",
    "1231": "Reject calls for new leaders",
    "1232": "Reject calls for policy change",
    "1233": "Reject calls for rights",
    "1234": "Reject calls for institutional or regime change",
    "124": "Refuse to yield",
    "1241": "Refuse to ease administrative sanctions",
    "1242": "Refuse to ease popular dissent",
    "1243": "Refuse to release people or property",
    "1244": "Refuse to ease sanctions, boycott or embargo",
    "1245": "Refuse international involvement",
    "1246": "Refuse to de-escalate militarily",
    "125": "Refuse to meet or negotiate",
    "126": "Refuse mediation",
    "127": "Reject a settlement plan",
    "128": "Defy norms or law",
    "129": "Veto",
    # 13 threaten
    "13": "Threaten",
    "130": "Threaten, not otherwise specified",
    "131": "Threaten non-violent measures",
    "1311": "Threaten to cut aid",
    "1312": "Threaten sanctions, boycott or embargo",
    "1313": "Threaten to downgrade or cut ties",
    "132": "Threaten administrative sanctions",
    "1321": "Threaten to curb political freedoms",
    "1322": "Threaten to ban parties or politicians",
    "1323": "Threaten a curfew",
    "1324": "Threaten a state of emergency or martial law",
    "133": "Threaten protest or dissent",
    "134": "Threaten to break off talks",
    "135": "Threaten to end mediation",
    "136": "Threaten to end international involvement",
    "137": "Threaten repression",
    "138": "Threaten military force",
    "1381": "Threaten a blockade",
    "1382": "Threaten occupation",
    "1383": "Threaten unconventional violence",
    "1384": "Threaten a conventional attack",
    "1385": "Threaten a WMD attack",
    "139": "Issue an ultimatum",
    # 14 protest
    "14": "Protest",
    "140": "Political dissent, not otherwise specified",
    "141": "Demonstrate or rally",
    "1411": "Demonstrate for new leaders",
    "1412": "Demonstrate for policy change",
    "1413": "Demonstrate for rights",
    "1414": "Demonstrate for institutional or regime change",
    "142": "Hunger strike",
    "1421": "Hunger strike for new leaders",
    "1422": "Hunger strike for policy change",
    "1423": "Hunger strike for rights",
    "1424": "Hunger strike for institutional or regime change",
    "143": "Strike or boycott",
    "1431": "Strike or boycott for new leaders",
    "1432": "Strike or boycott for policy change",
    "1433": "Strike or boycott for rights",
    "1434": "Strike or boycott for institutional or regime change",
    "144": "Block passage",
    "1441": "Block passage for new leaders",
    "1442": "Block passage for policy change",
    "1443": "Block passage for rights",
    "1444": "Block passage for institutional or regime change",
    "145": "Riot or protest violently",
    "1451": "Riot for new leaders",
    "1452": "Riot for policy change",
    "1453": "Riot for rights",
    "1454": "Riot for institutional or regime change",
    # 15 exhibit force posture
    "15": "Show of force",
    "150": "Show of military or police power",
    "151": "Raise police alert",
    "152": "Raise military alert",
    "153": "Mobilize or reinforce police",
    "154": "Mobilize or reinforce armed forces",
    # 16 reduce relations
    "16": "Reduce relations",
    "160": "Reduce relations, not otherwise specified",
    "161": "Downgrade or cut diplomatic ties",
    "162": "Cut material aid",
    "1621": "Cut economic aid",
    "1622": "Cut military aid",
    "1623": "Cut humanitarian aid",
    "163": "Impose sanctions, boycott or embargo",
    "164": "Break off talks",
    "165": "End mediation",
    "166": "Expel or pull out",
    "1661": "Expel or pull out peacekeepers",
    "1662": "Expel or pull out inspectors or observers",
    "1663": "Expel or pull out aid agencies",
    # 17 coerce
    "17": "Coerce",
    "170": "Coerce, not otherwise specified",
    "171": "Seize or damage property",
    "1711": "Confiscate property",
    "1712": "Destroy property",
    "172": "Impose administrative sanctions",
    "1721": "Curb political freedoms",
    "1722": "Ban parties or politicians",
    "1723": "Impose a curfew",
    "1724": "Impose a state of emergency or martial law",
    "173": "Arrest, detain or charge",
    "174": "Expel or deport people",
    "175": "Violent repression",
    # 18 assault
    "18": "Assault",
    "180": "Unconventional violence, not otherwise specified",
    "181": "Abduct, hijack or take hostages",
    "182": "Physical assault",
    "1821": "Sexual assault",
    "1822": "Torture",
    "1823": "Kill by physical assault",
    "183": "Non-military bombing",
    "1831": "Suicide bombing",
    "1832": "Car bombing",
    "1833": "Roadside bombing",
    "184": "Use human shields",
    "185": "Assassination attempt",
    "186": "Assassinate",
    # 19 fight
    "19": "Fight",
    "190": "Conventional military force, not otherwise specified",
    "191": "Blockade or restrict movement",
    "192": "Occupy territory",
    "193": "Fight with small arms",
    "194": "Fight with artillery or tanks",
    "195": "Air strikes",
    "196": "Break a ceasefire",
    # 20 unconventional mass violence
    "20": "Mass violence",
    "200": "Mass violence, not otherwise specified",
    "201": "Mass expulsion",
    "202": "Mass killing",
    "203": "Ethnic cleansing",
    "204": "Use weapons of mass destruction",
    "2041": "Use chemical, biological or radiological weapons",
    "2042": "Detonate a nuclear weapon",
}

_PLOVER_LINE = re.compile(r"^\s*(\d{2,4})\s*:(.*)$")
_CODE = re.compile(r"^\d{2,4}$")


def read_goldstein(path: Path) -> dict[str, float]:
    """Code -> Goldstein value from the ICEWS CSV, in file order. Other columns are ignored."""
    out: dict[str, float] = {}
    # errors="replace": some free-text columns hold stray bytes; the two we read are plain ASCII.
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"code", "goldstein"} - set(reader.fieldnames or ())
        if missing:
            sys.exit(f"{path}: missing column(s) {sorted(missing)}")
        for row in reader:
            code = row["code"].strip()
            if not _CODE.match(code):
                sys.exit(f"{path}: bad code {code!r}")
            if code in out:
                sys.exit(f"{path}: duplicate code {code}")
            try:
                value = float(row["goldstein"])
            except ValueError:
                sys.exit(f"{path}: code {code} has no numeric Goldstein value ({row['goldstein']!r})")
            if not -10.0 <= value <= 10.0:
                sys.exit(f"{path}: code {code} Goldstein {value} is outside [-10, 10]")
            out[code] = value
    return out


def read_plover(path: Path) -> tuple[dict[str, tuple[str, str | None]], list[str]]:
    """Code -> (type, mode) from the CAMEO->PLOVER table; the first line for a code wins.

    Returns the mapping and notes about repeated codes (the 2021 table lists 175 twice, identically,
    and root 08 twice, as CONCEDE for 080-0834 and as RETREAT for 084-0874).
    """
    out: dict[str, tuple[str, str | None]] = {}
    notes: list[str] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = _PLOVER_LINE.match(raw.split("#", 1)[0])
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        fields = [f.strip() for f in rest.split(",")]
        ptype = fields[0].upper()
        if not re.fullmatch(r"[A-Z]+", ptype):
            sys.exit(f"{path}:{lineno}: no PLOVER type in {raw!r}")
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        if code in out:
            same = "identical" if out[code] == (ptype, mode) else f"kept {out[code]}, ignored {(ptype, mode)}"
            notes.append(f"{code} listed again at line {lineno} ({same})")
            continue
        out[code] = (ptype, mode)
    return out, notes


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render(goldstein: dict[str, float], plover: dict[str, tuple[str, str | None]]) -> str:
    lines = [
        "# CAMEO event codes for aliansi: name, Goldstein value and PLOVER type/mode per code.",
        "# GENERATED by scripts/build_cameo.py; this file is the committed source of truth.",
        "#",
        "# Goldstein: the ICEWS variant of the CAMEO Goldstein table, exactly as in cameo-codes.csv from",
        "#   andybega/icews (MIT). GDELT's Goldstein table differs from it on 016, 022, 164 and 165.",
        "# PLOVER: CAMEO2PLOVER-2021.txt (PLOVER Draft 0.8, 17 September 2021, Open Event Data Alliance).",
        "#   type and mode as that table gives them; null where it gives none. It has no rows for roots",
        "#   01 and 02, so their codes carry null. Root 08 is listed twice (CONCEDE, then RETREAT for",
        "#   084-0874 and 0813/0814); the 08 row takes the first. 1214 is in that table but not in",
        "#   CAMEO/ICEWS and is left out.",
        "# Names are short English labels written for aliansi, not the codebook's text.",
        "",
        f"goldstein_table: {_q(GOLDSTEIN_TABLE)}",
        f"plover_table: {_q(PLOVER_TABLE)}",
        "codes:",
    ]
    root = None
    for code, value in goldstein.items():
        if code[:2] != root:
            root = code[:2]
            lines.append(f"  # --- {root} ---")
        ptype, mode = plover.get(code, (None, None))
        lines += [
            f"  - code: {_q(code)}",
            f"    name: {_q(NAMES[code])}",
            f"    goldstein: {value!r}",
            "    plover: {type: %s, mode: %s}" % (ptype or "null", _q(mode) if mode else "null"),
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cameo-csv", required=True, type=Path, help="ICEWS cameo-codes.csv")
    ap.add_argument("--plover", required=True, type=Path, help="CAMEO2PLOVER-2021.txt")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output YAML (default: {DEFAULT_OUT})")
    args = ap.parse_args(argv)

    goldstein = read_goldstein(args.cameo_csv)
    plover, notes = read_plover(args.plover)

    unnamed = sorted(set(goldstein) - set(NAMES))
    stale = sorted(set(NAMES) - set(goldstein))
    if unnamed or stale:
        sys.exit(f"NAMES out of step with {args.cameo_csv}: unnamed {unnamed}, not in CSV {stale}")
    for code, name in NAMES.items():
        if not name.strip() or len(name) > 80:
            sys.exit(f"name for {code} must be 1-80 characters: {name!r}")

    text = render(goldstein, plover)

    import jsonschema  # noqa: PLC0415 - only needed to check the output
    import yaml  # noqa: PLC0415

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)

    args.out.write_text(text, encoding="utf-8")
    unmapped = sorted(c for c in goldstein if c not in plover)
    extra = sorted(c for c in plover if c not in goldstein)
    print(f"wrote {args.out}: {len(goldstein)} codes, {len(goldstein) - len(unmapped)} with a PLOVER type")
    print(f"  no PLOVER row: {', '.join(unmapped) or '-'}")
    print(f"  PLOVER rows not in the CSV (left out): {', '.join(extra) or '-'}")
    for note in notes:
        print(f"  note: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
