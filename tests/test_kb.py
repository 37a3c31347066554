"""The actor knowledge base: kb/states.yaml, kb/blocs.yaml and the loader in aliansi.kb."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections import defaultdict
from pathlib import Path

import pytest

from aliansi import kb
from aliansi.errors import AliansiError, LangPackError

KB_DIR = Path(kb.__file__).parent
CONTRACT_BLOCS = ("NATO", "CSTO", "EU", "EAEU", "CIS", "SCO", "UN", "OSCE", "OTS", "BRICS", "GCC", "ASEAN", "AU")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- files


def test_every_kb_file_validates_and_prints_nothing(capsys):
    checked = kb.validate_all()
    assert {"states", "blocs"} <= set(checked)
    assert capsys.readouterr() == ("", "")


def test_loader_needs_no_generation_time_packages():
    source = (KB_DIR / "__init__.py").read_text(encoding="utf-8")
    assert "pycountry" not in source and "babel" not in source


# --------------------------------------------------------------------------- states


def test_states_are_the_197_expected():
    states = kb.states()
    assert len(states) == 197
    assert all(code == state.code and len(code) == 3 for code, state in states.items())
    by_un = defaultdict(set)
    for state in states.values():
        by_un[state.un].add(state.code)
    assert len(by_un["member"]) == 193
    assert by_un["observer"] == {"VAT", "PSE"}
    assert by_un["none"] == {"XKX", "TWN"}


def test_iso2_codes_are_unique_and_strings():
    iso2 = [state.iso2 for state in kb.states().values()]
    assert len(set(iso2)) == len(iso2)
    assert kb.states()["NOR"].iso2 == "NO"  # YAML would read a bare NO as false


def test_every_state_has_english_and_indonesian_names_and_a_metonym():
    for state in kb.states().values():
        assert state.names["en"] and state.names["id"], state.code
        assert state.metonyms, f"{state.code} has no capital or seat"


def test_un_members_are_exactly_the_member_states_of_the_un_bloc():
    un_states = {s.code for s in kb.states().values() if s.un == "member"}
    assert kb.members("UN", d("2025-01-01")) == un_states


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Rusia", "RUS"), ("Inggris", "GBR"), ("Britania Raya", "GBR"), ("AS", "USA"), ("Amerika Serikat", "USA"),
        ("Turki", "TUR"), ("Turkiye", "TUR"), ("Korsel", "KOR"), ("Korut", "PRK"), ("Jerman", "DEU"),
        ("Prancis", "FRA"), ("Perancis", "FRA"), ("Belanda", "NLD"), ("Belarusia", "BLR"), ("Kirgizstan", "KGZ"),
        ("Kirgistan", "KGZ"), ("Hongaria", "HUN"), ("Slowakia", "SVK"), ("Ceko", "CZE"), ("Selandia Baru", "NZL"),
        ("Tiongkok", "CHN"), ("Cina", "CHN"), ("Arab Saudi", "SAU"), ("UEA", "ARE"), ("Mesir", "EGY"),
        ("Suriah", "SYR"), ("Yordania", "JOR"), ("Irak", "IRQ"), ("Filipina", "PHL"), ("Ukraina", "UKR"),
        ("Polandia", "POL"), ("Swedia", "SWE"), ("Finlandia", "FIN"), ("Norwegia", "NOR"), ("Swiss", "CHE"),
        ("Yunani", "GRC"), ("Spanyol", "ESP"), ("Jepang", "JPN"), ("Afganistan", "AFG"), ("Palestina", "PSE"),
        ("UK", "GBR"), ("Britain", "GBR"), ("U.S.", "USA"), ("USA", "USA"), ("South Korea", "KOR"),
        ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("Ivory Coast", "CIV"), ("Azeri", "AZE"), ("Kosovo", "XKX"), ("Taiwan", "TWN"), ("Vatikan", "VAT"),
    ],
)
def test_news_names_resolve(alias, code):
    state = kb.states()[code]
    forms = {form for group in (state.names, state.demonyms) for forms in group.values() for form in forms}
    assert alias in forms


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Kremlin", "RUS"), ("Moskow", "RUS"), ("Moscow", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
        ("Ankara", "TUR"), ("Tbilisi", "GEO"), ("Yerevan", "ARM"), ("Astana", "KAZ"), ("Tashkent", "UZB"),
        ("Bishkek", "KGZ"), ("Dushanbe", "TJK"), ("Ashgabat", "TKM"), ("Minsk", "BLR"), ("Chisinau", "MDA"),
        ("Chișinău", "MDA"), ("Beijing", "CHN"), ("Peking", "CHN"), ("Teheran", "IRN"), ("Tehran", "IRN"),
        ("Gedung Putih", "USA"), ("White House", "USA"), ("Washington", "USA"), ("Pentagon", "USA"),
        ("Downing Street", "GBR"), ("Whitehall", "GBR"), ("Elysee", "FRA"), ("Élysée", "FRA"),
        ("Zhongnanhai", "CHN"), ("Baku", "AZE"),
    ],
)
def test_metonyms_resolve(alias, code):
    assert alias in kb.states()[code].metonyms


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Kursk", "RUS"), ("Yekaterinburg", "RUS"), ("St Petersburg", "RUS"), ("St. Petersburg", "RUS"),
        ("Sankt Peterburg", "RUS"), ("Sochi", "RUS"), ("Murmansk", "RUS"), ("Chelyabinsk", "RUS"),
        ("Irkutsk", "RUS"), ("Kaliningrad", "RUS"), ("Kharkiv", "UKR"), ("Odesa", "UKR"), ("Odessa", "UKR"),
        ("Istanbul", "TUR"), ("Samarkand", "UZB"),
    ],
)
def test_places_are_kept_apart_from_metonyms(alias, code):
    state = kb.states()[code]
    assert alias in state.places
    assert alias not in state.metonyms


@pytest.mark.parametrize(
    ("alias", "code"),
    [("Georgia", "GEO"), ("Jordan", "JOR"), ("Chad", "TCD"), ("Niger", "NER"), ("Guinea", "GIN"),
     ("Turkey", "TUR"), ("China", "CHN"), ("Washington", "USA"), ("Baku", "AZE"), ("Lima", "PER")],
)
def test_dangerous_aliases_are_declared_ambiguous(alias, code):
    assert alias in kb.states()[code].ambiguous


def test_brussels_and_holland_are_not_state_aliases():
    forms = {a.text.lower() for a in kb.aliases() if a.kind == "state"}
    assert not {"brussels", "brussel", "holland", "bankova"} & forms


def test_no_alias_maps_to_two_codes_unless_declared_ambiguous():
    # Contextual forms ("aliansi", "the bloc") are shared on purpose and resolved by the text; every
    # other form that two records share must be declared ambiguous by each of them.
    codes: dict[str, set[str]] = defaultdict(set)
    declared: dict[str, set[str]] = defaultdict(set)
    for alias in kb.aliases():
        if alias.field == "contextual":
            continue
        codes[alias.text.casefold()].add(alias.code)
        if alias.ambiguous:
            declared[alias.text.casefold()].add(alias.code)
    clashes = {text: sorted(c) for text, c in codes.items() if len(c) > 1 and not c <= declared[text]}
    assert clashes == {}


def test_aliases_have_no_duplicates_within_a_record_list():
    for state in kb.states().values():
        for forms in [*state.names.values(), *state.demonyms.values(), state.metonyms, state.places]:
            assert len(forms) == len(set(forms)), state.code


# --------------------------------------------------------------------------- blocs


def test_contract_blocs_exist_with_names():
    blocs = kb.blocs()
    for code in CONTRACT_BLOCS:
        assert code in blocs
        assert blocs[code].names["en"] and blocs[code].names["id"]


def test_bloc_names_from_the_brief():
    names = {code: {f for forms in b.names.values() for f in forms} for code, b in kb.blocs().items()}
    assert {"Pakta Pertahanan Atlantik Utara", "North Atlantic Treaty Organization"} <= names["NATO"]
    assert {"Organisasi Perjanjian Keamanan Kolektif", "Collective Security Treaty Organization", "Mini NATO"} <= names["CSTO"]
    assert {"Organisasi Negara-negara Turk", "Organization of Turkic States"} <= names["OTS"]
    assert {"Uni Eropa", "PBB"} <= names["EU"] | names["UN"]
    assert "aliansi" in kb.blocs()["NATO"].contextual["id"]
    assert {"Brussel", "Brussels"} <= set(kb.blocs()["NATO"].seats) & set(kb.blocs()["EU"].seats)


@pytest.mark.parametrize(
    ("bloc", "state", "on", "status"),
    [
        ("NATO", "FIN", "2023-04-03", None),
        ("NATO", "FIN", "2023-04-04", "member"),
        ("NATO", "SWE", "2024-03-06", None),
        ("NATO", "SWE", "2024-03-07", "member"),
        ("NATO", "USA", "1949-08-24", "member"),
        ("NATO", "USA", "1949-08-23", None),
        ("CSTO", "UZB", "1995-01-01", "member"),
        ("CSTO", "UZB", "2001-01-01", None),
        ("CSTO", "UZB", "2008-01-01", "member"),
        ("CSTO", "UZB", "2012-07-01", "suspended"),
        ("CSTO", "UZB", "2013-01-01", None),
        ("CSTO", "AZE", "1998-01-01", "member"),
        ("CSTO", "GEO", "2000-01-01", None),
        ("CSTO", "ARM", "2024-02-21", "member"),
        ("CSTO", "ARM", "2024-06-01", "suspended"),
        ("EU", "GBR", "2020-01-31", "member"),
        ("EU", "GBR", "2020-02-01", None),
        ("EU", "HRV", "2013-07-01", "member"),
        ("EU", "HRV", "2013-06-30", "candidate"),
        ("EU", "UKR", "2022-06-23", "candidate"),
        ("EU", "MDA", "2022-06-22", None),
        ("EU", "GEO", "2023-12-14", "candidate"),
        ("EAEU", "ARM", "2015-01-01", None),
        ("EAEU", "ARM", "2015-01-02", "member"),
        ("EAEU", "KGZ", "2015-08-12", "member"),
        ("CIS", "GEO", "2009-08-17", "member"),
        ("CIS", "GEO", "2009-08-18", None),
        ("CIS", "UKR", "2019-01-01", None),
        ("CIS", "TKM", "2010-01-01", "associate"),
        ("SCO", "IND", "2017-06-09", "member"),
        ("SCO", "IRN", "2023-07-04", "member"),
        ("SCO", "BLR", "2024-07-03", "observer"),
        ("SCO", "BLR", "2024-07-04", "member"),
        ("BRICS", "IDN", "2025-01-05", None),
        ("BRICS", "IDN", "2025-01-06", "member"),
        ("BRICS", "EGY", "2024-01-01", "member"),
        ("BRICS", "SAU", "2025-01-01", None),
        ("ASEAN", "TLS", "2025-10-26", "member"),
        ("AU", "MAR", "2017-01-31", "member"),
        ("AU", "NER", "2024-01-01", "suspended"),
        ("UN", "PSE", "2024-01-01", "observer"),
        ("UN", "SSD", "2011-07-14", "member"),
        ("OSCE", "MNG", "2013-01-01", "member"),
    ],
)
def test_member_status(bloc, state, on, status):
    assert kb.member_status(bloc, state, d(on)) == status


def test_member_status_accepts_a_datetime():
    assert kb.member_status("NATO", "FIN", dt.datetime(2023, 4, 4, 12, 0)) == "member"


@pytest.mark.parametrize(
    ("bloc", "on", "count"),
    [
        ("UN", "2025-01-01", 193), ("UN", "1945-10-24", 49), ("OSCE", "2025-01-01", 57),
        ("EU", "2020-01-31", 28), ("EU", "2020-02-01", 27), ("NATO", "2024-03-07", 32),
        ("NATO", "2023-04-04", 31), ("NATO", "1949-08-24", 12), ("NATO", "1949-05-01", 0),
        ("CSTO", "2024-06-01", 5), ("CSTO", "2023-01-01", 6), ("EAEU", "2016-01-01", 5),
        ("SCO", "2024-07-04", 10), ("BRICS", "2025-01-06", 10), ("ASEAN", "2025-10-26", 11),
        ("GCC", "2000-01-01", 6), ("OTS", "2022-01-01", 5),
    ],
)
def test_member_counts(bloc, on, count):
    # UN 1945: the 51 original members less Czechoslovakia and Yugoslavia, which have no row.
    assert len(kb.members(bloc, d(on))) == count


def test_members_excludes_other_statuses():
    on = d("2024-06-01")
    assert "ARM" not in kb.members("CSTO", on)
    assert "UKR" not in kb.members("EU", on)
    assert kb.member_status("EU", "UKR", on) == "candidate"


def test_unknown_bloc_raises():
    with pytest.raises(AliansiError, match="unknown bloc 'NAT0'"):
        kb.member_status("NAT0", "USA", d("2024-01-01"))
    with pytest.raises(AliansiError):
        kb.members("XYZ", d("2024-01-01"))


def test_unknown_state_has_no_status():
    assert kb.member_status("NATO", "ZZZ", d("2024-01-01")) is None


def test_every_membership_row_is_well_formed():
    states = kb.states()
    for bloc in kb.blocs().values():
        for row in bloc.memberships:
            assert row.state in states
            assert row.status in kb.STATUSES
            assert row.valid_to is None or row.valid_from < row.valid_to


# --------------------------------------------------------------------------- people


def _putin() -> kb.Person:
    return kb.Person(
        name="Vladimir Putin",
        aliases=("Putin",),
        roles=(
            kb.Role(org="RUS", title="President", agent="GOV", valid_from=d("2012-05-07")),
            kb.Role(org="RUS", title="Prime Minister", agent="GOV", valid_from=d("2008-05-08"), valid_to=d("2012-05-07")),
            kb.Role(org="RUS", title="President", agent="GOV", valid_from=d("2000-05-07"), valid_to=d("2008-05-07")),
        ),
    )


@pytest.mark.parametrize(
    ("on", "title"),
    [("2010-01-01", "Prime Minister"), ("2012-05-06", "Prime Minister"), ("2012-05-07", "President"),
     ("2024-01-01", "President"), ("2003-01-01", "President"), ("2008-05-07", None), ("1999-01-01", None)],
)
def test_resolve_person_by_date(on, title):
    role = kb.resolve_person(_putin(), d(on))
    assert (role.title if role else None) == title


def test_resolve_person_without_date_gives_the_latest_role():
    role = kb.resolve_person(_putin(), None)
    assert role is not None and role.title == "President" and role.valid_to is None


def test_resolve_person_without_roles():
    assert kb.resolve_person(kb.Person(name="Nobody"), None) is None


def test_people_is_a_list_of_persons():
    people = kb.people()
    assert isinstance(people, list)
    assert all(isinstance(p, kb.Person) for p in people)


def test_people_orgs_are_known_codes():
    known = set(kb.states()) | set(kb.blocs())
    unknown = {role.org for person in kb.people() for role in person.roles} - known
    assert unknown == set()


# --------------------------------------------------------------------------- records


def test_records_are_frozen_and_picklable():
    state = kb.states()["AZE"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.code = "ARM"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(state)) == state
    bloc = kb.blocs()["CSTO"]
    assert pickle.loads(pickle.dumps(bloc)) == bloc
    assert state.name == "Azerbaijan" and bloc.name == "CSTO"


def test_loading_is_cached():
    assert kb.states() is kb.states()
    assert kb.blocs() is kb.blocs()


# --------------------------------------------------------------------------- bad files

GOOD_STATE = """\
- code: AZE
  iso2: AZ
  un: member
  names: {en: [Azerbaijan], id: [Azerbaijan]}
  demonyms: {en: [Azeri], id: []}
  metonyms: [Baku]
  places: []
  ambiguous: [Baku]
