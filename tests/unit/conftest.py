"""Unit tests: no server, no database server, no trained model. Databases are in-memory or
temporary SQLite files; HTTP services are fakes passed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.locations import Location
from tests.support.locations import locations_database, triangle


@pytest.fixture
def db_engine(sqlite_engine: Engine) -> Engine:
    """The repository tests' database here: in-memory SQLite (tests/integration runs the same
    tests on PostgreSQL)."""
    return sqlite_engine


@pytest.fixture
def triangle_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Location]]:
    """The location search's database (DATABASE_URL) holds the test's own three locations."""
    rows = triangle()
    with locations_database(tmp_path / "locations.db", rows, monkeypatch):
        yield rows
