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

from datasketch import MinHash, MinHashLSH

__all__ = ["NearDuplicateIndex", "shingles"]

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


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Word `size`-grams of the lower-cased text with punctuation stripped."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@functools.cache
def _template(num_perm: int) -> MinHash:
    # crc32 (in C) instead of datasketch's default sha1 (a Python call per shingle): a 32-bit,
    # deterministic, well-mixed hash is all MinHash needs, and it is several times faster.
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=zlib.crc32)


class NearDuplicateIndex:
    """Articles seen so far; `check_and_add` says which earlier one a new article copies.

    The answer is the earliest-added member of the duplicate group: a third copy points to the
    first, not to the second. One index per batch or per corpus; it is not thread-safe.
    """

    def __init__(
        self, *, threshold: float = DEFAULT_THRESHOLD, num_perm: int = 128, shingle_size: int = SHINGLE_SIZE
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
        grams = shingles(text, self.shingle_size)
        if not grams:
            return None
        # Generating the permutations is most of MinHash's set-up cost; they depend only on
        # num_perm and the seed, so every signature shares one set.
        template = _template(self.num_perm)
        mh = MinHash(num_perm=self.num_perm, seed=SEED, permutations=template.permutations, scheme=template.scheme,
                     hashfunc=zlib.crc32)
        mh.update_batch(g.encode("utf-8") for g in sorted(grams))
        return mh

    def check_and_add(self, article_id: str, text: str) -> str | None:
        """Add the article; return the id of the first-seen article it nearly duplicates, or None.

        Text without a single word is not indexed and duplicates nothing.
        """
        if article_id in self._order:
            raise ValueError(f"article {article_id!r} is already in the index")
        mh = self.minhash(text)
        if mh is None:
            return None
        matches = [key for key in self._lsh.query(mh) if mh.jaccard(self._minhashes[key]) >= self.threshold]
        self._lsh.insert(article_id, mh)
        self._minhashes[article_id] = mh
        self._order[article_id] = len(self._order)
        first = min((self._group[key] for key in matches), key=self._order.__getitem__, default=None)
        self._group[article_id] = first or article_id
        return first
