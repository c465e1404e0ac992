"""GET /webhooks/rest/health: readiness for load balancers, with the state of each dependency."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from rasa.core.lock_store import InMemoryLockStore
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse


def _innermost(store: Any) -> Any:
    # Rasa wraps the tracker store (FailSafeTrackerStore, AwaitableTrackerStore).
    seen = 0
    while hasattr(store, "_tracker_store") and seen < 5:
        store = store._tracker_store
        seen += 1
    return store


def _store_status(store: Any) -> str:
    if isinstance(store, InMemoryLockStore):
        return "in_memory"
    status = getattr(store, "status", None)
    if not callable(status):
        return "unknown"
    try:
        return str(status())
    except Exception:
        return "unreachable"


async def _action_server_status(agent: Any) -> str:
    endpoint = getattr(agent, "action_endpoint", None)
    url = getattr(endpoint, "url", None)
    if not url:
        return "not_configured"
    health = url.rsplit("/", 1)[0] + "/health"
    try:
        timeout = aiohttp.ClientTimeout(total=1.5)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(health) as reply:
                return "ok" if reply.status == 200 else "unreachable"
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return "unreachable"


async def readiness(request: Request) -> HTTPResponse:
    """200 when a model is loaded (503 otherwise), with the state of each dependency.

    A database or Redis outage does not fail it: every server shares them, and a server that
    still answers (without history, with local locks) is better than none.
    """
    agent = getattr(request.app.ctx, "agent", None)
    model_loaded = bool(agent is not None and agent.is_ready())
    loop = asyncio.get_running_loop()
    tracker_store = await loop.run_in_executor(
        None, _store_status, _innermost(getattr(agent, "tracker_store", None))
    )
    lock_store = await loop.run_in_executor(None, _store_status, getattr(agent, "lock_store", None))
    action_server = await _action_server_status(agent)
    healthy = (
        model_loaded
        and tracker_store in ("ok", "unknown")
        and lock_store in ("ok", "in_memory", "unknown")
        and action_server in ("ok", "not_configured")
    )
    body = {
        "status": "ok" if healthy else ("degraded" if model_loaded else "unavailable"),
        "model_loaded": model_loaded,
        "tracker_store": tracker_store,
        "lock_store": lock_store,
        "action_server": action_server,
    }
    return response.json(body, status=200 if model_loaded else 503)
