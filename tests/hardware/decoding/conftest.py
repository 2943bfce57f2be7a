"""Fixtures for the decoding tests; makes bench/ importable for the corpus tests."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.hardware.decoding.zbar_bindings import load_zbar_bindings

# The corpus and the bench live in bench/, which is not an installed package.
REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


@pytest.fixture
def fresh_zbar_loader() -> Iterator[None]:
    """Forget cached zbar bindings around a test that fakes their absence."""
    load_zbar_bindings.cache_clear()
    yield
    load_zbar_bindings.cache_clear()
