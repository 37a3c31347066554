"""Clean: raw article -> Article with main text, removed pieces, language and date.

Near-duplicate detection needs the whole batch, so it lives in the Pipeline, not here.
"""

from __future__ import annotations

from aliansi.clean.boilerplate import strip_boilerplate
from aliansi.clean.dates import article_date
from aliansi.clean.language import detect_language
from aliansi.models import Article, RawArticle


def clean_article(raw: RawArticle) -> Article:
    stripped = strip_boilerplate(raw.text, title=raw.title)
    date, precision = article_date(stripped.text, published=raw.published, url=raw.url)
    metadata = {
        "title": stripped.title,
        "url": raw.url,
        "source": raw.source,
        "wire": stripped.wire,
        "published": raw.published,
    }
    return Article(
        id=raw.id,
        source_file=raw.source_file,
        text=stripped.text,
        language=detect_language(stripped.text, declared=raw.language),
        date=date,
        date_precision=precision,
        removed=list(stripped.removed),
        metadata={key: value for key, value in metadata.items() if value},
    )
