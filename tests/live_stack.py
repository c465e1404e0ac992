"""Real servers for the channel, fault and fuzz tests (a pytest plugin: ``pytest_plugins``).

An action server (components.action_server) and a Rasa server started as in production
(endpoints.production.yml, --enable-api with a token) on free loopback ports, with a throw-away
SQLite tracker store and in-memory locks unless a test asks for PostgreSQL and Redis.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest
import requests
import socketio

from scripts._services import (
    MODEL,
    free_port,
    guarded_action_server,
    production_rasa_server,
)

ALLOWED_ORIGIN = "http://allowed.example"
STACK_ENV = {"ALLOWED_ORIGINS": ALLOWED_ORIGIN}
STACK_ARGS = ("--cors", ALLOWED_ORIGIN)
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', "Exception:", "Error:\n")


def has_stack_trace(text: str) -> bool:
    return any(marker in text for marker in TRACEBACK_MARKERS)


@dataclass
class Stack:
    """One Rasa server and its action server; helpers to talk to them."""

    url: str
    action_port: int
    token: str
    log: Path
    workdir: Path
    rasa: subprocess.Popen
    action_server: Optional[subprocess.Popen] = None
    env: dict = field(default_factory=dict)

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    def post(self, payload: Any, timeout: float = 20, **kwargs: Any) -> requests.Response:
        return requests.post(f"{self.url}/webhooks/rest/webhook", json=payload, timeout=timeout, **kwargs)

    def post_raw(self, body: bytes, timeout: float = 20) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=timeout,
        )

    def say(self, sender: str, text: str, **fields: Any) -> list[dict]:
        response = self.post({"sender": sender, "message": text, **fields})
        assert response.status_code == 200, response.text
        return response.json()

    def health(self) -> dict:
        return requests.get(f"{self.url}/webhooks/rest/health", timeout=10).json()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for_log(self, text: str, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log_text():
                return True
            time.sleep(0.2)
        return False


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@contextmanager
def start_stack(
    workdir: Path,
    *,
    tracker_store_url: Optional[str] = None,
    lock_store_url: str = "memory://",
    action_port: Optional[int] = None,
    with_action_server: bool = True,
    **extra_env: str,
) -> Iterator[Stack]:
    """Start the servers (stopped when the block ends)."""
    workdir.mkdir(parents=True, exist_ok=True)
    model = workdir / "model.tar.gz"
    if not model.exists():
        if not Path(MODEL).exists():
            pytest.skip(f"no trained model at {MODEL}: run `make train` first")
        shutil.copy(MODEL, model)  # the model file may be replaced by a retrain meanwhile
    token = secrets.token_hex(16)  # hex: a token starting with "-" would read as an option
    action_port = action_port or free_port()
    rasa_port = free_port()
    server_env = {
        **STACK_ENV,
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "TRACKER_STORE_URL": tracker_store_url or f"sqlite:///{workdir / 'tracker.db'}",
        "LOCK_STORE_URL": lock_store_url,
        "SMILEBOT_VAR_DIR": str(workdir / "var"),
        **extra_env,
    }
    log = workdir / "rasa.log"
    with ExitStack() as stack:
        actions = None
        if with_action_server:
            actions = stack.enter_context(
                guarded_action_server(
                    action_port, workdir / "actions.log", SMILEBOT_VAR_DIR=str(workdir / "var")
                )
            )
        rasa = stack.enter_context(
            production_rasa_server(
                rasa_port,
                log,
                model=str(model),
                extra_args=("--enable-api", "--auth-token", token, *STACK_ARGS),
                **server_env,
            )
        )
        yield Stack(
            url=f"http://127.0.0.1:{rasa_port}",
            action_port=action_port,
            token=token,
            log=log,
            workdir=workdir,
            rasa=rasa,
            action_server=actions,
            env=server_env,
        )


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Shared by the channel and fuzz tests: SQLite tracker store, in-memory locks."""
    with start_stack(tmp_path_factory.mktemp("live-stack")) as stack:
        yield stack


# --- socket.io ------------------------------------------------------------------------------------


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
