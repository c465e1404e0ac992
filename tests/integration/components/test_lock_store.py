"""The lock store on a real Redis (TEST_REDIS_URL): tickets from several servers, a dead server's
lock, and two servers taking turns. Each test deletes its own keys."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid

from components.lock_store import AtomicRedisLockStore, ResilientLockStore
from scripts._services import delete_redis_keys


def test_redis_tickets_from_several_servers_never_collide(redis_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    servers = [AtomicRedisLockStore(redis_url, key_prefix=prefix) for _ in range(4)]
    tickets: list[int] = []

    def take(store: AtomicRedisLockStore) -> None:
        for _ in range(25):
            tickets.append(store.issue_ticket("visitor", 30))

    threads = [threading.Thread(target=take, args=(s,)) for s in servers]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(tickets) == list(range(100))
        assert len(servers[0].get_lock("visitor").tickets) == 100
        for ticket in tickets:
            servers[ticket % 4].cleanup("visitor", ticket)
        assert servers[0].get_lock("visitor") is None
    finally:
        delete_redis_keys(prefix, redis_url)


def test_a_waiting_message_outlives_a_dead_servers_lock(redis_url: str) -> None:
    """Rasa drops a message whose wait exceeds the lock lifetime; here it waits its turn."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    dead = ResilientLockStore(url=redis_url, key_prefix=prefix)
    alive = ResilientLockStore(url=redis_url, key_prefix=prefix)
    dead._redis.issue_ticket("visitor", 1.0)  # a server that died while holding the lock

    async def next_turn() -> float:
        started = time.monotonic()
        async with alive.lock("visitor", lock_lifetime=1.0):
            return time.monotonic() - started

    try:
        waited = asyncio.run(next_turn())
        assert 0.8 < waited < 3
        assert alive._redis.get_lock("visitor") is None
    finally:
        delete_redis_keys(prefix, redis_url)


def test_redis_locks_serialise_two_servers(redis_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    stores = [ResilientLockStore(url=redis_url, key_prefix=prefix) for _ in range(2)]
    order: list[str] = []

    async def turn(store: ResilientLockStore, name: str) -> None:
        async with store.lock("visitor"):
            order.append(f"{name} in")
            await asyncio.sleep(0.2)
            order.append(f"{name} out")

    async def both() -> None:
        await asyncio.gather(turn(stores[0], "a"), turn(stores[1], "b"))

    try:
        asyncio.run(both())
        assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    finally:
        delete_redis_keys(prefix, redis_url)
