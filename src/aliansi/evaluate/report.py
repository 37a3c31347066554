"""Run the pipeline over gold articles and build the reports that `aliansi evaluate` prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.table import Table

from aliansi.evaluate.gold import GoldArticle
from aliansi.evaluate.scores import Counts, score_actors, score_cleaning, score_events, scored_events
from aliansi.models import Article


def paired(articles: Iterable[Article], gold: dict[str, GoldArticle]) -> list[tuple[Article, GoldArticle]]:
    """Articles that have a gold record, in input order."""
    return [(article, gold[article.id]) for article in articles if article.id in gold]


def counts_report(pairs: list[tuple[Article, GoldArticle]], scorer: Callable[[Article, GoldArticle], Counts]) -> dict:
    total = Counts()
    rows = []
    for article, gold in pairs:
        counts = scorer(article, gold)
        total.add(counts)
        rows.append({"article": article.id, **_figures(counts), **counts.details})
    return {"articles": rows, "overall": _figures(total)}


def _figures(counts: Counts) -> dict:
    return {
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
        "emitted": counts.emitted,
        "expected": counts.expected,
        "must_not_hits": counts.must_not_hits,
    }


def actors_report(pairs: list[tuple[Article, GoldArticle]]) -> dict:
    return counts_report(pairs, score_actors)


# Confidence bins for the calibration table: a well-calibrated score has rising precision per bin.
CONFIDENCE_BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def events_report(pairs: list[tuple[Article, GoldArticle]]) -> dict:
    report = counts_report(pairs, score_events)
    report["calibration"] = calibration(pairs)
    return report


def calibration(pairs: list[tuple[Article, GoldArticle]]) -> list[dict]:
    """Precision of scored events (asserted, not negated) per confidence bin."""
    return calibration_table(
        (event["confidence"], correct) for article, gold in pairs for event, correct in scored_events(article, gold)
    )


def calibration_table(judged) -> list[dict]:
    """Precision per confidence bin of (confidence, correct) pairs."""
    right, total = [0] * len(CONFIDENCE_BINS), [0] * len(CONFIDENCE_BINS)
    for confidence, correct in judged:
        index = next(i for i, (low, high) in enumerate(CONFIDENCE_BINS) if low <= confidence < high)
        total[index] += 1
        right[index] += correct
    return [
        {"confidence": f"{low:.2f}-{min(high, 1.0):.2f}", "events": n, "precision": round(r / n, 4) if n else None}
        for (low, high), r, n in zip(CONFIDENCE_BINS, right, total)
    ]


def cleaning_report(pairs: list[tuple[Article, GoldArticle]]) -> dict:
    rows = [{"article": article.id, **score_cleaning(article, gold)} for article, gold in pairs]
    n = len(rows) or 1
    dated = [r for r in rows if r["gold_date"] is not None]
    return {
        "articles": rows,
        "overall": {
            "articles": len(rows),
            "boilerplate_removed": sum(r["boilerplate_removed"] for r in rows),
            "boilerplate_total": sum(r["boilerplate_total"] for r in rows),
            "date_accuracy": round(sum(r["date_ok"] for r in rows) / n, 4),
            "date_accuracy_where_gold_has_date": round(sum(r["date_ok"] for r in dated) / (len(dated) or 1), 4),
            "language_accuracy": round(sum(r["language_ok"] for r in rows) / n, 4),
            "duplicate_accuracy": round(sum(r["duplicate_ok"] for r in rows) / n, 4),
            "evidence_offsets_ok": all(r["evidence_ok"] for r in rows),
        },
    }


def calibration_rich(rows: list[dict]):
    """The calibration rows as a rich table."""
    table = Table("confidence", "events", "precision", title="calibration (scored events)")
    for row in rows:
        table.add_row(row["confidence"], str(row["events"]), "" if row["precision"] is None else f"{row['precision']:.3f}")
    return table
