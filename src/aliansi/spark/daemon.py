"""Spark's Python daemon with aliansi loaded before it forks its workers (`spark.python.daemon.module`).

Spark starts one daemon per executor and forks a Python worker from it for each task slot. Loading
the language packs, the gazetteer and trafilatura takes seconds; done here, once, every forked worker
starts with them already in memory, shared copy-on-write, instead of loading them again.
"""

from pyspark.daemon import manager

from aliansi.models import RawArticle
from aliansi.pipeline import Pipeline
from aliansi.spark import tasks  # noqa: F401 - imports the readers and the store for the workers

# One short article per language pack, so that each pack and its compiled patterns are loaded.
WARM_UP = (
    "Presiden Rusia Vladimir Putin bertemu Presiden Turki Recep Tayyip Erdogan di Ankara pada Senin (3/6/2024).",
    "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara on Monday.",
)


def warm_up() -> None:
    pipeline = Pipeline()
    for number, text in enumerate(WARM_UP):
        pipeline.annotate(RawArticle(id=f"warm-up-{number}", source_file="<warm-up>", text=text))


if __name__ == "__main__":
    warm_up()
    manager()
