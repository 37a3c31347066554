"""Boilerplate removal: page furniture, related-article inserts, injected spam and repeated titles.

The input is extracted article text with one paragraph per line (blank lines optional). Every
non-empty line is a unit; a unit is kept whole, dropped whole with a reason, or (injected spam
links only) kept with the link cut out. Markers are language-pack data (``boilerplate.yaml``) and
the markers of every pack apply to every article. Structural rules (masthead above the headline,
repeated title) are code, with their thresholds below.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable

from aliansi import langpacks
from aliansi.errors import LangPackError
from aliansi.models import Removed

__all__ = ["CleanResult", "strip_boilerplate"]

# A headline is one line of at most 25 words / 200 characters: Indonesian and English headlines
# in the corpora run 5-20 words, and a longer line is a paragraph. Ledes short enough to pass
# usually open with a dateline, which _DATELINE rules out.
TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200
# Site names and rubric labels ("Jakarta Greater", "Berita Militer dan Alutsista") are at most
# about six words and are not sentences; a headline is usually longer or carries punctuation.
LABEL_MAX_WORDS = 6
# Furniture lines (credits, captions, share bars) are short. A line longer than this is article
# text even when it starts like a marker (a long paragraph that happens to open with "Editor:").
MARKER_MAX_WORDS = 50
# A dateline wire tag "(AP) —" sits in the first characters of its paragraph.
DATELINE_CHARS = 120

_NEVER = re.compile(r"(?!)")
# A dateline opens the body, so a line starting with one is never the headline, however short:
# an upper-case place, then a date or a parenthesis, then a dash ("JAKARTA, Selasa (4/3/2025) - ",
# "BAKU, Azerbaijan (AP) — "). Mixed-case places are left out: "Putin, Xi Bertemu - ..." is a headline.
_DATELINE = re.compile(r"[A-Z][A-Z.'’ ]{2,40}(?:,[^\n]{0,60}?|\s*\([^)]{1,40}\))\s+[-–—]\s")
# Top-level domains for URLs written without a scheme ("slotgacor88.vip"): the common ones and
# the cheap ones that spam domains favour.
_TLDS = (
    r"(?:com|net|org|info|biz|online|site|xyz|vip|top|club|live|pro|win|bet|games|link|asia"
    r"|shop|store|fun|icu|id|co|me|cc|io)"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”]+"
    rf"|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+{_TLDS}\b(?:/[^\s<>\"'“”]*)?",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"\\.")
# Cheap pre-check: most lines hold no URL, and the full pattern above is slow on long lines. Besides
# "://", every URL has a dot after "www" or before a TLD; a pattern that starts with the dot lets
# the regex engine jump from dot to dot instead of trying every position of the line.
_URL_DOT = re.compile(rf"\.(?:(?<=www\.)|{_TLDS}\b)", re.IGNORECASE)
# Punctuation that ends the sentence around a URL, not the URL itself.
_URL_TRAILING = ".,;:!?)]}\"'“”’"
_SENTENCE_END = ".!?:;,\"'”’)"
# Punctuation that attaches to the word before it, so no space is left in front of it.
_CLOSING = ".,;:!?)]}”’"


@dataclass(frozen=True)
class CleanResult:
    text: str  # cleaned text, paragraphs separated by "\n\n", no leading/trailing whitespace
    removed: list[Removed]  # every removed piece, in order, with a short reason code
    title: str | None  # the headline if detected (first line/header block), else the title given
    wire: str | None  # the source wire/agency detected: "AP", "AFP", "Reuters", "Sputnik", "Antara", ...


@dataclass(frozen=True)
class _Markers:
    lines: tuple[tuple[str, re.Pattern[str]], ...]  # (reason, pattern) in pack order
    related_lead: re.Pattern[str]
    section_labels: frozenset[str]  # normalised
    section_label_sizes: frozenset[int]  # their word counts: a line of another count is no label
    spam_url: re.Pattern[str]
    spam_topic: re.Pattern[str]
    spam_promo: tuple[re.Pattern[str], ...]
    spam_promo_any: re.Pattern[str]  # all promo cues in one pattern, to skip most lines at once
    wire_names: dict[str, str]  # casefolded alias -> canonical wire name
    wire_dateline: re.Pattern[str]
    wire_line: re.Pattern[str]


def strip_boilerplate(text: str, *, title: str | None = None) -> CleanResult:
    """Remove boilerplate from one article's text; say what went, the headline and the wire."""
    markers = _markers()
    units = [unit for line in text.splitlines() if (unit := line.strip())]
    sizes = [len(unit.split()) for unit in units]  # words per unit, counted once for every rule
    reasons = _classify(units, sizes, markers)
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    head, masthead = _header(units, kept, title, markers)
    for i in masthead:
        reasons[i] = "masthead"
    for i in _repeated_titles(units, sizes, [i for i in kept if i not in masthead], head, title):
        reasons[i] = "repeated_title"
    paragraphs, removed = _assemble(units, reasons, markers)
    return CleanResult(
        text="\n\n".join(paragraphs),
        removed=removed,
        title=units[head] if head is not None else title,
        wire=_wire(paragraphs, markers),
    )


