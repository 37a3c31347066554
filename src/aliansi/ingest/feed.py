"""RSS and Atom feed files: each item's full content, or else its summary, is one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import lxml.html

from aliansi.errors import InputError
from aliansi.models import RawArticle

# Block-level tags end a paragraph; everything else is inline text.
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "tr"}


def read(path: Path) -> Iterator[RawArticle | InputError]:
    parsed = feedparser.parse(path.read_bytes())
    if not parsed.entries:
        reason = f"malformed feed ({parsed.bozo_exception})" if parsed.bozo else "the feed has no items"
        raise InputError(str(path), reason)
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_html(entry)
        text = html_to_text(body) if body else ""
        if not text:
            yield InputError(f"{path} item {number}", "the item has neither content nor summary")
            continue
        yield RawArticle(
            id=f"{path.stem}-{number}",
            source_file=str(path),
            text=text,
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            published=entry.get("published") or entry.get("updated") or None,
            language=(parsed.feed.get("language") or "")[:2].lower() or None,
            source=feed_title or None,
        )


def _entry_html(entry) -> str:
    contents = entry.get("content") or []
    if contents and contents[0].get("value"):
        return contents[0]["value"]
    return entry.get("summary") or ""


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
