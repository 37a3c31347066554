"""Near-duplicate articles: syndicated copies of one story under different headers, footers,
headlines or datelines.

MinHash LSH (datasketch) over word shingles of the normalised text. The LSH bands only propose
candidates; each is then confirmed by its estimated Jaccard similarity, so the threshold below is
the real decision rule.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["NearDuplicateIndex", "shingle_hashes", "signature"]

# Word 3-grams. Jaccard similarities measured on the fixtures in tests/test_clean_dedup.py
# (about 200 words each), by shingle size k:
#                                                k=1    k=2    k=3    k=5
#   syndicated copy (new header, footer, headline   0.72   0.66   0.65   0.64   (lowest of id, en)
#     and dateline, 2-3 sentences cut or added)
#   same actors and topic, another story           0.27   0.10   0.05   0.02   (highest)
#   the 13 shared articles, closest pair           0.19   0.03   0.01   0.00
# Single words leave too small a gap; from k=3 on, different stories share almost nothing while
# copies keep most of their shingles. Longer shingles punish each small edit (one changed word
# removes k shingles), so 3 is the shortest size with a wide gap.
SHINGLE_SIZE = 3
# Copies measured 0.65 and up, different stories 0.05 at most. 0.5 leaves room below the copies for
# heavier edits and for the MinHash estimate's noise (standard error about 0.04 at 128
# permutations), and is still ten times the similarity of a different story on the same topic.
DEFAULT_THRESHOLD = 0.5
# The LSH bands are tuned for a lower similarity than the decision threshold: banded for 0.5
# itself, datasketch would propose a pair at J=0.6 only 87% of the time. Banded for 0.3 it
# proposes pairs at 0.5 99.3% of the time; the estimated Jaccard then decides.
_CANDIDATE_MARGIN = 0.2
# datasketch's default; any fixed value makes the index reproducible across runs.
SEED = 1

_WORD = re.compile(r"[^\W_]+")


# Odd 32-bit multiplier that chains the word hashes of a shingle (as in FNV/Knuth multiplicative hashing).
_CHAIN = np.uint64(0x9E3779B1)
_MASK32 = np.uint64(0xFFFFFFFF)


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> list[int]:
    """32-bit hashes of the word `size`-grams of the lower-cased text with punctuation stripped.

    Each word is hashed once (crc32, in C) and a shingle's hash chains its words' hashes in numpy,
    instead of building and hashing one string per shingle. Repeats are kept: MinHash takes minima,
    which repeats do not change.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return []
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    width = min(size, len(word_hashes))
    chained = word_hashes[: len(word_hashes) - width + 1].copy()
    for offset in range(1, width):
        chained = chained * _CHAIN + word_hashes[offset : len(word_hashes) - width + 1 + offset]
    return (chained & _MASK32).tolist()


# Permutations per signature: datasketch's default; the estimate's standard error is about 0.04.
NUM_PERM = 128


@functools.cache
def _template(num_perm: int) -> MinHash:
    # The shingle hashes arrive as 32-bit integers, so the MinHash's own hash function is the identity.
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=int)


def signature(text: str, *, num_perm: int = NUM_PERM, shingle_size: int = SHINGLE_SIZE) -> np.ndarray | None:
    """The MinHash signature (its hash values) of a text, or None for a text without words.

    A plain array, so that worker processes can compute it beside the rest of an article's coding
    and send it back cheaply; the index in the parent only compares signatures.
    """
    hashes = shingle_hashes(text, shingle_size)
    if not hashes:
        return None
    # Generating the permutations is most of MinHash's set-up cost; they depend only on num_perm and
    # the seed, so every signature shares one set.
    template = _template(num_perm)
    mh = MinHash(num_perm=num_perm, seed=SEED, permutations=template.permutations, scheme=template.scheme, hashfunc=int)
    mh.update_batch(hashes)
    return mh.hashvalues


