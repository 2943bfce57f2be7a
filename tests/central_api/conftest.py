"""The reference-API tests' second pass on PostgreSQL (``KIOSK_TEST_ENGINE=postgres``).

That pass runs every test of this folder again with its servers on PostgreSQL. Tests that
already name their engine (a parameter ``sqlite``/``postgres``, or the ``postgres`` mark) ran
on both in the first pass: the second pass leaves them out rather than run them twice.
"""

from __future__ import annotations

import pytest

from tests.support.test_database import on_postgres

ENGINES = ("sqlite", "postgres")


def _names_its_engine(item: pytest.Item) -> bool:
    if item.get_closest_marker("postgres") is not None:
        return True
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    return any(isinstance(value, str) and value in ENGINES for value in params.values())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not on_postgres():
        return
    twice = [item for item in items if _names_its_engine(item)]
    if twice:
        config.hook.pytest_deselected(items=twice)
        items[:] = [item for item in items if not _names_its_engine(item)]
