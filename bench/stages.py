"""Per-stage cost of the pipeline on a generated corpus, in one process on one core.

    python bench/stages.py [--articles 500] [--words 500]

Prints milliseconds per article for each stage (clean, analyse, actors, events, then dedup: the
near-duplicate check `Pipeline.run` makes in input order, and store: loading the coded articles
into a DuckDB file as `aliansi ingest` does, in its transactions of BATCH_SIZE articles, with the
event clustering at the end) and articles per second for the per-article work (clean to events),
plus the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402

from aliansi.actors import actors_of, recognize  # noqa: E402
from aliansi.langpacks import languages  # noqa: E402
from aliansi.clean import clean_article  # noqa: E402
from aliansi.clean.dedup import NearDuplicateIndex  # noqa: E402
from aliansi.events.coder import EventCoder  # noqa: E402
from aliansi.models import Article, RawArticle  # noqa: E402
from aliansi.nlp.doc import analyse  # noqa: E402
from aliansi.store import BATCH_SIZE, Store  # noqa: E402
from aliansi.store.dedup import refresh_clusters  # noqa: E402
from aliansi.store.load import Coded, content_hash, write_batches  # noqa: E402


def measure(n: int, words: int) -> dict:
    raws = [RawArticle(id=r["id"], source_file="<bench>", text=r["text"], title=r["title"]) for r in corpus(n, words=words)]
    # Load the packs, compile the patterns and build the gazetteers of every language first, and take
    # them out of the collector's scans as `Pipeline` does, so that no stage pays for the set-up.
    warmed = set()
    for raw in raws:
        warmed.add(_run(raw, None).language)
        if warmed >= set(languages()):
            break
    gc.freeze()
    spent = {"clean": 0.0, "analyse": 0.0, "actors": 0.0, "events": 0.0}
    start = time.perf_counter()
    articles = [_run(raw, spent) for raw in raws]
    total = time.perf_counter() - start
    spent["dedup"] = _dedup(articles)
    spent["store"] = _store([Coded(a, content_hash(r)) for a, r in zip(articles, raws)])
    words_seen = sum(len(r.text.split()) for r in raws)
    return {
        "articles": n,
        "mean_words": round(words_seen / n),
        "articles_per_second": round(n / total, 1),
        "ms_per_article": {stage: round(1000 * seconds / n, 3) for stage, seconds in spent.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _dedup(articles: list[Article]) -> float:
    index = NearDuplicateIndex()
    start = time.perf_counter()
    for article in articles:
        article.duplicate_of = index.check_and_add(article.id, article.text)
    return time.perf_counter() - start


def _store(coded: list[Coded]) -> float:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "stages.duckdb") as store:
        start = time.perf_counter()
        batches = (coded[i:i + BATCH_SIZE] for i in range(0, len(coded), BATCH_SIZE))
        for _committed in write_batches(store.connection, batches):
            pass
        refresh_clusters(store.connection)
        return time.perf_counter() - start


def _run(raw: RawArticle, spent: dict | None) -> Article:
    t0 = time.perf_counter()
    article = clean_article(raw)
    t1 = time.perf_counter()
    doc = analyse(article.text, language=article.language, date=article.date, date_precision=article.date_precision)
    t2 = time.perf_counter()
    mentions = recognize(doc)
    article.actors = actors_of(article.text, mentions)
    t3 = time.perf_counter()
    article.events = EventCoder().code(doc, mentions)
    t4 = time.perf_counter()
    if spent is not None:
        for stage, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            spent[stage] += seconds
    return article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args()
    print(json.dumps(measure(args.articles, args.words), indent=2))


if __name__ == "__main__":
    main()