class NearDuplicateIndex:
    """Articles seen so far; `check_and_add` says which earlier one a new article copies.

    The answer is the earliest-added member of the duplicate group: a third copy points to the
    first, not to the second. One index per batch or per corpus; it is not thread-safe.

    datasketch's MinHashLSH chooses the bands (its optimum of false positives and negatives for the
    candidate threshold), but its buckets are Python sets and MinHash objects, about 10 KB per
    article: 500 MB and a garbage collector busy scanning them at 50,000 articles. Here signatures
    are rows of one array, and each band's value is hashed to one integer kept in a sorted array,
    with the articles since the last merge in a small dict: about 1 KB per article. Two bands that
    only collide in their hash propose a candidate that the similarity check then turns down.
    """

    # Articles held in the dict before they are merged into the sorted arrays: a merge sorts every
    # band key seen, so rarer merges cost less, while the dict is what the collector has to scan.
    RECENT = 4096

    def __init__(
        self, *, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM, shingle_size: int = SHINGLE_SIZE
    ):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        lsh = MinHashLSH(threshold=max(0.05, threshold - _CANDIDATE_MARGIN), num_perm=num_perm)
        bands, rows = lsh.b, lsh.r
        self._band_width = rows
        self._band_count = bands
        # Odd multipliers that mix a band's values into one 64-bit key (wrapping around), and an offset
        # per band so that equal values in two bands make two keys.
        self._mixers = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
        self._band_offsets = np.arange(bands, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
        self._ids: list[str] = []
        self._order: dict[str, int] = {}  # article id -> its row
        self._signatures = np.zeros((0, num_perm), dtype=np.uint32)
        self._group: list[int] = []  # row -> row of the first article of its group
        self._sorted_keys = np.zeros(0, dtype=np.uint64)  # band keys of merged articles, sorted
        self._sorted_rows = np.zeros(0, dtype=np.int32)  # ... and the row each belongs to
        self._recent: dict[int, list[int]] = {}  # band key -> rows, for articles not merged yet
        self._recent_count = 0

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def minhash(self, text: str) -> MinHash | None:
        """The text's signature as a datasketch MinHash, for callers that want its API."""
        values = self._text_signature(text)
        if values is None:
            return None
        template = _template(self.num_perm)
        return MinHash(num_perm=self.num_perm, seed=SEED, hashvalues=values, permutations=template.permutations,
                       scheme=template.scheme, hashfunc=int)

    def check_and_add(self, article_id: str, text: str, *, signature: np.ndarray | None = None) -> str | None:
        """Add the article; return the id of the first-seen article it nearly duplicates, or None.

        `signature` is the text's `signature()` when the caller already has it (computed with this
        index's parameters). Text without a single word is not indexed and duplicates nothing.
        """
        if article_id in self._order:
            raise ValueError(f"article {article_id!r} is already in the index")
        values = self._checked(signature if signature is not None else self._text_signature(text))
        if values is None:
            return None
        keys = self._band_keys(values)
        row = len(self._ids)
        matches = self._similar(values, self._candidates(keys))
        first = min((self._group[other] for other in matches), default=row)
        self._add(article_id, values, keys, first)
        return self._ids[first] if first != row else None

    def _text_signature(self, text: str) -> np.ndarray | None:
        return signature(text, num_perm=self.num_perm, shingle_size=self.shingle_size)

    def _checked(self, values: np.ndarray | None) -> np.ndarray | None:
        if values is None:
            return None
        if len(values) != self.num_perm:
            raise ValueError(f"a signature of {len(values)} values does not fit an index of {self.num_perm} permutations")
        # MinHash values stay below 2**32 (datasketch's _max_hash), so 32 bits hold them.
        return np.asarray(values, dtype=np.uint32)

    def _band_keys(self, values: np.ndarray) -> np.ndarray:
        bands = values[: self._band_count * self._band_width].reshape(self._band_count, self._band_width)
        return (bands.astype(np.uint64) * self._mixers).sum(axis=1) + self._band_offsets

    def _candidates(self, keys: np.ndarray) -> list[int]:
        """Rows of earlier articles that share a band key with these keys."""
        low = np.searchsorted(self._sorted_keys, keys, side="left")
        high = np.searchsorted(self._sorted_keys, keys, side="right")
        found = {int(r) for i in np.flatnonzero(high > low) for r in self._sorted_rows[low[i]:high[i]]}
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        return sorted(found)

    def _add(self, article_id: str, values: np.ndarray, keys: np.ndarray, first: int) -> None:
        row = len(self._ids)
        self._ids.append(article_id)
        self._order[article_id] = row
        self._group.append(first)
        if row == len(self._signatures):  # grow by doubling: appending one row at a time would copy them all
            grown = np.zeros((max(64, 2 * row), self.num_perm), dtype=np.uint32)
            grown[:row] = self._signatures
            self._signatures = grown
        self._signatures[row] = values
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(row)
        self._recent_count += 1
        if self._recent_count >= self.RECENT:
            self._merge_recent()

    def _merge_recent(self) -> None:
        keys = np.fromiter((key for key, rows in self._recent.items() for _ in rows), dtype=np.uint64)
        rows = np.fromiter((row for rows in self._recent.values() for row in rows), dtype=np.int32)
        order = np.argsort(keys)
        keys, rows = keys[order], rows[order]
        # Sorting only the new keys and inserting them where they belong keeps a merge linear in the
        # keys already merged.
        at = np.searchsorted(self._sorted_keys, keys)
        self._sorted_keys = np.insert(self._sorted_keys, at, keys)
        self._sorted_rows = np.insert(self._sorted_rows, at, rows)
        self._recent, self._recent_count = {}, 0

    def _similar(self, values: np.ndarray, candidates: list[int]) -> list[int]:
        """The candidates whose estimated Jaccard similarity (share of equal minima) reaches the threshold,
        all compared in one array operation."""
        if not candidates:
            return []
        similarity = (self._signatures[candidates] == values).mean(axis=1)
        return [row for row, value in zip(candidates, similarity) if value >= self.threshold]
