"""Shared by the serve tests: one database seeded once per test session with the sample corpus and
the shared seed and dev articles, handed to each test module as its own copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from aliansi.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
TOKEN = "test-token-for-writes"

_seeded: dict[str, Path] = {}


def seeded_copy(tmp_path_factory, shared_dir: Path, name: str) -> Path:
    """A private copy of the seeded database (seeding codes ~30 articles, so it happens once)."""
    if "master" not in _seeded:
        master = tmp_path_factory.mktemp("seeded") / "seeded.duckdb"
        with Store.open(master) as store:
            summary = store.ingest([SAMPLES, shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "dev"])
        assert not summary.failures and summary.new > 20, summary
        _seeded["master"] = master
    copy = tmp_path_factory.mktemp(name) / "news.duckdb"
    shutil.copy(_seeded["master"], copy)
    return copy
