from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run 200 examples each in `make test`; a longer run is one flag away:
#   .venv/bin/python -m pytest --hypothesis-profile=long     (5,000 examples per property)
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def seed(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix`` (e.g. '004')."""
    (match,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return match


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never write a cache into the working tree."""
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
