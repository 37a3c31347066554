"""Document language identification."""

from __future__ import annotations

import pytest

from aliansi import langpacks
from aliansi.clean.language import detect_language, normalize_code

ID_TEXT = (
    "Menteri Luar Negeri Indonesia mengatakan pemerintah akan mengirim bantuan kemanusiaan ke Gaza "
    "karena situasi di lapangan semakin memburuk. Ia menegaskan bahwa Jakarta tetap mendukung "
    "gencatan senjata dan meminta semua pihak menahan diri."
)
EN_TEXT = (
    "The foreign minister said the government would send humanitarian aid to Gaza because the "
    "situation on the ground was getting worse. She stressed that Jakarta still supported a "
    "ceasefire and asked all sides to show restraint."
)
DE_TEXT = (
    "Der Außenminister sagte, die Regierung werde humanitäre Hilfe nach Gaza schicken, weil sich "
    "die Lage vor Ort verschlechtere. Sie betonte, dass Berlin weiterhin eine Waffenruhe unterstütze "
    "und alle Seiten zur Zurückhaltung aufrufe."
)


def test_shared_articles_get_their_gold_language(shared_dir, seed_gold, dev_gold):
    wrong = {}
    for split, gold in (("seeds", seed_gold), ("dev", dev_gold)):
        for line in gold:
            text = (shared_dir / "corpus" / split / f"{line['article']}.txt").read_text(encoding="utf-8")
            found = detect_language(text)
            if found != line["lang"]:
                wrong[line["article"]] = found
    assert not wrong


@pytest.mark.parametrize(("text", "expected"), [(ID_TEXT, "id"), (EN_TEXT, "en"), (DE_TEXT, "de")])
def test_short_documents(text, expected):
    assert detect_language(text) == expected


def test_deterministic():
    mixed = "Presiden said bahwa the meeting akan berlangsung next week di Jakarta and Moskow."
    assert len({detect_language(mixed) for _ in range(20)}) == 1


@pytest.mark.parametrize("text", ["", "   ", "OK", "12/3/2024 10:15", "Baca juga", "!!! ??? ..."])
def test_empty_or_very_short_text_gives_none(text):
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("id", "id"), ("ID", "id"), ("id-ID", "id"), ("in", "id"), ("en_US", "en"), ("eng", "en"), ("de", "de")],
)
def test_declared_language_is_used_when_valid(declared, expected):
    assert detect_language(EN_TEXT if expected != "en" else ID_TEXT, declared=declared) == expected


@pytest.mark.parametrize("declared", ["", "xx", "unknown", "english", None])
def test_invalid_declared_language_is_ignored(declared):
    assert detect_language(ID_TEXT, declared=declared) == "id"


def test_normalize_code():
    assert normalize_code(" pt-BR ") == "pt"
    assert normalize_code("zz") is None


def test_indonesian_markers_overrule_a_confusable_detection(monkeypatch):
    from aliansi.clean import language

    class _Detector:
        def append(self, text):
            pass

        def detect(self):
            return "ms"

    class _Factory:
        def create(self):
            return _Detector()

    monkeypatch.setattr(language, "_factory", lambda: _Factory())
    assert detect_language(ID_TEXT) == "id"  # "karena", "bahwa", "pemerintah"
    malay = "Menteri itu berkata kerajaan akan menghantar bantuan kerana keadaan semakin buruk di sana."
    assert detect_language(malay) == "ms"


def test_language_pack_validates():
    pack = langpacks.load("id", "language")
    assert "ms" in pack["confusable_with"]
    assert pack["min_markers"] <= len(pack["markers"])
