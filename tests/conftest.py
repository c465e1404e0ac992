"""Fixtures every kind of test may use: a fresh SQLite database and a clean environment.

Each kind has its own conftest.py: tests/unit (no server), tests/integration (PostgreSQL and Redis
on this machine), tests/e2e (a trained model and live servers, from scripts/_services.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from bot.locations import ensure_schema

# Settings the tests set themselves; a value left in the shell must not change their outcome.
SERVER_SETTINGS = (
    "ACTION_ENDPOINT_URL",
    "TRACKER_STORE_URL",
    "LOCK_STORE_URL",
    "LOCK_STORE_KEY_PREFIX",
    "ALLOWED_ORIGINS",
    "RATE_LIMIT_PER_MINUTE",
    "RATE_LIMIT_BURST",
    "REPLY_TIMEOUT_SECONDS",
    "ACTION_TIMEOUT_SECONDS",
    "MAX_MESSAGE_CHARS",
    "WEB_HOST",
    "WEB_PORT",
    "RASA_URL",
    "SANIC_HOST",
)


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
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No server setting from the shell: each test sets what it needs."""
    for name in SERVER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
