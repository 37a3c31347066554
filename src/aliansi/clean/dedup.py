"""Near-duplicate articles: syndicated copies of one story under different headers, footers,
headlines or datelines.

MinHash LSH over word shingles of the normalised text. The LSH bands only propose candidates; each
is then confirmed by its estimated Jaccard similarity, so the threshold below is the real decision
rule.

The signatures are datasketch's MinHash values (its "affine32" scheme, same seed, same values) and
the bands those its MinHashLSH chooses, computed here with numpy: importing datasketch pulls in
scipy, which alone costs more start-up time than marking a whole batch.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

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
    return _shingle_array(text, size).tolist()


def _shingle_array(text: str, size: int) -> np.ndarray:
    """`shingle_hashes` as a uint32 array, as the signature needs them."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    width = min(size, len(word_hashes))
    chained = word_hashes[: len(word_hashes) - width + 1].copy()
    for offset in range(1, width):
        chained = chained * _CHAIN + word_hashes[offset : len(word_hashes) - width + 1 + offset]
    return (chained & _MASK32).astype(np.uint32)


# Permutations per signature: datasketch's default; the estimate's standard error is about 0.04.
NUM_PERM = 128


# datasketch's "affine32" scheme: each input hash is pre-mixed with the MurmurHash3 32-bit finalizer
# (shift, multiplier, shift, multiplier, shift), then permuted as a * h + b mod 2**32.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_SCHEME = "affine32"
_MAX_HASH = (1 << 32) - 1


@functools.cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each permutation, drawn as datasketch's MinHash(num_perm, seed=SEED) draws them."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    shift1, multiplier1, shift2, multiplier2, shift3 = _FMIX32
    hashes = (hashes ^ (hashes >> shift1)) * multiplier1
    hashes = (hashes ^ (hashes >> shift2)) * multiplier2
    return hashes ^ (hashes >> shift3)


def signature(text: str, *, num_perm: int = NUM_PERM, shingle_size: int = SHINGLE_SIZE) -> np.ndarray | None:
    """The MinHash signature (its hash values) of a text, or None for a text without words.

    A plain array, so that worker processes can compute it beside the rest of an article's coding
    and send it back cheaply; the index in the parent only compares signatures.
    """
    hashes = _shingle_array(text, shingle_size)
    if not len(hashes):
        return None
    a, b = _permutations(num_perm)
    # One row per permutation, one column per shingle; the signature is each row's minimum.
    permuted = np.multiply.outer(a, _fmix32(hashes))
    permuted += b[:, np.newaxis]
    return permuted.min(axis=1)


# The candidate threshold and permutation count of the default index, and the (bands, rows per band)
# that datasketch's MinHashLSH chooses for them: it minimises false positive and negative rates
# integrated with scipy, which is slow to import and to run. Other settings ask datasketch.
_DEFAULT_BANDS = {(DEFAULT_THRESHOLD - _CANDIDATE_MARGIN, NUM_PERM): (37, 3)}


def _band_bytes(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    """The (start, end) of each LSH band in the bytes of a uint32 signature."""
    bands, rows = _DEFAULT_BANDS.get((threshold, num_perm)) or _datasketch_bands(threshold, num_perm)
    return [(4 * i * rows, 4 * (i + 1) * rows) for i in range(bands)]


def _datasketch_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


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
        self._bands = _band_bytes(max(0.05, threshold - _CANDIDATE_MARGIN), num_perm)
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in self._bands]  # per band: its values -> ids
        self._signatures: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._group: dict[str, str] = {}  # article id -> id of the first article of its group

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def _text_signature(self, text: str) -> np.ndarray | None:
        return signature(text, num_perm=self.num_perm, shingle_size=self.shingle_size)

    def minhash(self, text: str) -> MinHash | None:
        """The text's signature as a datasketch MinHash, for callers that want its API."""
        values = self._text_signature(text)
        if values is None:
            return None
        from datasketch import MinHash

        return MinHash(seed=SEED, hashvalues=values, permutations=_permutations(self.num_perm), scheme=_SCHEME, hashfunc=int)

    def _checked(self, values: np.ndarray) -> np.ndarray:
        """A signature given by the caller, as uint32 (ledgers store them as 64-bit integers)."""
        values = np.asarray(values)
        if len(values) != self.num_perm:
            raise ValueError(f"a signature of {len(values)} values does not fit an index of {self.num_perm} permutations")
        if values.size and (int(values.max()) > _MAX_HASH or int(values.min()) < 0):
            raise ValueError("signature values out of the 32-bit range")
        return values.astype(np.uint32)

    def check_and_add(self, article_id: str, text: str, *, signature: np.ndarray | None = None) -> str | None:
        """Add the article; return the id of the first-seen article it nearly duplicates, or None.

        `signature` is the text's `signature()` when the caller already has it (computed with this
        index's parameters). Text without a single word is not indexed and duplicates nothing.
        """
        if article_id in self._order:
            raise ValueError(f"article {article_id!r} is already in the index")
        if signature is None:
            signature = self._text_signature(text)
            if signature is None:
                return None
        values = self._checked(signature)
        signature_bytes = values.tobytes()
        keys = [signature_bytes[start:end] for start, end in self._bands]
        candidates = {other for bucket, key in zip(self._buckets, keys) for other in bucket.get(key, ())}
        matches = self._similar(values, list(candidates))
        for bucket, key in zip(self._buckets, keys):
            bucket.setdefault(key, []).append(article_id)
        self._signatures[article_id] = values
        self._order[article_id] = len(self._order)
        first = min((self._group[key] for key in matches), key=self._order.__getitem__, default=None)
        self._group[article_id] = first or article_id
        return first

    def _similar(self, values: np.ndarray, candidates: list[str]) -> list[str]:
        """The candidates whose estimated Jaccard similarity (share of equal minima) reaches the threshold,
        all compared in one array operation."""
        if not candidates:
            return []
        others = np.stack([self._signatures[key] for key in candidates])
        similarity = (others == values).mean(axis=1)
        return [key for key, value in zip(candidates, similarity) if value >= self.threshold]
