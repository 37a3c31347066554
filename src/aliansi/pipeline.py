"""The one Pipeline that the CLI, the REST API and the Spark job all call."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from aliansi.actors import actors_of, recognize
from aliansi.clean import clean_article
from aliansi.clean.dedup import NearDuplicateIndex, signature
from aliansi.events.coder import EventCoder
from aliansi.models import Article, RawArticle, Rendered
from aliansi.nlp.doc import analyse

# Articles per task sent to a worker process: large enough that pickling overhead stays small,
# small enough that output keeps flowing on modest batches.
WORKER_CHUNK = 16

# Chunks per worker that may be read ahead of the output: enough that no worker waits for input.
IN_FLIGHT_CHUNKS = 4

Result = TypeVar("Result")


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

    def rendered(self, raw: RawArticle) -> Rendered:
        """`annotate`, then the JSON line: encoding is a good part of an article's cost, so workers do it."""
        return self.annotate(raw).rendered()

    def run(self, raws: Iterable[RawArticle], *, workers: int = 1) -> Iterator[Article]:
        duplicates = NearDuplicateIndex()
        for article in self._mapped(self.annotate, raws, workers=workers):
            article.duplicate_of = duplicates.check_and_add(article.id, article.text, signature=article.signature)
            yield article

    def json_lines(self, raws: Iterable[RawArticle], *, workers: int = 1) -> Iterator[str]:
        """What `run` yields, as JSON lines of the per-article contract. With several workers the parent
        process, which every article passes through, only marks duplicates and writes."""
        duplicates = NearDuplicateIndex()
        for rendered in self._mapped(self.rendered, raws, workers=workers):
            # Only a text without words has no signature, and it duplicates nothing: the text is not needed.
            yield rendered.line(duplicates.check_and_add(rendered.id, "", signature=rendered.signature))

    @staticmethod
    def _mapped(work: Callable[[RawArticle], Result], raws: Iterable[RawArticle], *, workers: int) -> Iterator[Result]:
        raws = iter(raws)
        first = next(raws, None)
        if first is None:
            return
        # The first article is coded here, before the workers fork, so that they inherit the language
        # packs and indexes it loaded instead of each loading them again.
        yield work(first)
        # The language packs and indexes it loaded live as long as the process: taken out of the garbage
        # collector's view, the collections that coding's short-lived objects set off no longer scan them.
        # Once per process, so that a long-lived one (a server) freezes no later garbage.
        if gc.get_freeze_count() == 0:
            gc.freeze()
        if workers <= 1:
            yield from map(work, raws)
            return
        # imap's feeder thread would read the whole input ahead of the workers and hold it all in memory;
        # each article it takes needs room, given back as results are consumed.
        room = threading.Semaphore(IN_FLIGHT_CHUNKS * workers * WORKER_CHUNK)
        stopped = False

        def fed() -> Iterator[RawArticle]:
            for raw in raws:
                room.acquire()
                if stopped:
                    return
                yield raw

        with multiprocessing.Pool(processes=workers) as pool:
            try:
                # imap keeps input order, so "first seen" for duplicates is the same with any worker count.
                for result in pool.imap(work, fed(), chunksize=WORKER_CHUNK):
                    room.release()
                    yield result
            finally:
                stopped = True
                room.release(IN_FLIGHT_CHUNKS * workers * WORKER_CHUNK)  # a feeder still waiting must see it
