"""The public channels (components/channels/) against real servers: REST and socket.io, payload
checks, length cap, rate limit, origins, the admin API behind a token, health checks. The same
checks in plain Python are unit tests (tests/unit/bot/test_inbound.py, test_rate_limit.py,
tests/unit/components/channels/test_server.py)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import subprocess

import pytest
import requests
import socketio

from bot.inbound import SLOW_DOWN, UNREADABLE_REQUEST, too_long_notice
from scripts._services import ALLOWED_ORIGIN, REPO, Stack, env, free_port, production_rasa_command
from tests.support.clients import Widget, has_stack_trace, texts

# --- REST, against a real server ------------------------------------------------------------------


def test_rest_answers_with_text(live_stack: Stack) -> None:
    replies = live_stack.say("rest-faq", "how many surgeries will I need?")
    assert replies and all(m["recipient_id"] == "rest-faq" for m in replies)
    assert "stage" in texts(replies).lower()


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'"just a string"',
        b'{"message": "no sender"}',
        b'{"sender": "x", "message": 5}',
        b'{"sender": "x", "message": "hi", "metadata": "{not json"}',
        b'{"sender": "x", "message": null}',
        b"\xff\xfe\x00",
    ],
)
def test_rest_refuses_malformed_payloads_with_a_json_400(live_stack: Stack, body: bytes) -> None:
    response = live_stack.post_raw(body)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert not has_stack_trace(response.text)


def test_rest_refuses_huge_bodies_without_a_stack_trace(live_stack: Stack) -> None:
    body = json.dumps({"sender": "huge", "message": "a" * 2_000_000}).encode()
    response = live_stack.post_raw(body)
    assert response.status_code in (400, 413)
    assert response.headers["content-type"].startswith("application/json")
    assert not has_stack_trace(response.text)


def test_rest_cuts_long_messages_and_says_so(live_stack: Stack) -> None:
    replies = live_stack.say("rest-long", "how many surgeries will I need? " * 200)
    assert replies[0]["text"] == too_long_notice(1000)
    assert "stage" in texts(replies[1:]).lower()


def test_rest_flood_from_one_sender_is_slowed_without_hurting_others(live_stack: Stack) -> None:
    def send(sender: str) -> requests.Response:
        return live_stack.post({"sender": sender, "message": "hi"})

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        flood = list(pool.map(send, ["flooder"] * 30))
    statuses = [r.status_code for r in flood]
    assert statuses.count(200) <= 12 and statuses.count(429) >= 18
    refused = next(r for r in flood if r.status_code == 429)
    assert refused.json() == [{"recipient_id": "flooder", "text": SLOW_DOWN}]
    assert int(refused.headers["Retry-After"]) >= 1
    assert live_stack.post({"sender": "bystander", "message": "hi"}).status_code == 200


def test_message_id_is_stored_with_the_message(live_stack: Stack) -> None:
    live_stack.say("rest-id", "hello", message_id="visit-42-turn-1")
    tracker = requests.get(
        f"{live_stack.url}/conversations/rest-id/tracker", params={"token": live_stack.token}, timeout=10
    ).json()
    users = [e for e in tracker["events"] if e["event"] == "user"]
    assert users[-1]["message_id"] == "visit-42-turn-1"
    assert users[-1]["input_channel"] == "rest"


# --- admin API and health -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/conversations/rest-faq/tracker"),
        ("GET", "/status"),
        ("POST", "/conversations/rest-faq/messages"),
        ("PUT", "/model"),
        ("DELETE", "/model"),
    ],
)
def test_admin_api_refuses_unauthenticated_calls(live_stack: Stack, method: str, path: str) -> None:
    for params in ({}, {"token": "wrong"}):
        response = requests.request(method, live_stack.url + path, params=params, json={}, timeout=10)
        assert response.status_code in (401, 403), (path, params, response.status_code)
    assert live_stack.post({"sender": "public", "message": "hi"}).status_code == 200


def test_admin_api_answers_with_the_token(live_stack: Stack) -> None:
    response = requests.get(f"{live_stack.url}/status", params={"token": live_stack.token}, timeout=10)
    assert response.status_code == 200


@pytest.mark.slow
@pytest.mark.usefixtures("trained_model")
def test_server_refuses_to_start_with_an_open_admin_api(tmp_path) -> None:
    command = production_rasa_command(free_port(), extra_args=("--enable-api",))
    result = subprocess.run(
        command,
        cwd=REPO,
        env=env(
            ACTION_ENDPOINT_URL="http://127.0.0.1:9/webhook",
            TRACKER_STORE_URL=f"sqlite:///{tmp_path / 't.db'}",
            LOCK_STORE_URL="memory://",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "without a token" in result.stdout + result.stderr


def test_health_endpoints_for_load_balancers(live_stack: Stack) -> None:
    assert requests.get(live_stack.url + "/", timeout=5).status_code == 200
    health = requests.get(live_stack.url + "/webhooks/rest/health", timeout=10)
    assert health.status_code == 200
    assert health.json() == {
        "status": "ok",
        "model_loaded": True,
        "tracker_store": "ok",
        "lock_store": "in_memory",
        "action_server": "ok",
    }
    assert requests.get(live_stack.action_url + "/health", timeout=5).json() == {"status": "ok"}


# --- socket.io, against a real server -------------------------------------------------------------


def test_socketio_answers_the_widget_with_cards(live_stack: Stack) -> None:
    async def talk() -> list:
        widget = Widget(live_stack.url)
        await widget.connect("sock-cards")
        try:
            return await widget.say("find a clinic near 27705")
        finally:
            await widget.close()

    replies = asyncio.run(talk())
    assert any(isinstance(r, dict) and r.get("type") == "location_results" for r in replies), replies


def test_socketio_conversation_survives_a_reconnect(live_stack: Stack) -> None:
    async def talk() -> list:
        first = Widget(live_stack.url)
        await first.connect("sock-reconnect")
        await first.say("where is the closest clinic?")
        await first.close()
        second = Widget(live_stack.url)
        await second.connect("sock-reconnect")
        try:
            return await second.say("Durham")
        finally:
            await second.close()

    replies = asyncio.run(talk())
    assert any(isinstance(r, dict) and r.get("type") == "location_results" for r in replies), replies


@pytest.mark.parametrize("origin", ["http://evil.example", "null", ALLOWED_ORIGIN + ".evil.example"])
def test_socketio_refuses_pages_from_other_origins(live_stack: Stack, origin: str) -> None:
    async def connect() -> None:
        await Widget(live_stack.url, origin=origin).connect(wait_timeout=2)

    with pytest.raises(socketio.exceptions.ConnectionError):
        asyncio.run(connect())


def test_socketio_accepts_the_allowed_origin_and_non_browsers(live_stack: Stack) -> None:
    async def connect(origin: str | None) -> str | None:
        widget = Widget(live_stack.url, origin=origin)
        await widget.connect()
        await widget.close()
        return widget.session_id

    assert asyncio.run(connect(ALLOWED_ORIGIN))
    assert asyncio.run(connect(None))


def test_socketio_unreadable_messages_get_a_reply(live_stack: Stack) -> None:
    async def talk() -> tuple[list, list]:
        widget = Widget(live_stack.url)
        await widget.connect("sock-bad")
        try:
            bad = []
            for payload in (
                [1, 2],
                "plain string",
                {"message": 5, "session_id": "sock-bad"},
                {"message": "hi", "session_id": "sock-bad", "metadata": "{"},
                {"message": "hi"},
            ):
                bad += await widget.say(payload, quiet_for=0.3, raw=True)
            good = await widget.say("how many surgeries will I need?")
            return bad, good
        finally:
            await widget.close()

    bad, good = asyncio.run(talk())
    assert bad == [{"text": UNREADABLE_REQUEST}] * 5
    assert "stage" in " ".join(r.get("text", "") for r in good).lower()


def test_socketio_flood_is_slowed(live_stack: Stack) -> None:
    async def flood() -> list:
        widget = Widget(live_stack.url)
        await widget.connect("sock-flood")
        try:
            for _ in range(25):
                await widget.client.emit("user_uttered", {"message": "hi", "session_id": "sock-flood"})
            await asyncio.sleep(3)
            return widget.received
        finally:
            await widget.close()

    received = asyncio.run(flood())
    assert received.count({"text": SLOW_DOWN}) >= 10


def test_socketio_polling_post_without_a_session_is_a_400(live_stack: Stack) -> None:
    # python-engineio 4.7 would answer it with a 500 (components/channels/socketio.py works around it).
    response = requests.post(f"{live_stack.url}/socket.io/?EIO=4&transport=polling", data=b"", timeout=10)
    assert response.status_code == 400
    assert not has_stack_trace(response.text)