"""

GOOD_BLOC = """\
- code: CSTO
  names: {en: [CSTO], id: [CSTO]}
  founded: 2002-10-07
  members:
    - {state: ARM, from: 1992-05-15, to: 2024-02-22}
    - {state: ARM, from: 2024-02-22, status: suspended}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_files_load_from_any_path(tmp_path):
    assert kb._load_file(_write(tmp_path, "s.yaml", GOOD_STATE), "states")[0]["code"] == "AZE"
    assert kb._load_file(_write(tmp_path, "b.yaml", GOOD_BLOC), "blocs")[0]["founded"] == "2002-10-07"


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("states", "- code: AZE\n  names: [unclosed\n", "not valid YAML"),
        ("states", GOOD_STATE.replace("id: [Azerbaijan]", "id: []"), "at 0/names"),
        ("states", GOOD_STATE.replace("code: AZE", "code: az"), "at 0/code"),
        ("states", GOOD_STATE.replace("un: member", "un: maybe"), "at 0/un"),
        ("states", GOOD_STATE.replace("metonyms: [Baku]", "metonyms: [' Baku']"), "at 0/metonyms/0"),
        ("states", GOOD_STATE.replace("ambiguous: [Baku]", "ambiguous: [Lima]"), "at 0/ambiguous/0"),
        ("states", GOOD_STATE + GOOD_STATE, "at 1/code: duplicate code 'AZE'"),
        ("states", GOOD_STATE.replace("  places: []\n", ""), "'places' is a required property"),
        ("blocs", GOOD_BLOC.replace("to: 2024-02-22}", "to: 2024-02-23}"), "at 0/members/1: ARM overlaps"),
        ("blocs", GOOD_BLOC.replace("to: 2024-02-22}", "to: 1990-01-01}"), "at 0/members/0/to"),
        ("blocs", GOOD_BLOC.replace("status: suspended", "status: frozen"), "at 0/members/1/status"),
        ("blocs", GOOD_BLOC.replace("founded: 2002-10-07", "founded: 2002-02-30"), "not valid YAML"),
        ("blocs", GOOD_BLOC.replace("founded: 2002-10-07", "founded: '2002-02-30'"), "at 0/founded"),
        ("blocs", GOOD_BLOC.replace("founded: 2002-10-07", "founded: 2002"), "at 0/founded"),
    ],
)
def test_bad_file_raises_langpackerror_naming_file_and_path(tmp_path, kind, text, expected):
    path = _write(tmp_path, f"bad_{kind}.yaml", text)
    with pytest.raises(LangPackError) as info:
        kb._load_file(path, kind)
    message = str(info.value)
    assert str(path) in message
    assert expected in message


