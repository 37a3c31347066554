"""Per-article scores and their totals, following the rules of ../shared/gold/GUIDE.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from aliansi.evaluate.gold import GoldArticle
from aliansi.models import Article


@dataclass
class Counts:
    """True positives, emitted and expected counts, from which precision and recall follow."""

    matched_emitted: int = 0
    emitted: int = 0
    matched_expected: int = 0
    expected: int = 0
    must_not_hits: int = 0
    details: dict = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.matched_emitted += other.matched_emitted
        self.emitted += other.emitted
        self.matched_expected += other.matched_expected
        self.expected += other.expected
        self.must_not_hits += other.must_not_hits

    @property
    def precision(self) -> float:
        return self.matched_emitted / self.emitted if self.emitted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_expected / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_actors(article: Article, gold: GoldArticle) -> Counts:
    found = {actor["code"] for actor in article.actors if actor.get("code")}
    allowed = gold.actors | gold.optional_actors
    return Counts(
        matched_emitted=len(found & allowed),
        emitted=len(found),
        matched_expected=len(found & gold.actors),
        expected=len(gold.actors),
        details={"missing": sorted(gold.actors - found), "spurious": sorted(found - allowed)},
    )


def _triple(event: dict) -> tuple[str, str, str] | None:
    """(source, target, root) of an asserted, non-negated event between different actors, else None."""
    if event.get("negated") or event.get("modality", "asserted") not in (None, "asserted"):
        return None
    source, target = event["source"].get("code"), event["target"].get("code")
    return (source, target, event["root"]) if source and target and source != target else None


def scored_triples(article: Article) -> set[tuple[str, str, str]]:
    """Distinct triples of the article's scored events."""
    return {t for t in map(_triple, article.events) if t}


def scored_events(article: Article, gold: GoldArticle) -> list[tuple[dict, bool]]:
    """Each scored event with whether its triple is right (matches gold and no must_not)."""
    out = []
    for event in article.events:
        triple = _triple(event)
        if triple:
            wrong = any(g.matches(*triple) for g in gold.must_not)
            out.append((event, not wrong and any(g.matches(*triple) for g in gold.events)))
    return out


def score_events(article: Article, gold: GoldArticle) -> Counts:
    triples = scored_triples(article)
    wrong = {t for t in triples if any(g.matches(*t) for g in gold.must_not)}
    right = {t for t in triples - wrong if any(g.matches(*t) for g in gold.events)}
    required = [g for g in gold.events if g.required]
    found = [g for g in required if any(g.matches(*t) for t in triples - wrong)]
    return Counts(
        matched_emitted=len(right),
        emitted=len(triples),
        matched_expected=len(found),
        expected=len(required),
        must_not_hits=len(wrong),
        details={"spurious": sorted(triples - right), "must_not": sorted(wrong),
                 "missed": [_describe(g) for g in required if g not in found]},
    )


def _describe(event) -> str:
    arrow = "<->" if event.symmetric else "->"
    return f"{'|'.join(sorted(event.sources))}{arrow}{'|'.join(sorted(event.targets))} {'/'.join(sorted(event.roots))}"


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def score_cleaning(article: Article, gold: GoldArticle) -> dict:
    """Boilerplate gone, date, language, duplicate_of, and evidence offsets, for one article."""
    # Gold strings are compared with runs of whitespace (no-break spaces included) collapsed, since
    # annotators retype what they see: "MEMBACA  X" in the gold is "MEMBACA\xa0 X" in the file.
    text = _squeezed(article.text)
    left = [piece for piece in gold.boilerplate if _squeezed(piece) in text]
    evidence_ok = all(
        article.text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"] for e in article.events
    )
    return {
        "boilerplate_removed": len(gold.boilerplate) - len(left),
        "boilerplate_total": len(gold.boilerplate),
        "boilerplate_left": left,
        "date_ok": article.date == gold.date,
        "date": article.date,
        "gold_date": gold.date,
        "language_ok": gold.lang is None or article.language == gold.lang,
        "duplicate_ok": article.duplicate_of == gold.duplicate_of,
        "evidence_ok": evidence_ok,
    }
