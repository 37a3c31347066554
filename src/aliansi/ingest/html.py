"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from aliansi.errors import InputError
from aliansi.models import RawArticle

# trafilatura falls back to any visible text; fewer words than this is a menu or an error page, not an article.
MIN_ARTICLE_WORDS = 10


def read(path: Path) -> Iterator[RawArticle]:
    document = path.read_bytes()
    article = from_html(document, article_id=path.stem, source_file=str(path))
    if article is None:
        raise InputError(str(path), "no article text found in the HTML (is it a full news page?)")
    yield article


def from_html(document: bytes | str, *, article_id: str, source_file: str, url: str | None = None) -> RawArticle | None:
    """Extract one article from an HTML document, or None when the page has no main text."""
    import trafilatura  # a second of start-up, paid only by runs that read HTML

    extracted = trafilatura.bare_extraction(
        document,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if extracted is None or len((extracted.text or "").split()) < MIN_ARTICLE_WORDS:
        return None
    return RawArticle(
        id=article_id,
        source_file=source_file,
        text=extracted.text,
        title=extracted.title or None,
        url=extracted.url or url,
        published=extracted.date or None,
        language=extracted.language or None,
        source=extracted.sitename or None,
    )
