"""Mention recall on a CoNLL-style Indonesian NER set (`token POS tag`, blank line between sentences).

The recognizer is built for international actors, not for every name in domestic news, so this
measures how much of general news it still covers: a gold PER/ORG/LOC span counts as found when
a mention of the matching kind overlaps it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from aliansi.actors import recognize
from aliansi.errors import InputError
from aliansi.nlp.doc import analyse

# Our mention kinds, by the NER tag they correspond to.
KINDS = {"PER": {"person"}, "LOC": {"state", "place"}, "ORG": {"igo", "organization"}}


def read_conll(path: str | Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(sentence text, [(start, end, type)]) per sentence, the text rebuilt with single spaces."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the NER file ({exc.strerror})") from exc
    sentences, words, tags = [], [], []
    for number, line in enumerate([*lines, ""], start=1):
        if not line.strip():
            if words:
                sentences.append(_sentence(words, tags))
            words, tags = [], []
            continue
        parts = line.split()
        if len(parts) < 2:
            raise InputError(f"{path}:{number}", "expected `token POS tag` or `token tag`")
        words.append(parts[0])
        tags.append(parts[-1])
    return sentences


def _sentence(words: list[str], tags: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, offset, current = "", [], 0, None
    for word, tag in zip(words, tags):
        start = offset
        text += word + " "
        offset = len(text)
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            current = [start, start + len(word), tag[2:]]
            spans.append(current)
        elif tag.startswith("I-"):
            current[1] = start + len(word)
        else:
            current = None
    return text.rstrip(), [tuple(span) for span in spans]


def ner_report(path: str | Path) -> dict:
    found, total = Counter(), Counter()
    for text, spans in read_conll(path):
        mentions = recognize(analyse(text, language="id", date=None))
        for start, end, kind in spans:
            total[kind] += 1
            if any(m.start < end and start < m.end and m.kind in KINDS.get(kind, set()) for m in mentions):
                found[kind] += 1
    overall = sum(found.values()) / (sum(total.values()) or 1)
    return {
        "recall": {kind: round(found[kind] / total[kind], 4) for kind in sorted(total)},
        "overall_recall": round(overall, 4),
        "spans": dict(sorted(total.items())),
    }
