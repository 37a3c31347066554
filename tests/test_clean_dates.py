"""Article report dates and date phrases."""

from __future__ import annotations

from datetime import date

import pytest

from aliansi import langpacks
from aliansi.clean.dates import article_date, parse_date_phrase


def _gold_articles(shared_dir, seed_gold, dev_gold):
    for split, gold in (("seeds", seed_gold), ("dev", dev_gold)):
        for line in gold:
            yield line, (shared_dir / "corpus" / split / f"{line['article']}.txt").read_text(encoding="utf-8")


def test_shared_articles_get_their_gold_date(shared_dir, seed_gold, dev_gold):
    wrong = {}
    for line, text in _gold_articles(shared_dir, seed_gold, dev_gold):
        found, precision = article_date(text)
        if found != line["date"] or (found and precision != "day"):
            wrong[line["article"]] = (found, line["date"])
    assert not wrong


# --- datelines and the report-date conventions -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Judul\n\nBRUSSEL, Jumat (28/6/2024) - Para pemimpin Uni Eropa sepakat ...", "2024-06-28"),
        ("Judul\n\nSOCHI, 4 September 2023 - Presiden Turki bertemu ...", "2023-09-04"),
        ("Title\n\nCHISINAU, July 26, 2023 — Moldova ordered ...", "2023-07-26"),
        ("Judul\n\nJAKARTA, 12 Maret 2024 – Menteri Luar Negeri ...", "2024-03-12"),
        ("Title\n\nYEREVAN, October 23, 2023 (AFP) — France signed ...", "2023-10-23"),
        ("Judul\n\nST PETERSBURG, Jumat (17/6/2022) - Presiden Kazakhstan ...", "2022-06-17"),
        ("Judul\n\nJakarta, 12 Maret 2024 - Menteri ...", "2024-03-12"),
        ("Title\n\nWASHINGTON, D.C., Sept. 3, 2024 -- The State Department ...", "2024-09-03"),
        ("Judul\n\nMOSKOW, Selasa, 23 Mei 2023 - Kremlin ...", "2023-05-23"),
    ],
)
def test_dateline(text, expected):
    assert article_date(text) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indonesian: a weekday and a parenthesised numeric date mark the report date, anywhere.
        ("Pashinyan berbicara kepada wartawan, menurut Newsweek, Selasa (23/5/2023).", "2023-05-23"),
        ("Hal itu disampaikan juru bicara Kemlu dalam keterangan pers, Kamis (14/3/2024).", "2024-03-14"),
        ("Menteri menegaskan sikap itu di Jakarta pada Rabu (5/6/2025), kata pejabat.", "2025-06-05"),
        # English: a full date followed by a wire agency in parentheses.
        ("Title\n\nThe talks ended without a deal. May 2, 2025 (Reuters) - Officials said ...", "2025-05-02"),
    ],
)
def test_report_date_conventions(text, expected):
    assert article_date(text) == (expected, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Pada tanggal 3 Maret, Ketua Komite Militer NATO mengadakan pembicaraan.",
        "Hubungan bilateral dibekukan sejak April 2014.",
        "Armenia terlibat dalam perang dengan Azerbaijan pada tahun 2020.",
        "Perjanjian itu ditandatangani pada bulan Mei 2017 di Astana.",
        "Namun, pada hari Minggu, 8 Juni, diketahui bahwa menteri diberhentikan.",
        "Pertemuan dengan Menteri Pertahanan Rusia pada tanggal 9 Mei tahun ini.",
        "The ministry said on Wednesday it had cut staff. Moldova applied to join the EU in 2022.",
        "BAKU, Azerbaijan (AP) — Pemimpin Rusia melakukan pembicaraan pada hari Senin.",
        # A title that starts with a date is not a dateline (no place followed by a comma).
        "Tragedi 1 Mei 2023 - sebuah refleksi\n\nBuruh berunjuk rasa di Jakarta.",
        # No year anywhere and no metadata: no date, never this year's.
        "Judul\n\nMOSKOW, Minggu, 8 Juni - Kepala Kementerian Pertahanan diberhentikan.",
        "Judul\n\nJAKARTA, Jumat (28/6) - Menteri Luar Negeri ...",
        "",
    ],
)
def test_event_dates_and_yearless_datelines_give_no_date(text):
    assert article_date(text) == (None, None)


def test_impossible_dates_are_refused():
    assert article_date("Judul\n\nJAKARTA, Jumat (31/2/2024) - Menteri ...") == (None, None)
    assert article_date("Disampaikan pada Senin (12/13/2024).") == (None, None)


# --- metadata ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("Selasa, 23 Mei 2023 10:15 WIB", ("2023-05-23", "day")),
        ("2023-05-23T10:15:00+07:00", ("2023-05-23", "day")),
        ("2023-05-23T23:30:00-05:00", ("2023-05-23", "day")),  # the date as written, not UTC
        ("Tue, 23 May 2023 10:15:00 +0700", ("2023-05-23", "day")),
        ("Kamis, 14 Mar 2024 | 10:15", ("2024-03-14", "day")),
        ("23/05/2023", ("2023-05-23", "day")),
        ("20240314", ("2024-03-14", "day")),
        ("2024-03", ("2024-03", "month")),
        ("2024", ("2024", "year")),
        ("14. März 2024", ("2024-03-14", "day")),  # other languages through dateparser
        ("1710400000", ("2024-03-14", "day")),  # a Unix timestamp
    ],
)
def test_published_metadata(published, expected):
    assert article_date("no date in this text", published=published) == expected


