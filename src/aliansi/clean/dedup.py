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
    """

    def __init__(
        self, *, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM, shingle_size: int = SHINGLE_SIZE
    ):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - _CANDIDATE_MARGIN), num_perm=num_perm)
        self._minhashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._group: dict[str, str] = {}  # article id -> id of the first article of its group

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def minhash(self, text: str) -> MinHash | None:
        return self._from_signature(signature(text, num_perm=self.num_perm, shingle_size=self.shingle_size))

    def _from_signature(self, values: np.ndarray | None) -> MinHash | None:
        if values is None:
            return None
        if len(values) != self.num_perm:
            raise ValueError(f"a signature of {len(values)} values does not fit an index of {self.num_perm} permutations")
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
        mh = self._from_signature(signature) if signature is not None else self.minhash(text)
        if mh is None:
            return None
        matches = self._similar(mh, self._lsh.query(mh))
        self._lsh.insert(article_id, mh)
        self._minhashes[article_id] = mh
        self._order[article_id] = len(self._order)
        first = min((self._group[key] for key in matches), key=self._order.__getitem__, default=None)
        self._group[article_id] = first or article_id
        return first

    def _similar(self, mh: MinHash, candidates: list[str]) -> list[str]:
        """The candidates whose estimated Jaccard similarity (share of equal minima) reaches the threshold,
        all compared in one array operation."""
        if not candidates:
            return []
        others = np.stack([self._minhashes[key].hashvalues for key in candidates])
        similarity = (others == mh.hashvalues).mean(axis=1)
        return [key for key, value in zip(candidates, similarity) if value >= self.threshold]
