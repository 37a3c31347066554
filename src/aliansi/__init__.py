"""aliansi: evidence-backed political event data from Indonesian and English news."""

import logging

from aliansi.errors import AliansiError, InputError
from aliansi.models import Article, RawArticle, Removed

__version__ = "0.1.0"

# A library must not configure logging for its users; the CLI does that at its edge.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["AliansiError", "Article", "InputError", "Pipeline", "RawArticle", "Removed", "__version__", "open"]


def __getattr__(name: str):
    # The Pipeline pulls in trafilatura, langdetect and the language packs, and the store DuckDB;
    # import them only when asked, so that `import aliansi.errors` or the CLI's --help stay fast.
    if name == "Pipeline":
        from aliansi.pipeline import Pipeline

        return Pipeline
    if name == "open":
        from aliansi.api import open as open_store

        return open_store
    raise AttributeError(f"module 'aliansi' has no attribute {name!r}")
