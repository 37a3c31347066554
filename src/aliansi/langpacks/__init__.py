"""Language packs: per-language data files (YAML) validated by JSON schemas.

Layout: ``langpacks/<lang>/<kind>.yaml``, each checked against ``langpacks/schemas/<kind>.json``.
Adding a language means adding a folder; the code never names a language's words.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import jsonschema
import yaml

from aliansi.errors import LangPackError

_ROOT = resources.files(__name__)


def languages() -> list[str]:
    """Language codes that have a pack folder."""
    return sorted(p.name for p in _ROOT.iterdir() if p.is_dir() and len(p.name) == 2)


def kinds(lang: str) -> list[str]:
    """The data kinds (file stems) a language pack provides."""
    return sorted(p.name[:-5] for p in (_ROOT / lang).iterdir() if p.name.endswith(".yaml"))


@functools.cache
def schema(kind: str) -> dict[str, Any]:
    path = _ROOT / "schemas" / f"{kind}.json"
    if not path.is_file():
        raise LangPackError(f"no schema for language-pack kind {kind!r}: add langpacks/schemas/{kind}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def load(lang: str, kind: str) -> Any:
    """Load and validate ``langpacks/<lang>/<kind>.yaml``; a missing file gives an empty mapping."""
    path = _ROOT / lang / f"{kind}.yaml"
    if not path.is_file():
        return {}
    return _validated(path.read_text(encoding="utf-8"), kind, f"langpacks/{lang}/{kind}.yaml")


def load_all(kind: str) -> dict[str, Any]:
    """The same kind from every language that has it, keyed by language code."""
    return {lang: load(lang, kind) for lang in languages() if (_ROOT / lang / f"{kind}.yaml").is_file()}


def _validated(text: str, kind: str, where: str) -> Any:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LangPackError(f"{where} is not valid YAML: {exc}") from exc
    try:
        jsonschema.validate(data, schema(kind))
    except jsonschema.ValidationError as exc:
        location = "/".join(str(p) for p in exc.absolute_path) or "(top)"
        raise LangPackError(f"{where} at {location}: {exc.message}") from exc
    return data
