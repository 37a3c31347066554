"""The dashboard's interface labels (``labels.yaml``) in English and Indonesian, and which one a request gets."""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from aliansi.errors import LangPackError

LANGUAGES = ("en", "id")
DEFAULT = "en"


@functools.cache
def labels() -> dict[str, dict[str, str]]:
    """Per language, every label by key. A key missing a language is an error, not a blank."""
    data = yaml.safe_load(resources.files(__package__).joinpath("labels.yaml").read_text(encoding="utf-8"))
    table: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for key, texts in data.items():
        if not isinstance(texts, dict) or set(texts) != set(LANGUAGES) or not all(isinstance(t, str) and t for t in texts.values()):
            raise LangPackError(f"serve/labels.yaml at {key}: give a non-empty text for each of {', '.join(LANGUAGES)}")
        for lang in LANGUAGES:
            table[lang][key] = texts[lang]
    return table


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """?lang= first, then the cookie the language switch sets, then the browser's first preference."""
    for value in (query, cookie):
        if value in LANGUAGES:
            return value
    for part in (accept_language or "").split(","):
        primary = part.split(";")[0].strip().lower()[:2]
        if primary in LANGUAGES:
            return primary
    return DEFAULT
