"""Every example sentence in the language packs' event patterns is coded as its pattern says."""

import pytest

from aliansi import langpacks
from aliansi.models import RawArticle
from aliansi.pipeline import Pipeline


def _cases():
    for lang in langpacks.languages():
        for pattern in langpacks.load(lang, "events").get("patterns", []):
            for number, example in enumerate(pattern.get("examples", []), start=1):
                yield pytest.param(lang, pattern, example, id=f"{lang}-{pattern['id']}-{number}")


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


@pytest.mark.parametrize(("lang", "pattern", "example"), list(_cases()))
def test_pattern_example_is_coded(pipeline, lang, pattern, example):
    article = pipeline.annotate(RawArticle(id="example", source_file="<example>", text=example["text"], language=lang))
    code = example.get("code", pattern["code"])
    wanted = {(example["source"], example["target"])}
    if pattern.get("symmetric"):
        wanted.add((example["target"], example["source"]))
    coded = [
        (e["source"]["code"], e["target"]["code"], e["cameo"], e["modality"], e["negated"])
        for e in article.events
    ]
    expected = [(s, t, code, example.get("modality", "asserted"), example.get("negated", False)) for s, t in wanted]
    assert any(e in coded for e in expected), f"expected one of {expected}, coded {coded}"


def test_every_pattern_has_an_example():
    missing = [
        f"{lang}:{p['id']}"
        for lang in langpacks.languages()
        for p in langpacks.load(lang, "events").get("patterns", [])
        if not p.get("examples")
    ]
    assert missing == []


def test_every_root_has_patterns_in_every_language():
    for lang in langpacks.languages():
        roots = {p["code"][:2] for p in langpacks.load(lang, "events").get("patterns", [])}
        assert roots == {f"{r:02d}" for r in range(1, 21)}, lang
