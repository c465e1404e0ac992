"""Faults against real servers: the action server down or slow, PostgreSQL (tracker store) and
Redis (lock store) stopped and started again, and both stores at closed ports.

The visitor always gets a reply (an answer, or an apology with the phone number within a few
seconds), the log says clearly what is wrong, and the server recovers without a restart. Tests
that stop PostgreSQL or Redis start them again whatever happens; they skip, saying why, where
the services are not running.
"""

from __future__ import annotations

import concurrent.futures
import http.server
import json
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
import requests
import sqlalchemy as sa

from bot.inbound import apology
from bot.settings import APPOINTMENT_PHONE
from scripts._services import (
    TEST_POSTGRES_URL,
    TEST_REDIS_URL,
    Stack,
    delete_redis_keys,
    free_port,
    postgres_problem,
    redis_problem,
    scratch_postgres_database,
    service_stopped,
    start_action_server,
    start_stack,
    stop_process,
)
from tests.support.clients import has_stack_trace, texts

pytestmark = pytest.mark.slow

REPLY_TIMEOUT = 5.0  # the default REPLY_TIMEOUT_SECONDS
ACTION_NEEDED = "help me get ready for my consultation"  # starts with a custom action
FAQ = "how many surgeries will I need?"


class ActionServer:
    """The stack's action server, which the tests stop, start and replace."""

    def __init__(self, port: int, log: Path, var_dir: Path) -> None:
        self.port, self.log, self.var_dir = port, log, var_dir
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> None:
        self.process = start_action_server(
            self.port, self.log, append=True, SMILEBOT_VAR_DIR=str(self.var_dir)
        )

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)

    @contextmanager
    def stopped(self) -> Iterator[None]:
        self.stop()
        try:
            yield
        finally:
            self.start()

    @contextmanager
    def replaced_by_a_slow_one(self, delay: float = 30) -> Iterator[None]:
        """Something that accepts action calls on the port but answers only after ``delay``."""

        class Slow(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                time.sleep(delay)
                self.send_response(500)
                self.end_headers()

            def do_GET(self) -> None:  # noqa: N802
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.stop()
        slow = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Slow)
        slow.daemon_threads = True
        thread = threading.Thread(target=slow.serve_forever, daemon=True)
        thread.start()
        try:
            yield
        finally:
            slow.shutdown()
            slow.server_close()
            self.start()


@dataclass
class FaultStack:
    stack: Stack
    actions: ActionServer
    db_url: Optional[str]
    redis: bool

    def say(self, sender: str, text: str, **fields: object) -> tuple[list[dict], float]:
        started = time.monotonic()
        replies = self.stack.say(sender, text, **fields)
        return replies, time.monotonic() - started


@pytest.fixture(scope="module")
def faults(trained_model: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    """A Rasa server on PostgreSQL and Redis when they run here (else SQLite and memory)."""
    workdir = tmp_path_factory.mktemp("faults")
    use_postgres = postgres_problem(TEST_POSTGRES_URL) is None
    use_redis = redis_problem(TEST_REDIS_URL) is None
    prefix = f"faults{uuid.uuid4().hex[:8]}"
    actions = ActionServer(free_port(), workdir / "actions.log", workdir / "var")
    with ExitStack() as cleanup:
        db_url = cleanup.enter_context(scratch_postgres_database()) if use_postgres else None
        actions.start()
        cleanup.callback(actions.stop)
        stack = cleanup.enter_context(
            start_stack(
                workdir,
                tracker_store_url=db_url,
                lock_store_url=TEST_REDIS_URL if use_redis else "memory://",
                action_port=actions.port,
                with_action_server=False,
                LOCK_STORE_KEY_PREFIX=prefix,
            )
        )
        yield FaultStack(stack, actions, db_url, use_redis)
        if use_redis and redis_problem(TEST_REDIS_URL) is None:
            delete_redis_keys(prefix)


def wait_until(condition, timeout: float, pause: float = 0.5) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(pause)
    return False


def recovers_with_traffic(faults: FaultStack, log_line: str, timeout: float = 30) -> bool:
    """Visitors keep chatting (no health checks, no restart) until the log says it recovered."""

    def chat() -> bool:
        replies, _ = faults.say(f"probe-{uuid.uuid4().hex[:8]}", FAQ)
        return bool(replies) and log_line in faults.stack.log_text()

    return wait_until(chat, timeout)


def assert_apology(replies: list[dict]) -> None:
    assert [m.get("text") for m in replies] == [apology()]
    assert APPOINTMENT_PHONE in apology()


# --- action server ---------------------------------------------------------------------------------


def test_action_server_down_gives_an_apology_at_once_and_faq_answers_go_on(faults: FaultStack) -> None:
    with faults.actions.stopped():
        replies, seconds = faults.say("down-1", ACTION_NEEDED)
        assert_apology(replies)
        assert seconds < 3
        replies, seconds = faults.say("down-2", FAQ)
        assert "stage" in texts(replies).lower() and seconds < 3
        health = faults.stack.health()
        assert (health["status"], health["action_server"]) == ("degraded", "unreachable")
        assert "produced no reply" in faults.stack.log_text()
        assert "Couldn't connect to the server" in faults.stack.log_text()
    replies, _ = faults.say("down-3", ACTION_NEEDED)  # recovered, same Rasa server
    assert "skip" in texts(replies).lower()
    assert faults.stack.health()["action_server"] == "ok"


def test_slow_action_server_gives_an_apology_within_a_few_seconds(faults: FaultStack) -> None:
    with faults.actions.replaced_by_a_slow_one(), concurrent.futures.ThreadPoolExecutor(2) as pool:
        slow = pool.submit(faults.say, "slow-1", ACTION_NEEDED)
        time.sleep(0.5)
        faq_replies, faq_seconds = faults.say("slow-2", FAQ)  # while the other waits
        replies, seconds = slow.result(timeout=30)
    assert_apology(replies)
    assert seconds < REPLY_TIMEOUT + 1.5
    assert "stage" in texts(faq_replies).lower() and faq_seconds < 3
    log = faults.stack.log_text()
    assert "took longer than" in log or "produced no reply" in log
    replies, _ = faults.say("slow-3", ACTION_NEEDED)
    assert "skip" in texts(replies).lower()


# --- tracker store: PostgreSQL stopped and started -------------------------------------------------


def stored_message_ids(db_url: str, sender: str) -> list[str]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                {"s": sender},
            ).fetchall()
    finally:
        engine.dispose()
    return [json.loads(data).get("message_id") for (data,) in rows]


