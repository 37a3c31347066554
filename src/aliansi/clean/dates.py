"""The report date of an article, and a parser for short date phrases.

`article_date` looks, in this order, at the metadata (`published`, then a date in the URL path), the
dateline at the start of the body ("SOCHI, 4 September 2023 - ..."), the Indonesian report-date
convention anywhere in the text ("Selasa (23/5/2023)"), and a full date followed by a wire agency
("May 2, 2025 (Reuters)"). Dates of events inside the story ("pada tahun 2020", "sejak April 2014")
are never taken: a wrong date is worse than none.

The words (months, weekdays, separators, wires) come from ``langpacks/<lang>/dates.yaml``.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aliansi import langpacks
from aliansi.errors import LangPackError

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["article_date", "date_mentions", "parse_date_phrase"]

DateResult = tuple[str | None, str | None]
_NONE: DateResult = (None, None)

# A dateline opens the body, which follows a title and sometimes a line or two of site header
# ("Jakarta Greater / Berita Militer ..."). 400 characters covers a long title plus such a header,
# while staying far from the story paragraphs where event dates live.
_DATELINE_WINDOW = 400
# Four-digit numbers outside this range are not publication years of news we handle.
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_SP = r"[ \t]*"
_SP1 = r"[ \t]+"
# Place words of a dateline: all capitals ("ST PETERSBURG", "D.C."), or Title Case when a comma
# follows ("Jakarta, 12 Maret 2024 -"). Case-sensitive inside an otherwise case-blind pattern.
_CAPS = r"(?-i:[A-Z\u00C0-\u00DE][A-Z\u00C0-\u00DE.'’-]+)"
_TITLE = r"(?-i:[A-Z\u00C0-\u00DE][\w.'’-]*)"
_PLACE = (
    rf"(?:{_CAPS}(?:{_SP1}{_CAPS}){{0,3}}?(?:{_SP},{_SP}{_TITLE}(?:{_SP1}{_TITLE}){{0,2}}?)?{_SP},?"
    rf"|{_TITLE}(?:{_SP1}{_TITLE}){{0,2}}?{_SP},){_SP}"
)


@dataclass(frozen=True)
class _Vocab:
    """Date words of one or more languages, merged, plus the regexes built from them."""

    months: dict[str, int]
    weekday_orders: dict[str, frozenset[str]]  # weekday word -> numeric orders of its languages
    weekdays: dict[str, int]  # weekday word -> Monday=0 ... Sunday=6
    orders: frozenset[str]  # every numeric order among the languages
    relative_days: dict[str, int]
    relative_months: dict[str, int]
    relative_years: dict[str, int]
    dateline: re.Pattern[str]
    report: re.Pattern[str]
    wire: re.Pattern[str]
    report_anchor: re.Pattern[str]  # "(23/5/2023)": cheap to scan for, then `report` is tried just before it
    wire_anchor: re.Pattern[str]  # "(Reuters)"
    written: re.Pattern[str]
    url: re.Pattern[str]  # /2024/mar/14/
    phrase: re.Pattern[str]
    mention: re.Pattern[str]  # a date expression inside running text, for event dates


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that "Jumat" beats "Jum"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _merge(packs: dict[str, dict[str, Any]], key: str) -> dict[str, int]:
    merged: dict[str, int] = {}
    for lang, pack in packs.items():
        for word, value in pack.get(key, {}).items():
            if merged.get(word, value) != value:
                raise LangPackError(f"langpacks/{lang}/dates.yaml: {key} {word!r} conflicts with another language")
            merged[word] = value
    return merged


def _core(weekdays: str, months: str, rel_years: str | None) -> str:
    """One date expression; each alternative has its own group names (Python forbids repeats)."""

    def year(name: str) -> str:
        digits = rf"(?P<{name}>\d{{4}})\b"
        return rf"(?:{digits}|(?P<{name}_rel>{rel_years})\b)" if rel_years else digits

    iso = r"(?P<i_y>\d{4})-(?P<i_m>\d{1,2})-(?P<i_d>\d{1,2})\b"
    numeric = rf"\(?{_SP}(?P<n_a>\d{{1,2}})[/.-](?P<n_b>\d{{1,2}})(?:[/.-](?P<n_y>\d{{4}}))?\b{_SP}\)?"
    dmy = rf"(?P<d_d>\d{{1,2}}){_SP1}(?P<d_m>{months})\b\.?(?:,?{_SP1}{year('d_y')})?"
    mdy = rf"(?P<m_m>{months})\b\.?{_SP1}(?P<m_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?{_SP1}{year('m_y')})?"
    return rf"(?:(?P<wd>{weekdays})\b\.?{_SP},?{_SP})?(?:{iso}|{numeric}|{dmy}|{mdy})"


@functools.cache
def _vocab(langs: tuple[str, ...]) -> _Vocab:
    packs = {lang: langpacks.load(lang, "dates") for lang in langs}
    packs = {lang: pack for lang, pack in packs.items() if pack}
    months = _merge(packs, "months")
    weekday_orders: dict[str, frozenset[str]] = {}
    for pack in packs.values():
        for word in pack["weekdays"]:
            weekday_orders[word] = weekday_orders.get(word, frozenset()) | {pack["numeric_order"]}
    rel_days, rel_months, rel_years = (_merge(packs, k) for k in ("relative_days", "relative_months", "relative_years"))
    wd, mon = _alt(weekday_orders) or "(?!)", _alt(months) or "(?!)"
    seps = _alt(s for p in packs.values() for s in p["dateline_separators"]) or "(?!)"
    wires = _alt(w for p in packs.values() for w in p.get("wires", [])) or "(?!)"
    fillers = _alt(f for p in packs.values() for f in p.get("fillers", []))
    core = _core(wd, mon, None)
    # Case-insensitive matching also takes Unicode case variants ("ſeptember" for "september"), so the
    # matched words are looked up casefolded, which maps them to the same keys.
    flags = re.IGNORECASE | re.MULTILINE
    phrase_alts = [
        _core(wd, mon, _alt(rel_years) if rel_years else None),
        rf"(?P<my_m>{mon})\b\.?,?{_SP1}(?P<my_y>\d{{4}})",
        r"(?P<y_y>\d{4})",
        *(rf"(?P<{name}>{_alt(words)})" for name, words in
          (("rd", rel_days), ("rm", rel_months), ("ry", rel_years)) if words),
    ]
    filler_prefix = rf"(?:(?:{fillers}){_SP1})*" if fillers else ""
    return _Vocab(
        months=months,
        weekday_orders=weekday_orders,
        weekdays=_merge(packs, "weekdays"),
        orders=frozenset(p["numeric_order"] for p in packs.values()),
        relative_days=rel_days,
        relative_months=rel_months,
        relative_years=rel_years,
        dateline=re.compile(rf"^{_SP}(?:{_PLACE})?{core}{_SP}(?:\([^()\n]{{1,40}}\){_SP})?(?:{seps})", flags),
        report=re.compile(
            rf"\b(?P<wd>{wd})\b{_SP},?{_SP}\({_SP}(?P<n_a>\d{{1,2}})/(?P<n_b>\d{{1,2}})(?:/(?P<n_y>\d{{4}}))?{_SP}\)",
            flags,
        ),
        wire=re.compile(rf"\b{core}{_SP}\({_SP}(?:{wires}){_SP}\)", flags),
        report_anchor=re.compile(r"\([ \t]*\d{1,2}/\d{1,2}(?:/\d{4})?[ \t]*\)"),
        wire_anchor=re.compile(rf"\({_SP}(?:{wires}){_SP}\)", flags),
        written=re.compile(rf"\b{core}", flags),
        url=re.compile(rf"/(?P<y>\d{{4}})/(?P<m>{mon})/(?P<d>\d{{1,2}})(?=/|$)", re.IGNORECASE),
        phrase=re.compile(rf"\s*{filler_prefix}(?:{'|'.join(phrase_alts)})\s*[.,;:]?\s*", flags),
        mention=_mention_pattern(wd, mon, rel_days, rel_months, rel_years,
                                 _first_words(weekday_orders, months, rel_days, rel_months, rel_years)),
    )


def _first_words(*vocabularies: Iterable[str]) -> str:
    """An alternation of the first words (up to a space) of the given date words and phrases, grouped
    by first character ("j(?:anuari|uli)|m(?:aret|ei)") so that the regex engine tries the rest of
    the words only where their first character stands."""
    endings: dict[str, list[str]] = {}
    for word in {phrase.partition(" ")[0] for words in vocabularies for phrase in words}:
        endings.setdefault(word[:1], []).append(word[1:])
    return "|".join(f"{re.escape(first)}(?:{_alt(rest)})" for first, rest in sorted(endings.items()))


def _mention_pattern(wd: str, mon: str, rel_days, rel_months, rel_years, first_words: str) -> re.Pattern[str]:
    """Dates as stories write them: "12 Maret 2024", "Maret 2024", "pada 2021", "tahun lalu", "hari Senin".

    Bare numbers are years only from 1900 to 2099, and all-digit forms are left out, since running
    text is full of figures ("3.5", "24/7") that look like dates.
    """
    year = r"(?:19|20)\d\d"
    alternatives = [
        rf"(?P<d_d>\d{{1,2}}){_SP1}(?P<d_m>{mon})\b\.?(?:,?{_SP1}(?P<d_y>{year})\b)?",
        rf"(?P<m_m>{mon})\b\.?{_SP1}(?P<m_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?{_SP1}(?P<m_y>{year})\b)?",
        rf"(?P<my_m>{mon})\b\.?,?{_SP1}(?P<my_y>{year})\b",
        *([rf"(?P<mr_m>{mon})\b{_SP1}(?P<mr_y>{_alt(rel_years)})\b"] if rel_years else []),
        rf"(?P<y_y>{year})\b",
        *(rf"(?P<{name}>{_alt(words)})\b" for name, words in
          (("rd", rel_days), ("rm", rel_months), ("ry", rel_years)) if words),
        rf"(?P<wo>{wd})\b",
        rf"(?P<mo>{mon})\b",
    ]
    # Every alternative starts with a digit or a date word. Checking that once per word is far cheaper
    # than letting each alternative try its own word list; it changes no match.
    return re.compile(rf"\b(?=\d|{first_words})(?:{'|'.join(alternatives)})", re.IGNORECASE)



@functools.cache
def _all_langs() -> tuple[str, ...]:
    return tuple(sorted(langpacks.load_all("dates")))


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> DateResult:
    """Validated ISO text at the finest precision given; (None, None) for an impossible date."""
    if year is None or not _MIN_YEAR <= year <= _MAX_YEAR:
        return _NONE
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return _NONE
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return _NONE
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _year(g: dict[str, str | None], name: str, v: _Vocab, reference: date | None) -> int | None:
    """An explicit year, a relative one ("tahun ini"), or else the reference year."""
    if g.get(name):
        return int(g[name])
    rel = g.get(f"{name}_rel")
    if rel is not None:
        return None if reference is None else reference.year + v.relative_years[rel.casefold()]
    return None if reference is None else reference.year


def _resolve(m: re.Match[str], v: _Vocab, reference: date | None) -> DateResult:
    g = m.groupdict()
    if g.get("i_y"):
        return _iso(int(g["i_y"]), int(g["i_m"]), int(g["i_d"]))
    if g.get("n_a"):
        return _numeric(g, v, reference)
    if g.get("d_d"):
        return _iso(_year(g, "d_y", v, reference), v.months[g["d_m"].casefold()], int(g["d_d"]))
    if g.get("m_m"):
        return _iso(_year(g, "m_y", v, reference), v.months[g["m_m"].casefold()], int(g["m_d"]))
    if g.get("my_m"):
        return _iso(int(g["my_y"]), v.months[g["my_m"].casefold()])
    if g.get("y_y"):
        return _iso(int(g["y_y"]))
    return _relative(g, v, reference)


def _numeric(g: dict[str, str | None], v: _Vocab, reference: date | None) -> DateResult:
    """An all-digit date read in its language's order; (None, None) when the orders disagree."""
    orders = v.weekday_orders.get(g["wd"].casefold(), v.orders) if g.get("wd") else v.orders
    year = int(g["n_y"]) if g.get("n_y") else (reference.year if reference else None)
    a, b = int(g["n_a"]), int(g["n_b"])
    readings = {_iso(year, b, a) if order == "dmy" else _iso(year, a, b) for order in orders} - {_NONE}
    return readings.pop() if len(readings) == 1 else _NONE


