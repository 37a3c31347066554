"""Shared test fixtures. The shared gold data lives beside the checkout in ../shared."""

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _gold(name: str) -> list[dict]:
    path = SHARED / "gold" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the shared gold data must sit beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_gold(shared_dir) -> list[dict]:
    return _gold("seeds.jsonl")


@pytest.fixture(scope="session")
def dev_gold(shared_dir) -> list[dict]:
    return _gold("dev.jsonl")