# --- per-line classification -------------------------------------------------------------------


def _classify(units: list[str], sizes: list[int], m: _Markers) -> list[str | None]:
    """A reason code per unit, or None to keep it (structural rules come later)."""
    reasons: list[str | None] = [None] * len(units)
    for i, unit in enumerate(units):
        if reasons[i] is not None:  # already taken as the headline after a "Baca Juga:" lead
            continue
        reasons[i] = _line_reason(unit, sizes[i], m)
        if sizes[i] <= MARKER_MAX_WORDS and m.related_lead.fullmatch(unit):
            reasons[i] = "related"
            # The related headline sits on the next line; only a headline-sized line can be it.
            if i + 1 < len(units) and _is_headline(units[i + 1]) and _line_reason(units[i + 1], sizes[i + 1], m) is None:
                reasons[i + 1] = "related"
    return reasons


def _line_reason(unit: str, size: int, m: _Markers) -> str | None:
    if _is_spam_line(unit, m):
        return "spam_line"
    if size > MARKER_MAX_WORDS:
        return None
    for reason, pattern in m.lines:
        if pattern.match(unit):
            return reason
    if size in m.section_label_sizes and _norm(unit) in m.section_labels:
        return "navigation"
    return None


def _is_spam_line(unit: str, m: _Markers) -> bool:
    """An advert: two promotional cues, or one plus gambling vocabulary or a spam link.

    Gambling words alone are not enough: real news reports on "judi online" crackdowns, but it
    does not tell the reader to "daftar sekarang".
    """
    lowered = unit.lower()
    if not m.spam_promo_any.search(lowered):
        return False
    promo = sum(1 for pattern in m.spam_promo if pattern.search(lowered))
    context = bool(m.spam_topic.search(lowered)) or bool(_spam_urls(unit, m))
    return promo + context >= 2


def _spam_urls(unit: str, m: _Markers) -> list[str]:
    """URLs in the line whose text carries spam vocabulary, as they appear (trailing punctuation cut)."""
    if "://" not in unit and not _URL_DOT.search(unit):
        return []
    urls = (match.group().rstrip(_URL_TRAILING) for match in _URL.finditer(unit))
    return [url for url in urls if m.spam_url.search(url.lower())]


# --- structure: masthead, headline, repeated title -----------------------------------------------


def _header(units: list[str], kept: list[int], title: str | None, m: _Markers) -> tuple[int | None, list[int]]:
    """The headline's unit index and the masthead/section-label units above it.

    Rule: a leading run of label-like lines (short, not sentences) sits above the headline. With
    two or more labels, a following headline-sized line without a final period is the headline and
    all labels are masthead ("Jakarta Greater" / "Berita Militer dan Alutsista" / headline / body);
    otherwise the last label is the headline. A single label is taken as the headline itself, since
    a short headline over a short subtitle is likelier than a lone site name.
    """
    if title is not None:
        given = _given_title_position(units, kept, title, m)
        if given is not None:
            return given
    run = 0
    while run < len(kept) and _is_label(units[kept[run]], m):
        run += 1
    after = kept[run:]
    if run >= 2 and after:
        nxt = units[after[0]]
        if len(after) >= 2 and _is_headline(nxt) and not nxt.endswith("."):
            return after[0], kept[:run]
        return kept[run - 1], kept[: run - 1]
    if len(kept) >= 2 and _is_headline(units[kept[0]]):
        return kept[0], []
    return None, []


def _given_title_position(units: list[str], kept: list[int], title: str, m: _Markers) -> tuple[int, list[int]] | None:
    """When the caller knows the title and it follows only label lines, those labels are masthead."""
    wanted = _norm(title)
    for pos, i in enumerate(kept):
        if _norm(units[i]) == wanted:
            above = kept[:pos]
            if all(_is_label(units[j], m) for j in above):
                return i, above
            return None
    return None


def _repeated_titles(units: list[str], sizes: list[int], kept: list[int], head: int | None, title: str | None) -> list[int]:
    """Later copies of the headline (or of the given title) in the body; the first line stays."""
    targets = {_norm(t) for t in (units[head] if head is not None else None, title) if t}
    # Normalising keeps the word count, so only units with a target's count can equal it.
    target_sizes = {len(target.split()) for target in targets}
    first = head if head is not None else (kept[0] if kept else None)
    return [i for i in kept if i != first and sizes[i] in target_sizes and _norm(units[i]) in targets]


def _is_headline(unit: str) -> bool:
    return len(unit.split()) <= TITLE_MAX_WORDS and len(unit) <= TITLE_MAX_CHARS and not _DATELINE.match(unit)


def _is_label(unit: str, m: _Markers) -> bool:
    """A site name or rubric: few words, no sentence punctuation, and not a wire attribution."""
    return (
        len(unit.split()) <= LABEL_MAX_WORDS
        and not unit.endswith(tuple(_SENTENCE_END))
        and not unit.startswith(("“", '"', "‘", "'", "("))
        and not m.wire_line.fullmatch(unit)
    )


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- output ------------------------------------------------------------------------------------