def _relative(g: dict[str, str | None], v: _Vocab, reference: date | None) -> DateResult:
    if reference is None:
        return _NONE
    if g.get("rd"):
        return _iso_date(reference + timedelta(days=v.relative_days[g["rd"].casefold()]))
    if g.get("rm"):
        months = reference.year * 12 + reference.month - 1 + v.relative_months[g["rm"].casefold()]
        return _iso(months // 12, months % 12 + 1)
    if g.get("ry"):
        return _iso(reference.year + v.relative_years[g["ry"].casefold()])
    if g.get("mr_m"):
        return _iso(reference.year + v.relative_years[g["mr_y"].casefold()], v.months[g["mr_m"].casefold()])
    if g.get("mo"):
        # A month named without a year is the latest such month up to the report date ("pada Juli").
        month = v.months[g["mo"].casefold()]
        return _iso(reference.year - (month > reference.month), month)
    if g.get("wo"):
        # A bare weekday in a news story is the most recent one on or before the report date.
        weekday = v.weekdays[g["wo"].casefold()]
        back = (reference.weekday() - weekday) % 7
        return _iso_date(reference - timedelta(days=back))
    return _NONE


def _iso_date(d: date) -> DateResult:
    return _iso(d.year, d.month, d.day)


def parse_date_phrase(phrase: str, *, lang: str, reference: date | None = None) -> DateResult:
    """Parse a short date phrase: "12 Maret 2024", "Maret 2024", "2021", "March 14, 2024", "8 Juni".

    A phrase without a year ("8 Juni"), or a relative one ("kemarin", "tahun ini"), takes it from
    `reference`. Returns (ISO text, precision) or (None, None) when the phrase is not a date we are
    sure of (unknown words, impossible or ambiguous dates, no reference for a missing year).
    """
    v = _vocab((lang,))
    m = v.phrase.fullmatch(phrase)
    return _resolve(m, v, reference) if m else _NONE


def date_mentions(text: str, *, lang: str, reference: date | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO text, precision) of each date expression in running text that resolves.

    Relative forms ("tahun lalu", "hari Senin", a month without a year) need `reference`, the
    article's date; without it they are skipped, never guessed.
    """
    v = _vocab((lang,))
    found = []
    for m in v.mention.finditer(text):
        bare = m["mo"] or m["wo"]
        if bare and not bare[0].isupper():
            continue  # "may" the verb, "minggu" the week: a bare month or weekday is capitalized
        iso, precision = _resolve(m, v, reference)
        if iso:
            found.append((m.start(), m.end(), iso, precision))
    return found


# --- metadata ---------------------------------------------------------------------------------

# 2024-03, 2024-03-14T10:15Z, 2024/03/14 10:15, 20240314 (then a time or nothing), or a bare 2024.
_ISO_META = re.compile(r"\s*(\d{4})(?:(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?|(\d{2})(\d{2}))(?=$|[T\s+Z.,])|\s*$)")
# /2024/03/14/, /2024-03-14-slug, /2024/03/slug: the common news CMS layouts. A bare /2024/ is
# too often an archive or an ID to be trusted on its own, so at least a month is required.
_URL_NUMERIC = re.compile(r"/(\d{4})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=/|$|[-_.]?[a-z])", re.IGNORECASE)

_DATEPARSER_LANGUAGES = (
    "en", "id", "ms", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "tr", "ar", "fa", "zh", "ja", "ko",
)


@functools.cache
def _dateparser() -> DateDataParser:
    # Imported here: importing dateparser takes ~60 ms, and only metadata dates in a form that the
    # code above does not read need it.
    from dateparser.date import DateDataParser

    # Only absolute dates: a relative "kemarin" in metadata has no reference, and dateparser would
    # anchor it to today. REQUIRE_PARTS=year stops it from filling the current year into "8 Juni".
    settings = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    # Our language packs plus the languages of most world news. All of dateparser's ~200 locales
    # would cost up to seconds per unparseable string; this list keeps a miss at a few ms.
    languages = sorted({*_all_langs(), *_DATEPARSER_LANGUAGES})
    return DateDataParser(languages=languages, settings=settings)


def _published_date(published: str) -> DateResult:
    """Metadata date: ISO-ish, RFC 822 or a written date ("Selasa, 23 Mei 2023 10:15 WIB")."""
    m = _ISO_META.match(published)
    if m:
        y, mo, d, cmo, cd = m.groups()
        if cmo:  # compact 20230523
            return _iso(int(y), int(cmo), int(cd))
        return _iso(int(y), int(mo) if mo else None, int(d) if d else None)
    v = _vocab(_all_langs())
    matches = list(v.written.finditer(published))
    for m in matches:
        result = _resolve(m, v, None)
        if result != _NONE:
            return result
    if matches:
        # A written date was there but we could not read it for sure (a day/month order that is
        # ambiguous, "05/06/2023", or no year): dateparser would guess, so give nothing.
        return _NONE
    return _dateparser_date(published)


def _dateparser_date(text: str) -> DateResult:
    # dateparser has hundreds of locales; it is the fallback for metadata in other languages
    # ("14. März 2024") and timestamps. Its answer is kept only at the precision it actually read.
    if len(text) > 80:
        return _NONE
    data = _dateparser().get_date_data(text)
    if data is None or data.date_obj is None:
        return _NONE
    parts = set(data["parts"] or ())
    d = data.date_obj
    if "day" in parts:
        return _iso(d.year, d.month, d.day)
    return _iso(d.year, d.month) if "month" in parts else _iso(d.year)


def _url_date(url: str) -> DateResult:
    path = urlsplit(url).path
    m = _URL_NUMERIC.search(path)
    if m:
        y, mo, d = m.groups()
        return _iso(int(y), int(mo), int(d) if d else None)
    v = _vocab(_all_langs())
    m = v.url.search(path)
    return _iso(int(m["y"]), v.months[m["m"].casefold()], int(m["d"])) if m else _NONE


def _metadata_date(published: str | None, url: str | None) -> DateResult:
    found = _published_date(published) if published and published.strip() else _NONE
    if found[1] != "day" and url:
        from_url = _url_date(url)
        if from_url[0] and (found[0] is None or from_url[0].startswith(found[0])):
            found = from_url
    return found


# --- text -------------------------------------------------------------------------------------


def _text_date(text: str, reference: date | None) -> DateResult:
    """The report date written in the text: dateline, then "Selasa (23/5/2023)", then "(Reuters)"."""
    v = _vocab(_all_langs())
    m = v.dateline.search(text, 0, _DATELINE_WINDOW + 80)
    if m and m.start() < _DATELINE_WINDOW:
        found = _resolve(m, v, reference)
        if found[0]:
            return found
    # Scanning the whole text with the full patterns is slow (they may start at any word); the
    # parenthesised part is a cheap anchor, and the full pattern only runs on the few characters
    # before it (a weekday: 30; "Wednesday, September 30th, 2024 ": 60).
    for anchor, pattern, reach in ((v.report_anchor, v.report, 30), (v.wire_anchor, v.wire, 60)):
        for a in anchor.finditer(text):
            m = pattern.search(text, max(0, a.start() - reach), a.end())
            found = _resolve(m, v, reference) if m else _NONE
            if found[0]:
                return found
    return _NONE


def article_date(text: str, *, published: str | None = None, url: str | None = None) -> DateResult:
    """The date an article reports from: (ISO "YYYY-MM-DD" / "YYYY-MM" / "YYYY", precision) or (None, None).

    Metadata (`published`, then a date in the `url` path) wins when it gives a day. Otherwise the
    text is read (see the module docstring); a text date must agree with a coarser metadata date,
    and a day and month without a year ("Minggu, 8 Juni") take the year from the metadata only.
    Dates of events inside the story are never used.
    """
    meta = _metadata_date(published, url)
    if meta[1] == "day":
        return meta
    # Only the year of the metadata is a safe context for a yearless dateline.
    reference = date(int(meta[0][:4]), 1, 1) if meta[0] else None
    found = _text_date(text, reference)
    if found[0] and (meta[0] is None or found[0].startswith(meta[0])):
        return found
    return meta
