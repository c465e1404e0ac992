"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from bot.locations import ensure_schema

DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture
def sqlite_engine() -> Iterator[Engine]:
    """A fresh, migrated in-memory SQLite database (one per test)."""
    engine = create_engine(
        "sqlite://",
        future=True,
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )
    ensure_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A migrated PostgreSQL schema of its own (dropped afterwards) on TEST_POSTGRES_URL.

    Skips, saying why, only when the server cannot be reached.
    """
    url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_TEST_POSTGRES_URL)
    admin = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except OperationalError as error:
        admin.dispose()
        reason = str(error.orig).strip().splitlines()[0]
        pytest.skip(f"PostgreSQL not reachable at {url} (set TEST_POSTGRES_URL): {reason}")
    schema = f"test_locations_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, future=True, connect_args={"options": f"-csearch_path={schema}"})
    try:
        ensure_schema(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_engine(request: pytest.FixtureRequest) -> Engine:
    """The same test on in-memory SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def seeded_locations(sqlite_engine, monkeypatch) -> Engine:
    """The shipped seed file in a fresh in-memory database, used by the clinic search."""
    import bot.clinic_search as clinic_search
    from bot.locations import LocationRepository, read_locations_file, session_scope
    from bot.locations.repository import DEFAULT_SEED_FILE

    with session_scope(sqlite_engine) as session:
        LocationRepository(session).upsert_many(read_locations_file(DEFAULT_SEED_FILE))
    monkeypatch.setattr(clinic_search, "session_scope", lambda: session_scope(sqlite_engine))
    return sqlite_engine
