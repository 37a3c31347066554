"""Actor recognition, per language: compound phrases, people by date, unknown people, no false states."""

import pytest

from aliansi.actors import actors_of, recognize
from aliansi.nlp.doc import analyse


def mentions(text, lang, date=None):
    return [(m.code, text[m.start:m.end], m.agent) for m in recognize(analyse(text, language=lang, date=date))]


def codes(text, lang, date=None):
    return {code for code, _, _ in mentions(text, lang, date) if code}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("id", "Presiden Rusia Vladimir Putin tiba di Astana pada Selasa.", ("RUS", "Presiden Rusia Vladimir Putin", "GOV")),
    ("id", "Kementerian Pertahanan Republik Azerbaijan merilis pernyataan.", ("AZE", "Kementerian Pertahanan Republik Azerbaijan", "GOV")),
    ("id", "Angkatan Bersenjata Azerbaijan memulai latihan.", ("AZE", "Angkatan Bersenjata Azerbaijan", "MIL")),
    ("id", "Latihan itu melibatkan pasukan NATO dari lima negara.", ("NATO", "pasukan NATO", "MIL")),
    ("id", "Juru bicara Kremlin Dmitry Peskov menolak berkomentar.", ("RUS", "Juru bicara Kremlin Dmitry Peskov", "GOV")),
    ("en", "Russian Foreign Ministry spokeswoman Maria Zakharova said the talks failed.", ("RUS", "Russian Foreign Ministry spokeswoman Maria Zakharova", "GOV")),
    ("en", "French Defence Minister Sebastien Lecornu arrived in Yerevan.", ("FRA", "French Defence Minister Sebastien Lecornu", "GOV")),
])
def test_compound_phrase_is_one_mention_with_its_agent(lang, text, expected):
    assert expected in mentions(text, lang, "2023-10-23")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("id", "Pertemuan itu membahas hubungan Rusia-Azerbaijan.", {"RUS", "AZE"}),
    ("en", "NATO's summit opened in Vilnius as Sweden waited.", {"NATO", "LTU", "SWE"}),
    ("id", "Pejabat dari Moskow dan Yerevan bertemu di Astana.", {"RUS", "ARM", "KAZ"}),
    ("id", "Gedung Putih menanggapi keputusan Korsel dan AS.", {"USA", "KOR"}),
    ("en", "The U.S. and the UK backed the EU plan.", {"USA", "GBR", "EU"}),
    ("id", "Erdoğan berbicara dengan Presiden Turki sebelumnya.", {"TUR"}),
])
def test_names_metonyms_and_forms(lang, text, expected):
    assert codes(text, lang, "2024-05-01") == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Laporan itu dikutip Report dan Newsweek pada Senin, 3 Juni."),
    ("id", "Mereka tidak menggunakan bahasa Rusia di kelas."),
    ("en", "The committee will report as soon as it can, in May."),
    ("en", "Michael Jordan visited the stadium."),
    ("id", "Sesuai standar baku, tim itu bekerja."),
])
def test_common_words_never_become_states(lang, text):
    assert codes(text, lang, "2024-05-01") == set()


@pytest.mark.parametrize(("date", "expected"), [("2020-06-01", "NATO"), ("2012-06-01", "NOR"), ("2025-06-01", "NOR")])
def test_a_person_resolves_to_what_they_served_on_the_article_date(date, expected):
    # Norway's prime minister until 2013, NATO Secretary General 2014-2024, Norway's finance minister from 2025.
    text = "Jens Stoltenberg berbicara kepada wartawan."
    assert codes(text, "id", date) == {expected}


def test_rutte_before_and_after_taking_over_nato():
    text = "Mark Rutte mengatakan pertemuan itu penting."
    assert codes(text, "id", "2023-01-10") == {"NLD"}
    assert codes(text, "id", "2025-01-10") == {"NATO"}


@pytest.mark.parametrize(("lang", "text", "person"), [
    ("id", "Menurut ilmuwan politik Gennady Podlesny situasinya berubah.", "Gennady Podlesny"),
    ("id", "Analis politik Dmitry Danilov menyebut langkah itu positif.", "Dmitry Danilov"),
    ("en", "Political scientist Anna Kowalczyk said the vote mattered.", "Anna Kowalczyk"),
])
def test_unknown_person_after_a_title_is_a_person_never_a_state(lang, text, person):
    doc = analyse(text, language=lang, date="2024-01-01")
    found = recognize(doc)
    assert [m.person for m in found] == [person]
    assert all(m.code is None for m in found)


def test_contextual_bloc_form_needs_the_bloc_named_first():
    assert codes("Latihan dengan pasukan aliansi dimulai.", "id") == set()
    assert codes("NATO menggelar latihan. Pasukan aliansi tiba di Baku.", "id") == {"NATO", "AZE"}


def test_actors_list_groups_mentions_with_offsets():
    text = "Putin bertemu Aliyev di Baku. Putin kemudian kembali ke Moskow."
    actors = actors_of(text, recognize(analyse(text, language="id", date="2024-08-19")))
    by_name = {a["name"]: a for a in actors}
    assert by_name["Vladimir Putin"]["code"] == "RUS"
    assert len(by_name["Vladimir Putin"]["mentions"]) == 2
    for actor in actors:
        for m in actor["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
