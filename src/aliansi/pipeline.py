"""The one Pipeline that the CLI, the REST API and the Spark job all call."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from aliansi.actors import actors_of, recognize
from aliansi.clean import clean_article
from aliansi.clean.dedup import NearDuplicateIndex, signature
from aliansi.events.coder import EventCoder
from aliansi.models import Article, RawArticle
from aliansi.nlp.doc import analyse

# Articles per task sent to a worker process: large enough that pickling overhead stays small,
# small enough that output keeps flowing on modest batches.
WORKER_CHUNK = 16


class Pipeline:
    """Runs every stage on each article, then marks near-duplicates across the batch in input order."""

    def annotate(self, raw: RawArticle) -> Article:
        """All per-article stages; a pure function of the raw article."""
        article = clean_article(raw)
        doc = analyse(article.text, language=article.language, date=article.date, date_precision=article.date_precision)
        mentions = recognize(doc)
        article.actors = actors_of(article.text, mentions)
        article.events = EventCoder().code(doc, mentions)
        article.signature = signature(article.text)
        return article

    def run(self, raws: Iterable[RawArticle], *, workers: int = 1) -> Iterator[Article]:
        duplicates = NearDuplicateIndex()
        for article in self._annotated(raws, workers=workers):
            article.duplicate_of = duplicates.check_and_add(article.id, article.text, signature=article.signature)
            yield article

    def _annotated(self, raws: Iterable[RawArticle], *, workers: int) -> Iterator[Article]:
        raws = iter(raws)
        first = next(raws, None)
        if first is None:
            return
        # The first article is coded here, before the workers fork, so that they inherit the language
        # packs and indexes it loaded instead of each loading them again.
        yield self.annotate(first)
        if workers <= 1:
            yield from map(self.annotate, raws)
            return
        with multiprocessing.Pool(processes=workers) as pool:
            # imap keeps input order, so "first seen" for duplicates is the same with any worker count.
            yield from pool.imap(self.annotate, raws, chunksize=WORKER_CHUNK)