def test_tracker_store_outage_is_answered_logged_and_recovered(faults: FaultStack) -> None:
    if faults.db_url is None:
        pytest.skip(f"PostgreSQL not reachable at {TEST_POSTGRES_URL}: {postgres_problem(TEST_POSTGRES_URL)}")
    replies, _ = faults.say("db-1", "where is the closest clinic?", message_id="before")
    assert "zip" in texts(replies).lower()
    with service_stopped("postgres"):
        replies, seconds = faults.say("db-1", FAQ, message_id="during")
        assert replies and not has_stack_trace(texts(replies)) and seconds < 10
        assert "stage" in texts(replies).lower()  # answered, without the conversation's history
        assert faults.stack.wait_for_log("Tracker store database")
        assert "is unreachable" in faults.stack.log_text()
        assert faults.stack.health()["tracker_store"] == "unreachable"
    # Recovers with traffic alone, no restart.
    assert recovers_with_traffic(faults, "conversations are stored again")
    replies, _ = faults.say("db-1", "Durham", message_id="after")
    assert "durham, nc" in texts(replies).lower()  # the form from before the outage went on
    assert stored_message_ids(faults.db_url, "db-1") == ["before", "after"]
    assert faults.stack.health()["tracker_store"] == "ok"


# --- lock store: Redis stopped and started ---------------------------------------------------------


def test_lock_store_outage_is_answered_logged_and_recovered(faults: FaultStack) -> None:
    if not faults.redis:
        pytest.skip(f"Redis not reachable at {TEST_REDIS_URL}: {redis_problem(TEST_REDIS_URL)}")
    with service_stopped("redis"):
        replies, seconds = faults.say("redis-1", FAQ)
        assert "stage" in texts(replies).lower() and seconds < 5
        assert faults.stack.wait_for_log("Lock store Redis")
        assert "in-memory locks" in faults.stack.log_text()
        assert faults.stack.health()["lock_store"] == "unreachable"
        replies, _ = faults.say("redis-1", "where is the closest clinic?")
        assert "zip" in texts(replies).lower()
    assert recovers_with_traffic(faults, "shared locks are back")
    replies, _ = faults.say("redis-1", "Durham")
    assert "durham, nc" in texts(replies).lower()
    assert faults.stack.health()["lock_store"] == "ok"


# --- both stores at closed ports, from the start -------------------------------------------------


@pytest.mark.usefixtures("trained_model")
def test_server_starts_and_answers_with_both_stores_unreachable(tmp_path: Path) -> None:
    tracker_url = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"
    lock_url = f"redis://127.0.0.1:{free_port()}/0"
    with start_stack(tmp_path, tracker_store_url=tracker_url, lock_store_url=lock_url) as stack:
        started = time.monotonic()
        replies = stack.say("closed-1", FAQ)
        assert "stage" in texts(replies).lower() and time.monotonic() - started < 5
        replies = stack.say("closed-1", ACTION_NEEDED)
        assert "skip" in texts(replies).lower()
        health = requests.get(f"{stack.url}/webhooks/rest/health", timeout=10)
        assert health.status_code == 200
        assert health.json()["tracker_store"] == "unreachable"
        assert health.json()["lock_store"] == "unreachable"
        assert health.json()["status"] == "degraded"
        log = stack.log_text()
        assert "Tracker store database postgresql://postgres@127.0.0.1" in log
        assert "Lock store Redis at redis://127.0.0.1" in log
