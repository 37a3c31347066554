"""Language packs: per-language data files (YAML) validated by JSON schemas.

Layout: ``langpacks/<lang>/<kind>.yaml``, each checked against ``langpacks/schemas/<kind>.json``.
Adding a language means adding a folder; the code never names a language's words.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from aliansi.validated import validated_yaml

_ROOT = resources.files(__name__)


def languages() -> list[str]:
    """Language codes that have a pack folder."""
    return sorted(p.name for p in _ROOT.iterdir() if p.is_dir() and len(p.name) == 2)


def kinds(lang: str) -> list[str]:
    """The data kinds (file stems) a language pack provides."""
    return sorted(p.name[:-5] for p in (_ROOT / lang).iterdir() if p.name.endswith(".yaml"))


@functools.cache
def load(lang: str, kind: str) -> Any:
    """Load and validate ``langpacks/<lang>/<kind>.yaml``; a missing file gives an empty mapping."""
    path = _ROOT / lang / f"{kind}.yaml"
    if not path.is_file():
        return {}
    return validated_yaml(path.read_text(encoding="utf-8"), schema=_ROOT / "schemas" / f"{kind}.json",
                          where=f"langpacks/{lang}/{kind}.yaml")


def load_all(kind: str) -> dict[str, Any]:
    """The same kind from every language that has it, keyed by language code."""
    return {lang: load(lang, kind) for lang in languages() if (_ROOT / lang / f"{kind}.yaml").is_file()}