def test_missing_file_raises_langpackerror(tmp_path):
    with pytest.raises(LangPackError, match="cannot read"):
        kb._load_file(tmp_path / "nope.yaml", "states")


def test_unknown_kind_has_no_schema(tmp_path):
    with pytest.raises(LangPackError, match="no schema"):
        kb._load_file(_write(tmp_path, "x.yaml", "[]\n"), "nonsense")


def test_people_file_format_loads_when_its_schema_exists(tmp_path):
    if not (KB_DIR / "schemas" / "people.json").is_file():
        pytest.skip("kb/schemas/people.json is not written yet")
    text = (
        "- name: Vladimir Putin\n"
        "  aliases: [Putin, Vladimir Vladimirovich Putin]\n"
        "  roles:\n"
        "    - {org: RUS, title: President, agent: GOV, from: 2012-05-07}\n"
        "    - {org: RUS, title: Prime Minister, agent: GOV, from: 2008-05-08, to: 2012-05-07}\n"
    )
    data = kb._load_file(_write(tmp_path, "people.yaml", text), "people")
    person = kb._person(data[0])
    assert kb.resolve_person(person, d("2010-01-01")).title == "Prime Minister"
    bad = text.replace("to: 2012-05-07", "to: 2001-01-01")
    with pytest.raises(LangPackError, match="0/roles/1/to"):
        kb._load_file(_write(tmp_path, "bad_people.yaml", bad), "people")
