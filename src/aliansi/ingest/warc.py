"""WARC and WARC.GZ archives: every HTTP response record holding HTML is one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from aliansi.errors import InputError
from aliansi.ingest.html import from_html
from aliansi.models import RawArticle


def read(path: Path) -> Iterator[RawArticle | InputError]:
    stem = path.name.split(".")[0]
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(_html_responses(stream), start=1):
                url = record.rec_headers.get_header("WARC-Target-URI")
                article = from_html(
                    record.content_stream().read(), article_id=f"{stem}-{number}", source_file=str(path), url=url
                )
                if article is None:
                    yield InputError(f"{path} record {number} ({url})", "no article text in the HTML response")
                else:
                    yield article
        except ArchiveLoadFailed as exc:
            raise InputError(str(path), f"not a valid WARC archive ({exc})") from exc


def _html_responses(stream) -> Iterator:
    for record in ArchiveIterator(stream):
        if not record.format.startswith("warc"):
            # warcio falls back to the ARC reader on anything it does not recognise, garbage included.
            raise ArchiveLoadFailed(f"found a {record.format.upper()} record, expected WARC")
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or ""
        if "html" in content_type.lower() and status.startswith("2"):
            yield record
