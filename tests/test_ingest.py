"""Every ingest format on small fixtures the tests write themselves."""

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from aliansi.errors import InputError
from aliansi.ingest import read_paths
from aliansi.models import RawArticle

PARAGRAPHS = [
    "Menteri Luar Negeri Kazakhstan bertemu mitranya dari Turki di Ankara pada Selasa untuk membahas jalur transportasi "
    "Trans-Kaspia dan kerja sama energi kedua negara.",
    "Kedua menteri sepakat memperluas latihan gabungan dan menandatangani memorandum tentang pendidikan militer.",
]
PAGE = f"""<!DOCTYPE html><html lang="id"><head><title>Kazakhstan dan Turki Perluas Kerja Sama</title>
<meta property="og:title" content="Kazakhstan dan Turki Perluas Kerja Sama">
<meta property="article:published_time" content="2024-04-16T09:30:00+07:00"></head>
<body><nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>
<article><h1>Kazakhstan dan Turki Perluas Kerja Sama</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></article>
<footer>Hak cipta 2024 Kabar Contoh. Semua hak dilindungi.</footer></body></html>"""


def articles_and_errors(*paths):
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputError)]


def test_text_file_gives_one_article_with_stem_id(tmp_path):
    path = tmp_path / "kaz_turki.txt"
    path.write_text("Judul Berita\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    [article], errors = articles_and_errors(path)
    assert errors == []
    assert article.id == "kaz_turki"
    assert article.source_file == str(path)
    assert article.text.startswith("Judul Berita\n\n")
    assert PARAGRAPHS[1] in article.text


def test_text_file_that_is_not_utf8_is_reported_with_advice(tmp_path):
    path = tmp_path / "rusak.txt"
    path.write_bytes("Berita dari Moskow \xe9t\xe9".encode("latin-1"))
    articles, [error] = articles_and_errors(path)
    assert articles == []
    assert error.path == str(path)
    assert "UTF-8" in error.reason


def test_jsonl_reads_records_and_reports_bad_lines_without_stopping(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = {"id": "a1", "text": PARAGRAPHS[0], "title": "Judul", "url": "https://news.example/a1",
            "published": "2024-04-16", "language": "id", "source": "Kabar Contoh"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "a2"}), "", json.dumps({"id": "a3", "text": PARAGRAPHS[1]})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = articles_and_errors(path)
    assert [a.id for a in articles] == ["a1", "a3"]
    assert articles[0].published == "2024-04-16" and articles[0].source == "Kabar Contoh"
    assert articles[1].title is None
    assert [e.path for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "not valid JSON" in errors[0].reason
    assert "text" in errors[1].reason


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "kaz_turki.html"
    path.write_text(PAGE, encoding="utf-8")
    [article], errors = articles_and_errors(path)
    assert errors == []
    assert article.id == "kaz_turki"
    assert article.title == "Kazakhstan dan Turki Perluas Kerja Sama"
    assert article.published == "2024-04-16"
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[1] in article.text
    assert "Beranda" not in article.text and "Hak cipta" not in article.text


def test_html_without_article_text_is_reported(tmp_path):
    path = tmp_path / "kosong.html"
    path.write_text("<html><body><nav>Beranda</nav></body></html>", encoding="utf-8")
    articles, [error] = articles_and_errors(path)
    assert articles == [] and "no article text" in error.reason


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, content_type, payload in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_articles(tmp_path, name):
    path = tmp_path / name
    _warc(path, [
        ("https://news.example/a", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG"),
        ("https://news.example/b", "text/html", PAGE.replace("Kazakhstan dan Turki", "Uzbekistan dan Turki").encode()),
    ])
    articles, errors = articles_and_errors(path)
    assert errors == []
    assert [a.id for a in articles] == ["crawl-1", "crawl-2"]
    assert [a.url for a in articles] == ["https://news.example/a", "https://news.example/b"]
    assert articles[1].title == "Uzbekistan dan Turki Perluas Kerja Sama"


def test_corrupt_warc_is_reported(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a warc record\r\n\r\n"))
    articles, [error] = articles_and_errors(path)
    assert articles == [] and error.path.startswith(str(path))


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Kabar Contoh Dunia</title><link>https://news.example/</link><language>id</language>
<item><title>Kazakhstan dan Turki Perluas Kerja Sama</title><link>https://news.example/a</link>
<pubDate>Tue, 16 Apr 2024 09:30:00 +0700</pubDate><guid>https://news.example/a</guid>
<content:encoded><![CDATA[<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>]]></content:encoded></item>
<item><title>Ringkasan</title><link>https://news.example/b</link><description>{PARAGRAPHS[1]}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example World</title>
<entry><title>Kazakhstan and Turkey expand cooperation</title><link href="https://news.example/en/a"/>
<id>urn:example:a</id><updated>2024-04-16T09:30:00Z</updated>
<content type="html">&lt;p&gt;Kazakhstan and Turkey agreed on Tuesday to expand joint exercises.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_use_content_then_summary(tmp_path):
    path = tmp_path / "dunia.xml"
    path.write_text(RSS, encoding="utf-8")
    articles, errors = articles_and_errors(path)
    assert errors == []
    assert [a.id for a in articles] == ["dunia-1", "dunia-2"]
    first, second = articles
    assert first.text == "\n\n".join(PARAGRAPHS)
    assert first.title == "Kazakhstan dan Turki Perluas Kerja Sama"
    assert first.published == "Tue, 16 Apr 2024 09:30:00 +0700"
    assert first.language == "id" and first.source == "Kabar Contoh Dunia"
    assert second.text == PARAGRAPHS[1]


def test_atom_entry(tmp_path):
    path = tmp_path / "world.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article], errors = articles_and_errors(path)
    assert errors == []
    assert article.text == "Kazakhstan and Turkey agreed on Tuesday to expand joint exercises."
    assert article.url == "https://news.example/en/a"


def test_xml_that_is_not_a_feed_is_reported(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<root><value>1</value></root>", encoding="utf-8")
    articles, [error] = articles_and_errors(path)
    assert articles == [] and error.path == str(path)


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_and_unknown(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (tmp_path / "a.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    articles, errors = articles_and_errors(tmp_path)
    assert [a.id for a in articles] == ["a", "z"]
    assert errors == []


def test_named_unsupported_file_and_missing_path_are_errors(tmp_path):
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF")
    articles, errors = articles_and_errors(pdf, tmp_path / "missing")
    assert articles == []
    assert [e.path for e in errors] == [str(pdf), str(tmp_path / "missing")]
    assert "unsupported file type" in errors[0].reason and "no such file" in errors[1].reason
