"""The lock store (components/lock_store.py): chosen by one URL, configured without connecting, and
falling back to in-memory locks when Redis cannot be reached. With Redis running:
tests/integration/components/test_lock_store.py."""

from __future__ import annotations

import asyncio
import time

import pytest

from components.lock_store import ResilientLockStore, describe_url
from scripts._services import free_port


def test_lock_store_is_configured_by_one_url_without_connecting(clean_env: pytest.MonkeyPatch) -> None:
    closed = free_port()
    store = ResilientLockStore(url=f"redis://:s3cret@127.0.0.1:{closed}/2", key_prefix="bot1")
    kwargs = store._redis.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"], kwargs["password"]) == (
        "127.0.0.1",
        closed,
        2,
        "s3cret",
    )
    assert store._redis.key_prefix == "bot1:lock:"
    assert "s3cret" not in describe_url(store.url)


def test_lock_key_prefix_from_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("LOCK_STORE_KEY_PREFIX", "bot2")
    store = ResilientLockStore(url=f"redis://127.0.0.1:{free_port()}/0")
    assert store._redis.key_prefix == "bot2:lock:"


def test_lock_store_url_from_environment_or_endpoint(clean_env: pytest.MonkeyPatch) -> None:
    from rasa.utils.endpoints import EndpointConfig

    clean_env.setenv("LOCK_STORE_URL", "redis://127.0.0.1:1/0")
    assert ResilientLockStore().uses_redis
    assert not ResilientLockStore(EndpointConfig(url="memory://")).uses_redis
    with pytest.raises(ValueError, match="LOCK_STORE_URL"):
        ResilientLockStore(url="mongodb://x")


def test_lock_store_falls_back_to_local_locks_when_redis_is_unreachable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = ResilientLockStore(url=f"redis://127.0.0.1:{free_port()}/0")

    async def two_turns() -> None:
        for _ in range(2):
            async with store.lock("visitor"):
                pass

    started = time.monotonic()
    asyncio.run(two_turns())
    assert time.monotonic() - started < 3
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "is unreachable" in errors[0] and "in-memory locks" in errors[0]
    assert store.status() == "unreachable"
