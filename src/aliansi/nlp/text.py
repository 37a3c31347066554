"""Tokens with character offsets, and sentence spans, computed once per article.

Tokens are kept as parallel lists rather than one object per token: the recognizers only need
offsets, the normalized form and capitalization, and lists keep a 500-word article well under a
millisecond.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

# A word is a run of letters/digits; hyphens and apostrophes split words, so "Rusia-Azerbaijan"
# gives two names and "NATO's" gives "NATO" followed by "s". Splitting on the runs between words
# (kept by the group) gives words and gaps alternating: word, gap, word, ..., word. (\W\W* rather
# than \W+: a pattern that opens with a character class lets the regex engine skip ahead to it.)
_GAP = re.compile(r"(\W\W*)", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def normalize(word: str) -> str:
    """Case-folded, diacritics removed: "Erdoğan" -> "erdogan", "Chișinău" -> "chisinau"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


@dataclass(frozen=True)
class Tokens:
    """The word tokens of a text: offsets, surface forms and normalized forms, index-aligned."""

    starts: list[int]
    ends: list[int]
    surface: list[str]
    norm: list[str]

    def __len__(self) -> int:
        return len(self.starts)

    def is_capitalized(self, index: int) -> bool:
        return self.surface[index][:1].isupper()

    def index_at_or_after(self, offset: int) -> int:
        """The first token starting at or after a character offset (len(self) if none)."""
        return bisect_left(self.starts, offset)


def tokenize(text: str) -> Tokens:
    # One split and running sums of lengths, all in C, instead of a match object per word.
    pieces = _GAP.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    surface, starts, ends = pieces[::2], offsets[::2], offsets[1::2]
    # Only the first and the last word can be empty: when the text starts or ends with a gap.
    if not surface[-1]:
        del surface[-1], starts[-1], ends[-1]
    if surface and not surface[0]:
        del surface[0], starts[0], ends[0]
    return Tokens(starts, ends, surface, list(map(normalize, surface)))


# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before whitespace and
# an upper-case letter, a digit or an opening quote; or at a paragraph break. The pattern opens with
# one character class (the lookbehinds then tell the two cases apart) so that the regex engine jumps
# from one candidate character to the next instead of trying a match at every position.
_SENTENCE_END = re.compile(
    r"""[.!?…\n](?:(?<=[.!?…])[.!?…]*["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Ý])|(?<=\n)\s*\n)"""
)


def sentence_spans(text: str, *, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace-trimmed. Abbreviations ("Jl.", "Dr.") do not end one."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _word_before(text, match.start()).casefold() in abbreviations:
            continue
        _append_trimmed(spans, text, start, match.end())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:end]


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    sentence = text[start:end].lstrip()
    start = end - len(sentence)
    sentence = sentence.rstrip()
    if sentence:
        spans.append((start, start + len(sentence)))
