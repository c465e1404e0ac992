"""Conversation lock store chosen from the environment: Redis for several servers, else memory.

Rasa serialises the messages of one conversation with a ticket lock. One server can keep the
locks in memory; several servers behind a load balancer must share them, in Redis
(LOCK_STORE_URL=redis://...). Compared with Rasa's own RedisLockStore this one

- is configured by one URL (password and TLS included, e.g. rediss://:<password>@host:6380/1),
- changes a lock atomically (WATCH/MULTI), so two servers taking a ticket for the same
  conversation at the same moment cannot overwrite each other,
- keeps a waiting message's ticket alive while it waits, so TICKET_LOCK_LIFETIME bounds one turn
  (and how long a dead server's lock blocks its conversation) without dropping queued messages,
- gives lock keys an expiry, so a server that dies holding a lock leaves nothing behind,
- uses short timeouts, and while Redis is unreachable logs one clear error and falls back to this
  process's own locks (a visitor still gets answers), trying Redis again every few seconds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Callable, Optional
from urllib.parse import urlsplit

from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX,
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from rasa.utils.endpoints import EndpointConfig

from bot.settings import Settings

logger = logging.getLogger(__name__)

REDIS_SCHEMES = ("redis", "rediss", "unix")
MEMORY_URLS = ("", "memory", "memory://", "in_memory")
# How long to use local locks after Redis failed before trying it again.
RETRY_AFTER_SECONDS = 5.0
# Lock keys outlive their last ticket by this much, then Redis deletes them.
KEY_GRACE_SECONDS = 60


def lock_store_url(endpoint_config: Optional[EndpointConfig] = None) -> str:
    """The lock store URL: the endpoint's ``url``, else LOCK_STORE_URL, else in memory."""
    configured = endpoint_config.url if endpoint_config is not None else None
    return (configured or Settings.from_env().lock_store_url).strip()


def describe_url(url: str) -> str:
    """The URL without user name or password, for logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store, built from a URL, changing each lock in one transaction."""

    def __init__(
        self,
        url: str,
        key_prefix: Optional[str] = None,
        socket_timeout: float = 2.0,
        connect_timeout: float = 1.0,
    ) -> None:
        import redis

        self.red = redis.Redis.from_url(
            url,
            socket_timeout=socket_timeout,
            socket_connect_timeout=connect_timeout,
            health_check_interval=30,
        )
        self.key_prefix = DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
        if key_prefix:
            self._set_key_prefix(key_prefix)
        LockStore.__init__(self)

    def _change(
        self, conversation_id: str, change: Callable[[Optional[TicketLock]], Optional[TicketLock]]
    ) -> None:
        """Read, change and write one lock atomically; ``change`` returns None to delete it."""
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    changed = change(lock)
                    pipe.multi()
                    if changed is None:
                        pipe.delete(key)
                    else:
                        expires = max((t.expires for t in changed.tickets), default=time.time())
                        ttl = max(1, int(expires - time.time()) + KEY_GRACE_SECONDS)
                        pipe.set(key, changed.dumps(), ex=ttl)
                    pipe.execute()
                    return
                except redis.WatchError:
                    continue  # another server changed the lock meanwhile: read it again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        issued: list[int] = []

        def take(lock: Optional[TicketLock]) -> TicketLock:
            lock = lock or TicketLock(conversation_id)
            issued[:] = [lock.issue_ticket(lock_lifetime)]
            return lock

        try:
            self._change(conversation_id, take)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return issued[0]

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]) -> Optional[TicketLock]:
            if lock is None:
                return None
            lock.remove_expired_tickets()
            return lock if lock.is_someone_waiting() else None

        self._change(conversation_id, drop_expired)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        def release(lock: Optional[TicketLock]) -> Optional[TicketLock]:
            if lock is None:
                return None
            lock.remove_ticket_for(ticket_number)
            return lock if lock.is_someone_waiting() else None

        self._change(conversation_id, release)

    def refresh_ticket(self, conversation_id: str, ticket_number: int, lifetime: float) -> None:
        def extend(lock: Optional[TicketLock]) -> Optional[TicketLock]:
            if lock is not None:
                _extend(lock, ticket_number, lifetime)
            return lock if lock is not None and lock.is_someone_waiting() else None

        self._change(conversation_id, extend)


def _extend(lock: TicketLock, ticket_number: int, lifetime: float) -> None:
    lock.remove_expired_tickets()
    for ticket in lock.tickets:
        if ticket.number == ticket_number:
            ticket.expires = time.time() + lifetime