@pytest.mark.parametrize("published", ["05/06/2023", "Minggu, 8 Juni", "kemarin", "5 hours ago", "n/a", "  "])
def test_unreadable_published_gives_way_to_the_text(published):
    text = "Judul\n\nSOCHI, 4 September 2023 - Presiden Turki ..."
    assert article_date(text, published=published) == ("2023-09-04", "day")
    assert article_date("no date here", published=published) == (None, None)


def test_metadata_wins_over_the_text():
    text = "Judul\n\nSOCHI, 4 September 2023 - Presiden Turki ..."
    assert article_date(text, published="2023-09-05T01:00:00Z") == ("2023-09-05", "day")
    assert article_date(text, url="https://example.com/news/2023/09/05/erdogan-sochi/") == ("2023-09-05", "day")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.co.id/global/read/2024/03/14/123456/judul", ("2024-03-14", "day")),
        ("https://example.com/world/2024/mar/14/headline", ("2024-03-14", "day")),
        ("https://example.com/2024-03-14-headline", ("2024-03-14", "day")),
        ("https://example.com/2024/03/headline", ("2024-03", "month")),
        ("https://example.com/news/2024/123456/headline", (None, None)),
        ("https://example.com/news?date=2024/03/14", (None, None)),
    ],
)
def test_url_date(url, expected):
    assert article_date("no date in this text", url=url) == expected


def test_yearless_dateline_takes_the_metadata_year():
    text = "Judul\n\nMOSKOW, Minggu, 8 Juni - Kepala Kementerian Pertahanan diberhentikan."
    assert article_date(text, published="2025") == ("2025-06-08", "day")
    assert article_date(text, url="https://example.com/2025/06/berita") == ("2025-06-08", "day")
    assert article_date("Judul\n\nJAKARTA, Jumat (28/6) - Menlu ...", published="2024") == ("2024-06-28", "day")
    wire = "WASHINGTON, March 14 (Reuters) - The State Department said ..."
    assert article_date(wire, published="2024-03") == ("2024-03-14", "day")


def test_text_date_must_agree_with_coarser_metadata():
    text = "Judul\n\nSOCHI, 4 September 2023 - Presiden Turki ..."
    assert article_date(text, published="2024") == ("2024", "year")
    assert article_date(text, published="2023-09") == ("2023-09-04", "day")


# --- parse_date_phrase -------------------------------------------------------------------------

REFERENCE = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("lang", "phrase", "expected"),
    [
        ("id", "12 Maret 2024", ("2024-03-12", "day")),
        ("id", "Maret 2024", ("2024-03", "month")),
        ("id", "2021", ("2021", "year")),
        ("id", "8 Juni", ("2025-06-08", "day")),
        ("id", "Minggu, 8 Juni", ("2025-06-08", "day")),
        ("id", "pada tanggal 9 Mei tahun ini", ("2025-05-09", "day")),
        ("id", "tahun 2020", ("2020", "year")),
        ("id", "bulan Mei 2017", ("2017-05", "month")),
        ("id", "Selasa (23/5/2023)", ("2023-05-23", "day")),
        ("id", "23 Agt 2023", ("2023-08-23", "day")),
        ("id", "kemarin", ("2025-06-09", "day")),
        ("id", "bulan lalu", ("2025-05", "month")),
        ("id", "tahun lalu", ("2024", "year")),
        ("en", "March 14, 2024", ("2024-03-14", "day")),
        ("en", "14 March 2024", ("2024-03-14", "day")),
        ("en", "Sept. 3, 2024", ("2024-09-03", "day")),
        ("en", "on March 14th", ("2025-03-14", "day")),
        ("en", "May 2025", ("2025-05", "month")),
        ("en", "yesterday", ("2025-06-09", "day")),
        ("en", "last year", ("2024", "year")),
        ("en", "5/23/2023", ("2023-05-23", "day")),
    ],
)
def test_parse_date_phrase(lang, phrase, expected):
    assert parse_date_phrase(phrase, lang=lang, reference=REFERENCE) == expected


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("id", "8 Juni"),  # no year and no reference
        ("id", "kemarin"),
        ("id", "tahun ini"),
        ("id", "sejak April 2014"),  # "since": not a plain date phrase
        ("id", "31 Februari 2024"),
        ("id", "Selasa (5/23/2023)"),  # Indonesian is day/month
        ("en", "March 14th of the year"),
        ("id", "March 14, 2024"),  # English month names are not Indonesian ones
        ("id", "beberapa waktu lalu"),
        ("id", ""),
    ],
)
def test_parse_date_phrase_unsure(lang, phrase):
    assert parse_date_phrase(phrase, lang=lang, reference=None) == (None, None)


def test_parse_date_phrase_without_reference_keeps_explicit_years():
    assert parse_date_phrase("12 Maret 2024", lang="id", reference=None) == ("2024-03-12", "day")


# --- language packs ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dates_pack_validates(lang):
    pack = langpacks.load(lang, "dates")
    assert sorted(set(pack["months"].values())) == list(range(1, 13))
    assert sorted(set(pack["weekdays"].values())) == list(range(7))


def test_month_words_do_not_conflict_across_languages():
    seen: dict[str, int] = {}
    for pack in langpacks.load_all("dates").values():
        for word, month in pack["months"].items():
            assert seen.setdefault(word, month) == month, word


def test_a_unicode_case_variant_of_a_month_resolves():
    # "ſ" (long s) matches "s" case-insensitively; it must resolve like the month it spells, not crash.
    assert article_date("BAKU, 3 ſeptember 2024 - Menteri Luar Negeri Azerbaijan tiba di Ankara.") == ("2024-09-03", "day")
