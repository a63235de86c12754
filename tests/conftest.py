"""Fixtures shared by the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture
def shared_corpus() -> Path:
    """The folder of real example reports next to the project; skip when it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared example corpus not available at {SHARED_CORPUS}")
    return SHARED_CORPUS


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites tests/golden from the loader's output instead of comparing."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="regenerate the golden graphs in tests/golden")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to regenerate the golden graphs."""
    return bool(request.config.getoption("--update-golden"))
