"""Integration tests: PostgreSQL (TEST_POSTGRES_URL, default 127.0.0.1:5432) and Redis
(TEST_REDIS_URL, default 127.0.0.1:6379), both running on the development and CI machines. Where
one of them is not running, its tests skip and say why."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bot.locations import ensure_schema
from scripts._services import TEST_POSTGRES_URL, TEST_REDIS_URL, postgres_problem, redis_problem


@pytest.fixture
def postgres_url() -> str:
    """TEST_POSTGRES_URL, once PostgreSQL answers there."""
    problem = postgres_problem(TEST_POSTGRES_URL)
    if problem:
        pytest.skip(f"PostgreSQL not reachable at {TEST_POSTGRES_URL} (set TEST_POSTGRES_URL): {problem}")
    return TEST_POSTGRES_URL


@pytest.fixture
def redis_url() -> str:
    """TEST_REDIS_URL, once Redis answers there."""
    problem = redis_problem(TEST_REDIS_URL)
    if problem:
        pytest.skip(f"Redis not reachable at {TEST_REDIS_URL} (set TEST_REDIS_URL): {problem}")
    return TEST_REDIS_URL


@pytest.fixture
def postgres_schema(postgres_url: str) -> Iterator[str]:
    """A PostgreSQL schema of the test's own, dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url, future=True, connect_args={"connect_timeout": 3})
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db_engine(postgres_url: str, postgres_schema: str) -> Iterator[Engine]:
    """A migrated PostgreSQL schema of its own (the repository tests' database here)."""
    engine = create_engine(
        postgres_url, future=True, connect_args={"options": f"-csearch_path={postgres_schema}"}
    )
    try:
        ensure_schema(engine)
        yield engine
    finally:
        engine.dispose()
