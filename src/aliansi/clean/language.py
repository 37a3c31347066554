"""The language of a document, as an ISO 639-1 code.

langdetect decides per document on its first characters; it is deterministic here because it runs
from a private detector factory with a fixed seed. Language packs may overrule it where it confuses
close languages (``langpacks/<lang>/language.yaml``: Indonesian markers against Malay).
"""

from __future__ import annotations

import functools
import re

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from aliansi import langpacks

__all__ = ["detect_language"]

# langdetect's accuracy flattens out after a few hundred words; 2000 characters keeps long
# articles as cheap as short ones.
_SAMPLE_CHARS = 2000
# Below about 20 letters (a headline fragment, a caption) every detector guesses.
_MIN_LETTERS = 20
_WORD = re.compile(r"[^\W\d_]+")

# ISO 639-1 codes, to validate a declared language.
_ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv "
    "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie "
    "ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv "
    "mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm "
    "rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts "
    "tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
# Old or three-letter codes that metadata still carries ("in" is Java's legacy code for Indonesian).
_ALIASES = {"in": "id", "iw": "he", "ji": "yi", "ind": "id", "eng": "en", "msa": "ms", "may": "ms"}


@functools.cache
def _factory() -> DetectorFactory:
    # A private factory instead of langdetect's module-level one: the seed makes results
    # reproducible without touching the library's global state.
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


# Stopword shares at which a document is decided without langdetect (which costs ~6-18 ms): on the
# shared and sample articles a pack's function words made 11-30% of the words of Indonesian text
# and 27-41% of English, and at most 1% of the other language's. 8% with a 4x margin and at least
# five hits leaves room below the lowest real share and far above the cross-language noise.
_STOPWORD_SHARE = 0.08
_STOPWORD_MARGIN = 4.0
_STOPWORD_HITS = 5
_FAST_SAMPLE_CHARS = 1000


@functools.cache
def _stopwords() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per language: its stopwords, and the words that veto a decision by them."""
    return {
        lang: (frozenset(pack["stopwords"]), frozenset(pack.get("stopword_vetoes", [])))
        for lang, pack in langpacks.load_all("language").items() if "stopwords" in pack
    }


def _by_stopwords(sample: str) -> str | None:
    """The pack language whose function words clearly dominate the sample, else None."""
    words = _WORD.findall(sample[:_FAST_SAMPLE_CHARS].lower())
    if not words:
        return None
    packs = _stopwords()
    shares = sorted(((_count_in(stop, words) / len(words), lang) for lang, (stop, _) in packs.items()), reverse=True)
    best_share, best = shares[0]
    runner_up = shares[1][0] if len(shares) > 1 else 0.0
    if best_share * len(words) < _STOPWORD_HITS or best_share < _STOPWORD_SHARE or best_share < _STOPWORD_MARGIN * runner_up or packs[best][1].intersection(words):
        return None
    return best


def _count_in(vocabulary: frozenset[str], words: list[str]) -> int:
    """How many of the words are in the vocabulary (filter runs the membership tests in C)."""
    return len(list(filter(vocabulary.__contains__, words)))


@functools.cache
def _overrides() -> tuple[tuple[str, frozenset[str], frozenset[str], int], ...]:
    """(language, confusable codes, marker words, minimum markers) from every language pack."""
    return tuple(
        (lang, frozenset(pack["confusable_with"]), frozenset(pack["markers"]), pack["min_markers"])
        for lang, pack in sorted(langpacks.load_all("language").items()) if "markers" in pack
    )


def _has_letters(sample: str, minimum: int) -> bool:
    """Whether the sample holds at least `minimum` letters; stops counting once it does."""
    count = 0
    for word in _WORD.finditer(sample):
        count += word.end() - word.start()
        if count >= minimum:
            return True
    return False


def normalize_code(code: str | None) -> str | None:
    """"id-ID" -> "id", "in" -> "id", "ENG" -> "en"; None for anything that is not ISO 639-1."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    base = _ALIASES.get(base, base)
    return base if base in _ISO_639_1 else None


def detect_language(text: str, *, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text`: the declared language when it is a valid code, else detected.

    Returns None for empty or very short text, where no detector is reliable.
    """
    code = normalize_code(declared)
    if code:
        return code
    sample = text[:_SAMPLE_CHARS]
    if not _has_letters(sample, _MIN_LETTERS):
        return None
    fast = _by_stopwords(sample)
    if fast:
        return fast
    detector = _factory().create()
    detector.append(sample)
    try:
        detected = detector.detect()
    except LangDetectException:  # no usable features (symbols, digits only)
        return None
    detected = detected.split("-", 1)[0]  # zh-cn, zh-tw -> zh
    words = set(_WORD.findall(sample.lower()))
    for lang, confusable, markers, minimum in _overrides():
        if detected in confusable and len(words & markers) >= minimum:
            return lang
    return detected if detected in _ISO_639_1 else None