def _assemble(units: list[str], reasons: list[str | None], m: _Markers) -> tuple[list[str], list[Removed]]:
    """Kept paragraphs (spam links cut out) and the removed pieces, both in document order."""
    paragraphs: list[str] = []
    removed: list[Removed] = []
    for unit, reason in zip(units, reasons):
        if reason is not None:
            removed.append(Removed(unit, reason))
            continue
        urls = _spam_urls(unit, m)
        rest = _cut(unit, urls)
        if urls and not any(ch.isalnum() for ch in rest):
            removed.append(Removed(unit, "spam_line"))  # nothing but the link: account for the whole line
            continue
        removed.extend(Removed(url, "spam_link") for url in urls)
        paragraphs.append(rest)
    return paragraphs, removed


def _cut(unit: str, urls: list[str]) -> str:
    """The line without the given URLs, closing the gap each leaves to one space (or none before punctuation)."""
    for url in urls:
        before, _, after = unit.partition(url)
        before, after = before.rstrip(), after.lstrip()
        glue = " " if before and after and not after.startswith(tuple(_CLOSING)) else ""
        unit = before + glue + after
    return unit


def _wire(paragraphs: list[str], m: _Markers) -> str | None:
    """The first wire named in a dateline ("BAKU, Azerbaijan (AP) —") or an attribution line ("Sputnik News")."""
    for paragraph in paragraphs:
        match = m.wire_dateline.search(paragraph[:DATELINE_CHARS]) or m.wire_line.fullmatch(paragraph)
        if match:
            return m.wire_names[_norm(match.group("wire"))]
    return None


# --- language-pack data, merged over all packs and compiled once ---------------------------------


@functools.cache
def _markers() -> _Markers:
    packs = list(langpacks.load_all("boilerplate").values())
    by_reason: dict[str, list[str]] = {}
    for pack in packs:
        for reason, patterns in pack.get("lines", {}).items():
            by_reason.setdefault(reason, []).extend(patterns)
    wire_names = _wire_names(packs)
    # Longest alias first, so "Sputnik News" wins over "Sputnik"; any run of spaces matches a space.
    ordered = sorted(wire_names, key=len, reverse=True)
    aliases = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in ordered) or "(?!)"
    prefixes = _alternation(_gather(packs, "attribution")).pattern
    section_labels = frozenset(_norm(label) for label in _gather(packs, "section_labels"))
    return _Markers(
        lines=tuple((reason, _alternation(patterns)) for reason, patterns in by_reason.items()),
        related_lead=_alternation(_gather(packs, "related_lead")),
        section_labels=section_labels,
        section_label_sizes=frozenset(len(label.split()) for label in section_labels),
        spam_url=_alternation(_gather(packs, "spam", "url"), lower_case=True),
        spam_topic=_alternation(_gather(packs, "spam", "topic"), lower_case=True),
        spam_promo=tuple(_compile(p, lower_case=True) for p in _gather(packs, "spam", "promo")),
        spam_promo_any=_alternation(_gather(packs, "spam", "promo"), lower_case=True),
        wire_names=wire_names,
        wire_dateline=_compile(rf"\(\s*(?P<wire>{aliases})\s*(?:/[^)]*)?\)\s*[-–—:]"),
        wire_line=_compile(rf"(?:(?:{prefixes})\s*)?\(?\s*(?P<wire>{aliases})\s*\)?\s*\.?"),
    )


def _gather(packs: Iterable[dict[str, Any]], key: str, sub: str | None = None) -> list[str]:
    values: list[str] = []
    for pack in packs:
        section = pack.get(key, {} if sub else [])
        values.extend(section.get(sub, []) if sub else section)
    return values


def _wire_names(packs: Iterable[dict[str, Any]]) -> dict[str, str]:
    names: dict[str, str] = {}
    for pack in packs:
        for canonical, aliases in pack.get("wires", {}).items():
            for alias in [canonical, *aliases]:
                names.setdefault(_norm(alias), canonical)
    return names


def _alternation(patterns: list[str], *, lower_case: bool = False) -> re.Pattern[str]:
    if not patterns:
        return _NEVER
    for pattern in patterns:  # compiled one by one first, so an error names the faulty pattern
        _compile(pattern, lower_case=lower_case)
    return _compile("|".join(f"(?:{p})" for p in patterns), lower_case=lower_case)


def _compile(pattern: str, *, lower_case: bool = False) -> re.Pattern[str]:
    """Boilerplate patterns ignore case. The spam ones, tried on every line, are matched against the
    lower-cased line instead, which is several times faster than IGNORECASE; so they must be written
    in lower case (escapes such as \\S aside)."""
    if lower_case and any(ch.isupper() for ch in _ESCAPE.sub("", pattern)):
        raise LangPackError(f"spam pattern {pattern!r} must be written in lower case: it is matched against lower-cased text")
    try:
        return re.compile(pattern, 0 if lower_case else re.IGNORECASE)
    except re.error as exc:
        raise LangPackError(f"boilerplate pattern {pattern!r} is not a valid regular expression: {exc}") from exc
