"""kb/people.yaml and langpacks/<lang>/agents.yaml: schema validity, dates, aliases, codes, key facts.

These tests read the YAML and the JSON schemas directly (yaml + jsonschema), so they do not depend on
the knowledge-base loader.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
import yaml

SRC = Path(__file__).resolve().parents[1] / "src" / "aliansi"
KB = SRC / "kb"
PACKS = SRC / "langpacks"

BLOCS = {"NATO", "CSTO", "EU", "EAEU", "CIS", "SCO", "UN", "OSCE", "OTS", "BRICS", "ASEAN", "AU", "GCC"}

# Aliases that two people may share, each with a note saying how the recognizer should choose.
# Empty on purpose: an ambiguous surname is left out rather than shared (Japarov = the president only;
# Akylbek Japarov is listed by full name). Add an entry here, with its note, before sharing an alias.
DISAMBIGUATION: dict[str, str] = {}

# Words that must never be a bare alias: Indonesian or English common words and first names that
# collide with officials' surnames or given names ("duda" = widower, "saldo" = balance, "akar" = root,
# "ratas" = rapat terbatas, "sisi" = side).
COMMON_WORDS = {
    "akar", "duda", "saldo", "ratas", "sisi", "salami", "store", "pence", "gallant", "truss", "austin",
    "kerry", "harris", "sullivan", "pavel", "puan", "tito", "gatot", "gibran", "retno", "dilma", "volker",
    "bauer", "breton", "ashton", "zamir", "munir", "kim", "li", "wang", "lee", "park", "johnson", "khan",
    "hasanov", "sargsyan", "patrushev", "berdimuhamedov", "rasmussen", "albanese", "novak", "miller",
}

REQUIRED_STATES = [
    "RUS", "UKR", "BLR", "MDA", "GEO", "ARM", "AZE", "KAZ", "KGZ", "TJK", "UZB", "TKM", "EST", "LVA", "LTU",
    "TUR", "IRN", "USA", "GBR", "FRA", "DEU", "POL", "CHN", "IDN",
]


def _load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _schema(path: Path) -> dict:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else value


def _stringify_dates(node):
    if isinstance(node, dict):
        return {key: _stringify_dates(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_stringify_dates(value) for value in node]
    return _iso(node)


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return _load_yaml(KB / "people.yaml")


@pytest.fixture(scope="module")
def people_schema() -> dict:
    return _schema(KB / "schemas" / "people.json")


@pytest.fixture(scope="module")
def state_codes() -> set[str] | None:
    path = KB / "states.yaml"
    if not path.is_file():
        return None
    return {entry["code"] for entry in _load_yaml(path)}


def _forms(person: dict) -> list[str]:
    return [person["name"], *(person.get("aliases") or [])]


def _index(people: list[dict]) -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = defaultdict(list)
    for person in people:
        for form in {f.casefold() for f in _forms(person)}:
            index[form].append(person)
    return index


def _held_on(person: dict, day: str) -> list[dict]:
    when = dt.date.fromisoformat(day)
    return [
        role
        for role in person["roles"]
        if _as_date(role["from"]) <= when and (role.get("to") is None or when <= _as_date(role["to"]))
    ]


def _roles_on(index: dict[str, list[dict]], form: str, day: str) -> list[tuple[str, str]]:
    """(org, agent) of every role held on `day` by whoever bears `form`."""
    return [(r["org"], r["agent"]) for person in index.get(form.casefold(), []) for r in _held_on(person, day)]


@pytest.fixture(scope="module")
def index(people) -> dict[str, list[dict]]:
    return _index(people)


# --------------------------------------------------------------------------- people.yaml


def test_people_validate_as_loaded(people, people_schema):
    jsonschema.validate(people, people_schema)


def test_people_validate_with_iso_strings(people, people_schema):
    jsonschema.validate(
        _stringify_dates(people), people_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_people_breadth(people):
    assert len(people) >= 300
    assert sum(len(p["roles"]) for p in people) >= 400


def test_role_dates_are_ordered_and_plausible(people):
    horizon = dt.date(2026, 11, 30)
    for person in people:
        for role in person["roles"]:
            start = _as_date(role["from"])
            assert dt.date(1950, 1, 1) <= start <= horizon, (person["name"], role)
            if role.get("to") is not None:
                end = _as_date(role["to"])
                assert start < end, (person["name"], role)  # `to` is exclusive, as kb/__init__.py reads it
                assert end <= horizon, (person["name"], role)


def test_no_alias_shared_between_people(people):
    clashes = {
        form: sorted(p["name"] for p in owners)
        for form, owners in _index(people).items()
        if len(owners) > 1 and form not in {k.casefold() for k in DISAMBIGUATION}
    }
    assert not clashes


def test_disambiguation_notes_are_real(people):
    index = _index(people)
    for form, note in DISAMBIGUATION.items():
        assert note.strip()
        assert len(index.get(form.casefold(), [])) > 1, f"{form!r} is not shared: drop its note"


def test_no_alias_listed_twice_for_one_person(people):
    for person in people:
        forms = [f.casefold() for f in _forms(person)]
        assert len(forms) == len(set(forms)), person["name"]


def test_no_common_word_or_first_name_aliases(people):
    bad = {(p["name"], f) for p in people for f in _forms(p) if f.casefold() in COMMON_WORDS}
    assert not bad


def test_org_codes_are_known(people, state_codes):
    for person in people:
        for role in person["roles"]:
            org = role["org"]
            if org in BLOCS:
                continue
            if state_codes is not None:
                assert org in state_codes, (person["name"], org)
            else:
                assert len(org) == 3 and org.isalpha() and org.isupper(), (person["name"], org)


@pytest.mark.parametrize("code", REQUIRED_STATES)
def test_required_states_have_leaders_and_ministers(people, code):
    titles = [r["title"].lower() for p in people for r in p["roles"] if r["org"] == code]
    assert any("president" in t or "prime minister" in t or "chancellor" in t for t in titles), code
    assert any("foreign" in t or "secretary of state" in t for t in titles), code
    assert any("defen" in t or "armed forces" in t for t in titles), code


@pytest.mark.parametrize("bloc", ["NATO", "CSTO", "EU", "UN", "SCO", "EAEU", "OSCE"])
def test_bloc_heads_present(people, bloc):
    assert any(r["org"] == bloc for p in people for r in p["roles"]), bloc


@pytest.mark.parametrize(
    ("form", "day", "expected"),
    [
        ("Putin", "2024-06-01", ("RUS", "GOV")),
        ("Vladimir Putin", "2010-01-01", ("RUS", "GOV")),
        ("Sergei Lavrov", "2022-03-01", ("RUS", "GOV")),
        ("Sergey Lavrov", "2022-03-01", ("RUS", "GOV")),
        ("Dmitry Peskov", "2023-01-01", ("RUS", "GOV")),
        ("Dmitri Peskov", "2023-01-01", ("RUS", "GOV")),
        ("Maria Zakharova", "2023-01-01", ("RUS", "GOV")),
        ("Andrey Belousov", "2024-06-01", ("RUS", "GOV")),
        ("Andrei Belousov", "2024-06-01", ("RUS", "GOV")),
        ("Sergei Shoigu", "2023-01-01", ("RUS", "GOV")),
        ("Valery Gerasimov", "2023-01-01", ("RUS", "MIL")),
        ("Kassym-Jomart Tokayev", "2023-06-01", ("KAZ", "GOV")),
        ("Ilham Aliyev", "2023-06-01", ("AZE", "GOV")),
        ("Nikol Pashinyan", "2023-06-01", ("ARM", "GOV")),
        ("Recep Tayyip Erdogan", "2023-06-01", ("TUR", "GOV")),
        ("Erdoğan", "2023-06-01", ("TUR", "GOV")),
        ("Emomali Rahmon", "2023-06-01", ("TJK", "GOV")),
        ("Sadyr Japarov", "2023-06-01", ("KGZ", "GOV")),
        ("Zhaparov", "2023-06-01", ("KGZ", "GOV")),
        ("Shavkat Mirziyoyev", "2024-05-27", ("UZB", "GOV")),
        ("Alexander Lukashenko", "2023-06-01", ("BLR", "GOV")),
        ("Aleksandr Lukasyenko", "2023-06-01", ("BLR", "GOV")),
        ("Volodymyr Zelensky", "2023-06-01", ("UKR", "GOV")),
        ("Zelenskyy", "2023-06-01", ("UKR", "GOV")),
        ("Zelenskiy", "2023-06-01", ("UKR", "GOV")),
        ("Mark Rutte", "2025-01-01", ("NATO", "GOV")),
        ("Mark Rutte", "2020-01-01", ("NLD", "GOV")),
        ("Jens Stoltenberg", "2020-01-01", ("NATO", "GOV")),
        ("Josep Borrell", "2022-01-01", ("EU", "GOV")),
        ("Kaja Kallas", "2025-01-01", ("EU", "GOV")),
        ("Kaja Kallas", "2022-01-01", ("EST", "GOV")),
        ("Ursula von der Leyen", "2022-01-01", ("EU", "GOV")),
        ("António Guterres", "2022-01-01", ("UN", "GOV")),
        ("Imangali Tasmagambetov", "2023-06-01", ("CSTO", "GOV")),
        ("Ruslan Zhaksylykov", "2023-06-01", ("KAZ", "GOV")),
        ("Petr Pavel", "2016-01-01", ("NATO", "MIL")),
        ("Petr Pavel", "2024-01-01", ("CZE", "GOV")),
        ("Donald Trump", "2019-01-01", ("USA", "GOV")),
        ("Donald Trump", "2025-06-01", ("USA", "GOV")),
        ("Joe Biden", "2023-01-01", ("USA", "GOV")),
        ("Barack Obama", "2015-01-01", ("USA", "GOV")),
        ("Suren Papikyan", "2023-01-01", ("ARM", "GOV")),
        ("Sebastien Lecornu", "2023-01-01", ("FRA", "GOV")),
        ("Irakli Kobakhidze", "2024-06-28", ("GEO", "GOV")),
        ("Prabowo", "2025-01-01", ("IDN", "GOV")),
    ],
)
def test_known_people_resolve(index, form, day, expected):
    assert expected in _roles_on(index, form, day), (form, day, _roles_on(index, form, day))


@pytest.mark.parametrize(
    ("form", "day", "codes", "not_titles"),
    [
        ("Sergei Shoigu", "2024-06-01", {"RUS"}, {"Defence Minister"}),  # Security Council secretary by then
        ("Sergei Shoigu", "2020-06-01", {"RUS"}, {"Secretary of the Security Council"}),
        ("Andrei Belousov", "2023-01-01", {"RUS"}, {"Defence Minister"}),  # first deputy PM until 2024-05-14
        ("Donald Trump", "2022-06-01", set(), set()),  # out of office
        ("Imangali Tasmagambetov", "2026-03-01", set(), set()),  # CSTO term ended 2025-12-31
        ("Taalatbek Masadykov", "2026-03-01", {"CSTO"}, set()),
        ("Ruslan Zhaksylykov", "2025-07-01", set(), set()),  # replaced 2025-06-08
        ("Petr Pavel", "2020-01-01", set(), set()),  # between NATO and the Czech presidency
    ],
)
def test_role_changes(index, form, day, codes, not_titles):
    (person,) = index[form.casefold()]
    held = _held_on(person, day)
    assert {r["org"] for r in held} == codes, held
    assert not {r["title"] for r in held} & not_titles, held


# --------------------------------------------------------------------------- agents packs

LANGS = ["id", "en"]
AGENT_KEYS = ("titles", "organizations", "people_nouns")


@pytest.fixture(scope="module")
def agents_schema() -> dict:
    return _schema(PACKS / "schemas" / "agents.json")


def _pack(lang: str) -> dict:
    return _load_yaml(PACKS / lang / "agents.yaml")


def _lookup(pack: dict, text: str) -> dict | None:
    for key in AGENT_KEYS:
        for entry in pack[key]:
            if entry["text"].casefold() == text.casefold():
                return {**entry, "_list": key}
    return None


@pytest.mark.parametrize("lang", LANGS)
def test_agents_pack_validates(lang, agents_schema):
    jsonschema.validate(_pack(lang), agents_schema)


@pytest.mark.parametrize("lang", LANGS)
def test_agents_pack_through_langpack_loader(lang):
    from aliansi import langpacks

    assert langpacks.load(lang, "agents") == _pack(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_agents_forms_listed_once(lang):
    pack = _pack(lang)
    forms = [e["text"].casefold() for key in AGENT_KEYS for e in pack[key]]
    assert len(forms) == len(set(forms))
    assert len(pack["connectors"]) == len({c.casefold() for c in pack["connectors"]})


@pytest.mark.parametrize("lang", LANGS)
def test_agents_breadth(lang):
    pack = _pack(lang)
    assert len(pack["titles"]) + len(pack["organizations"]) >= 120
    assert pack["people_nouns"]


@pytest.mark.parametrize("lang", LANGS)
def test_person_only_titles_are_non_state(lang):
    for entry in _pack(lang)["titles"]:
        if entry.get("person_only"):
            assert entry["agent"] not in {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}, entry


@pytest.mark.parametrize(
    ("lang", "text", "agent", "detail", "person_only"),
    [
        ("id", "Presiden", "GOV", None, False),
        ("id", "presiden", "GOV", None, False),
        ("id", "Perdana Menteri", "GOV", None, False),
        ("id", "PM", "GOV", None, False),
        ("id", "Wakil Presiden", "GOV", None, False),
        ("id", "Menteri Luar Negeri", "GOV", None, False),
        ("id", "Menteri Pertahanan", "GOV", "MIL", False),
        ("id", "Menhan", "GOV", "MIL", False),
        ("id", "Wakil Menteri", "GOV", None, False),
        ("id", "juru bicara", "GOV", None, False),
        ("id", "Sekjen", "GOV", None, False),
        ("id", "Sekretaris Jenderal", "GOV", None, False),
        ("id", "Kepala kebijakan luar negeri", "GOV", None, False),
        ("id", "Duta Besar", "GOV", None, False),
        ("id", "Dubes", "GOV", None, False),
        ("id", "Kepala Staf Umum", "MIL", None, False),
        ("id", "Kepala Staf Angkatan Bersenjata", "MIL", None, False),
        ("id", "Ketua Komite Militer", "MIL", None, False),
        ("id", "Panglima", "MIL", None, False),
        ("id", "Jenderal", "MIL", None, False),
        ("id", "Letnan Jenderal", "MIL", None, False),
        ("id", "ilmuwan politik", "EDU", None, True),
        ("id", "analis politik", "EDU", None, True),
        ("id", "Blogger militer", "MED", None, True),
        ("id", "jurnalis", "MED", None, True),
        ("id", "wartawan", "MED", None, True),
        ("id", "pengusaha", "BUS", None, True),
        ("id", "aktivis", "CVL", None, True),
        ("id", "Kementerian Pertahanan", "GOV", "MIL", False),
        ("id", "Kementerian Luar Negeri", "GOV", None, False),
        ("id", "Kementerian Kesehatan", "GOV", None, False),
        ("id", "Angkatan Bersenjata", "MIL", None, False),
        ("id", "Angkatan Darat", "MIL", None, False),
        ("id", "Angkatan Laut", "MIL", None, False),
        ("id", "Angkatan Udara", "MIL", None, False),
        ("id", "Garda Nasional", "MIL", None, False),
        ("id", "militer", "MIL", None, False),
        ("id", "pasukan", "MIL", None, False),
        ("id", "tentara", "MIL", None, False),
        ("id", "dinas intelijen", "SPY", None, False),
        ("id", "polisi", "COP", None, False),
        ("id", "parlemen", "LEG", None, False),
        ("id", "DPR", "LEG", None, False),
        ("id", "Duma", "LEG", None, False),
        ("id", "Majelis Nasional", "LEG", None, False),
        ("id", "oposisi", "OPP", None, False),
        ("id", "separatis", "REB", None, False),
        ("id", "pemberontak", "REB", None, False),
        ("id", "kantor berita", "MED", None, False),
        ("id", "perusahaan negara", "BUS", None, False),
        ("id", "bank sentral", "GOV", None, False),
        ("id", "warga", "CVL", None, False),
        ("id", "pengunjuk rasa", "CVL", None, False),
        ("en", "President", "GOV", None, False),
        ("en", "Prime Minister", "GOV", None, False),
        ("en", "Foreign Minister", "GOV", None, False),
        ("en", "Defence Minister", "GOV", "MIL", False),
        ("en", "Defense Secretary", "GOV", "MIL", False),
        ("en", "Secretary of State", "GOV", None, False),
        ("en", "spokesman", "GOV", None, False),
        ("en", "spokeswoman", "GOV", None, False),
        ("en", "spokesperson", "GOV", None, False),
        ("en", "Secretary General", "GOV", None, False),
        ("en", "Ambassador", "GOV", None, False),
        ("en", "Chief of the General Staff", "MIL", None, False),
        ("en", "General", "MIL", None, False),
        ("en", "analyst", "EDU", None, True),
        ("en", "political scientist", "EDU", None, True),
        ("en", "military blogger", "MED", None, True),
        ("en", "armed forces", "MIL", None, False),
        ("en", "troops", "MIL", None, False),
        ("en", "forces", "MIL", None, False),
        ("en", "army", "MIL", None, False),
        ("en", "navy", "MIL", None, False),
        ("en", "air force", "MIL", None, False),
        ("en", "Defence Ministry", "GOV", "MIL", False),
        ("en", "Health Ministry", "GOV", None, False),
        ("en", "police", "COP", None, False),
        ("en", "rebels", "REB", None, False),
        ("en", "separatists", "REB", None, False),
        ("en", "news agency", "MED", None, False),
        ("en", "state media", "MED", None, False),
        ("en", "parliament", "LEG", None, False),
        ("en", "opposition", "OPP", None, False),
        ("en", "citizens", "CVL", None, False),
    ],
)
def test_agents_forms(lang, text, agent, detail, person_only):
    entry = _lookup(_pack(lang), text)
    assert entry is not None, f"{lang}: {text!r} missing"
    assert entry["agent"] == agent, entry
    assert entry.get("sector_detail") == detail, entry
    assert bool(entry.get("person_only")) is person_only, entry


def test_indonesian_connectors():
    assert {"republik", "negara", "pemerintah"} <= {c.casefold() for c in _pack("id")["connectors"]}