def refresh_ticket(store: LockStore, conversation_id: str, ticket_number: int, lifetime: float) -> None:
    """Keep a waiting ticket alive: its lifetime should bound the turn, not the wait before it."""
    if isinstance(store, AtomicRedisLockStore):
        store.refresh_ticket(conversation_id, ticket_number, lifetime)
        return
    lock = store.get_lock(conversation_id)
    if lock is not None:
        _extend(lock, ticket_number, lifetime)
        store.save_lock(lock)


async def wait_for_turn(
    store: LockStore, conversation_id: str, ticket_number: int, lifetime: float, poll_seconds: float
) -> TicketLock:
    """Wait until ``ticket_number`` is served, keeping it alive meanwhile.

    Rasa's own loop lets a waiting ticket expire lifetime seconds after it was issued; when a dead
    server's ticket ahead of it expires at about the same time, the waiting message was dropped.
    Here only the ticket being served (or one whose server died) can expire.
    """
    while True:
        lock = store.get_lock(conversation_id)
        if lock is None or all(t.number != ticket_number for t in lock.tickets):
            raise LockError(f"The lock ticket for conversation '{conversation_id}' was lost.")
        if not lock.is_locked(ticket_number):
            return lock
        await asyncio.sleep(poll_seconds)
        refresh_ticket(store, conversation_id, ticket_number, lifetime)


class ResilientLockStore(LockStore):
    """Redis locks when a Redis URL is configured, memory otherwise; survives Redis outages.

    Used from endpoints.yml as ``type: components.lock_store.ResilientLockStore``; Rasa passes the
    endpoint config (its ``url``, if any, wins over LOCK_STORE_URL).
    """

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        url: Optional[str] = None,
        key_prefix: Optional[str] = None,
    ) -> None:
        self.url = url or lock_store_url(endpoint_config)
        self._local = InMemoryLockStore()
        self._redis: Optional[AtomicRedisLockStore] = None
        scheme = urlsplit(self.url).scheme
        if scheme in REDIS_SCHEMES:
            prefix = key_prefix or Settings.from_env().lock_store_key_prefix
            self._redis = AtomicRedisLockStore(self.url, key_prefix=prefix)
            logger.info("Conversation locks are kept in Redis at %s.", describe_url(self.url))
        elif self.url not in MEMORY_URLS:
            raise ValueError(
                f"LOCK_STORE_URL must be redis://, rediss://, unix:// or memory://, not "
                f"{describe_url(self.url)!r}"
            )
        self._down_since: Optional[float] = None
        self._retry_at = 0.0
        super().__init__()

    @property
    def uses_redis(self) -> bool:
        return self._redis is not None

    def _backend(self) -> LockStore:
        if self._redis is None:
            return self._local
        if self._down_since is not None and time.monotonic() < self._retry_at:
            return self._local
        return self._redis

    def _redis_failed(self, error: BaseException) -> None:
        self._retry_at = time.monotonic() + RETRY_AFTER_SECONDS
        if self._down_since is None:
            self._down_since = time.monotonic()
            logger.error(
                "Lock store Redis at %s is unreachable (%s: %s). This server now uses its own "
                "in-memory locks and tries Redis again every %.0f s; visitors still get answers.",
                describe_url(self.url),
                error.__class__.__name__,
                str(error).strip().splitlines()[-1] if str(error).strip() else "",
                RETRY_AFTER_SECONDS,
            )

    def _redis_ok(self) -> None:
        if self._down_since is not None:
            logger.warning(
                "Lock store Redis at %s is reachable again after %.0f s; shared locks are back.",
                describe_url(self.url),
                time.monotonic() - self._down_since,
            )
            self._down_since = None

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        backend = self._backend()
        try:
            ticket = backend.issue_ticket(conversation_id, lock_lifetime)
        except LockError as error:
            if backend is self._local:
                raise
            self._redis_failed(error.__cause__ or error)
            backend = self._local
            ticket = backend.issue_ticket(conversation_id, lock_lifetime)
        else:
            if backend is self._redis:
                self._redis_ok()
        # Look at a busy lock more often than Rasa's default second: a turn takes ~50 ms.
        poll = min(wait_time_in_seconds, 0.05)
        try:
            yield await wait_for_turn(backend, conversation_id, ticket, lock_lifetime, poll)
        finally:
            try:
                backend.cleanup(conversation_id, ticket)
            except Exception as error:
                # The ticket expires by itself after lock_lifetime.
                self._redis_failed(error)

    def status(self) -> str:
        """The state of the store: "in_memory", "ok" or "unreachable" (pings Redis; call off the loop)."""
        if self._redis is None:
            return "in_memory"
        try:
            self._redis.red.ping()
        except Exception:
            return "unreachable"
        return "ok"

    # The methods below serve callers that use the store directly rather than ``lock()``.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return self._backend().get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._backend().delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self._backend().save_lock(lock)
