"""Clients for the live servers of the e2e tests (scripts/_services.py starts them): a socket.io
client that behaves like the web widget, and helpers to read replies."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Optional

import socketio

from scripts._services import ALLOWED_ORIGIN

TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', "Exception:", "Error:\n")


def has_stack_trace(text: str) -> bool:
    return any(marker in text for marker in TRACEBACK_MARKERS)


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


class Widget:
    """A socket.io client that behaves like web/widget.js (session_request, user_uttered)."""

    def __init__(self, url: str, origin: Optional[str] = ALLOWED_ORIGIN) -> None:
        self.url = url
        self.origin = origin
        self.client = socketio.AsyncClient(reconnection=False)
        self.received: list[Any] = []
        self.session_id: Optional[str] = None
        self.client.on("bot_uttered", self.received.append)
        self.client.on("session_confirm", self._confirmed)

    def _confirmed(self, session_id: Any) -> None:
        self.session_id = session_id

    async def connect(self, session_id: Optional[str] = None, wait_timeout: float = 10) -> None:
        headers = {"Origin": self.origin} if self.origin else {}
        await self.client.connect(
            self.url, headers=headers, transports=["websocket"], wait_timeout=wait_timeout
        )
        await self.client.emit("session_request", {"session_id": session_id})
        await self._until(lambda: self.session_id is not None, 5)

    async def say(
        self, text: Any, quiet_for: float = 0.6, timeout: float = 15, raw: bool = False
    ) -> list[Any]:
        """Send ``text`` (or, with ``raw``, any payload as is) and collect replies until quiet."""
        start = len(self.received)
        payload = text if raw else {"message": text, "session_id": self.session_id}
        await self.client.emit("user_uttered", payload)
        await self._until(lambda: len(self.received) > start, timeout)
        seen = len(self.received)
        while True:
            await asyncio.sleep(quiet_for)
            if len(self.received) == seen:
                return self.received[start:]
            seen = len(self.received)

    async def emit_raw(self, event: str, payload: Any) -> None:
        await self.client.emit(event, payload)

    async def close(self) -> None:
        await self.client.disconnect()

    @staticmethod
    async def _until(condition: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("no reply over socket.io")
            await asyncio.sleep(0.05)
