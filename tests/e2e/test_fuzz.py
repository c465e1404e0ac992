"""Fuzzing the public endpoints and every custom action (hypothesis), against real servers.

Random unicode, random and malformed JSON, huge bodies and random payload intents go to the REST
channel, the socket.io channel and the action server. Nothing may answer with a 5xx or show a
stack trace, every accepted message gets a reply, and the server still answers afterwards.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.inbound import SLOW_DOWN
from scripts._services import Stack
from tests.support.clients import Widget, has_stack_trace, texts
from tests.support.content import domain_dict

FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=40)
DOMAIN = domain_dict()
CUSTOM_ACTIONS = list(DOMAIN["actions"])  # the validate_<form> actions are listed there too
# an entity with settings is a one-key mapping ({"language": {"influence_conversation": false}})
ENTITIES = [e if isinstance(e, str) else next(iter(e)) for e in DOMAIN["entities"]]
INTENTS = list(DOMAIN["intents"])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=60)
    | st.sampled_from(["27705", "Durham", "durhm", "faq/what_is", "faq/nope", "90210", "35.99", "-78.9"])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
# Entity values as a visitor can send them in a payload: scalars, or lists of them (Rasa makes one
# entity per list item). JSON objects as values: see the last test.
entity_values = scalars | st.lists(scalars, max_size=3)
payload_messages = st.builds(
    lambda intent, entities: f"/{intent}{json.dumps(entities)}" if entities else f"/{intent}",
    st.sampled_from(INTENTS),
    st.dictionaries(st.sampled_from(ENTITIES), entity_values, max_size=2),
)
visitor_messages = (
    payload_messages
    | st.text(max_size=400)
    | st.sampled_from(
        ["find a clinic near me", "help me get ready", "27705", "skip", "stop", "for my child", "Durham"]
    )
)


def new_sender() -> str:
    return f"fuzz-{uuid.uuid4().hex[:12]}"


def assert_clean(response: requests.Response) -> None:
    assert response.status_code < 500, response.text[:300]
    assert not has_stack_trace(response.text), response.text[:300]


def assert_answered(response: requests.Response) -> None:
    assert_clean(response)
    if response.status_code == 429:
        assert response.json()[0]["text"] == SLOW_DOWN
        return
    assert response.status_code == 200, response.text[:300]
    replies = response.json()
    assert replies and all(m.get("text") or m.get("custom") or m.get("buttons") for m in replies), replies


# --- REST channel ----------------------------------------------------------------------------------


@FUZZ
@given(body=st.binary(max_size=3000))
def test_rest_random_bytes(live_stack: Stack, body: bytes) -> None:
    assert_clean(live_stack.post_raw(body))


@FUZZ
@given(document=json_values)
def test_rest_random_json(live_stack: Stack, document: Any) -> None:
    response = live_stack.post_raw(json.dumps(document).encode())
    assert_clean(response)
    assert response.headers["content-type"].startswith("application/json")


@FUZZ
@given(message=st.text(max_size=3000), metadata=st.none() | json_values)
def test_rest_random_unicode_messages(live_stack: Stack, message: str, metadata: Any) -> None:
    response = live_stack.post({"sender": new_sender(), "message": message, "metadata": metadata})
    if metadata is None or isinstance(metadata, dict):
        assert_answered(response)
    else:
        assert response.status_code == 400 and not has_stack_trace(response.text)


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=30)
@given(conversation=st.lists(visitor_messages, min_size=1, max_size=5))
def test_random_conversations_reach_every_custom_action_without_errors(
    live_stack: Stack, conversation: list[str]
) -> None:
    sender = new_sender()
    for message in conversation:
        assert_answered(live_stack.post({"sender": sender, "message": message}))


@pytest.mark.parametrize(
    "body",
    ids=["deep nesting", "50,000 characters", "10 MB of metadata", "surrogates and controls"],
    argvalues=[
        b"[" * 30_000 + b"]" * 30_000,
        json.dumps({"sender": "big", "message": "x" * 50_000}).encode(),
        json.dumps({"sender": "big", "message": "hi", "metadata": {"k": "v" * 10_000_000}}).encode(),
        json.dumps({"sender": "big", "message": "\ud800\udfff\u0000\u202e" * 200}).encode(),
    ],
)
def test_rest_huge_and_deep_payloads(live_stack: Stack, body: bytes) -> None:
    assert_clean(live_stack.post_raw(body))


# --- socket.io channel -----------------------------------------------------------------------------


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=1)
@given(
    payloads=st.lists(
        st.tuples(st.sampled_from(["user_uttered", "session_request"]), json_values), min_size=30, max_size=30
    )
)
def test_socketio_random_payloads(live_stack: Stack, payloads: list) -> None:
    async def fuzz() -> tuple[list, list]:
        widget = Widget(live_stack.url)
        await widget.connect(new_sender())
        try:
            for event, payload in payloads:
                await widget.emit_raw(event, payload)
            for text in ("\u202e" * 50, "é" * 2000, '/share_location{"latitude": "x"}'):
                await widget.emit_raw("user_uttered", {"message": text, "session_id": widget.session_id})
            await asyncio.sleep(2)
            noise = list(widget.received)
            after = await widget.say("how many surgeries will I need?")
            return noise, after
        finally:
            await widget.close()

    noise, after = asyncio.run(fuzz())
    assert not any(has_stack_trace(json.dumps(m)) for m in noise)
    assert "stage" in " ".join(m.get("text", "") for m in after if isinstance(m, dict)).lower()


@FUZZ
@given(body=st.binary(max_size=500), query=st.sampled_from(["EIO=4&transport=polling", "EIO=3", "", "sid=x"]))
def test_socketio_http_garbage(live_stack: Stack, body: bytes, query: str) -> None:
    response = requests.post(f"{live_stack.url}/socket.io/?{query}", data=body, timeout=10)
    assert_clean(response)


# --- action server ---------------------------------------------------------------------------------


def action_call(action: str, slots: dict, message: dict, channel: str | None, loop: dict) -> dict:
    return {
        "next_action": action,
        "sender_id": "fuzz",
        "version": "3.6.21",
        "domain": DOMAIN,
        "tracker": {
            "sender_id": "fuzz",
            "slots": slots,
            "latest_message": message,
            "events": [
                {"event": "user", "text": message["text"], "parse_data": message, "input_channel": channel}
            ],
            "active_loop": loop,
            "latest_action_name": "action_listen",
        },
    }


text_or_none = st.none() | st.text(max_size=300)
slot_values = st.fixed_dictionaries(
    {
        "emergency_reported": st.booleans(),
        "location_query": text_or_none,
        "location_attempts": st.none() | st.floats(min_value=-1e6, max_value=1e6),
        "latitude": st.none() | scalars,
        "longitude": st.none() | scalars,
        "checklist_for": st.none() | st.sampled_from(["self", "child"]) | st.text(max_size=20),
        "checklist_cause": text_or_none,
        "checklist_onset": text_or_none,
        "checklist_prior_treatment": text_or_none,
        "checklist_tests": text_or_none,
        "requested_slot": st.none() | st.sampled_from(["location_query", "checklist_for", "checklist_cause"]),
    }
)
parse_data = st.fixed_dictionaries(
    {
        "text": st.text(max_size=300),
        "intent": st.fixed_dictionaries({"name": st.sampled_from(INTENTS), "confidence": st.floats(0, 1)}),
        "entities": st.lists(
            st.fixed_dictionaries({"entity": st.sampled_from(ENTITIES), "value": scalars}), max_size=3
        ),
        "intent_ranking": st.lists(
            st.fixed_dictionaries({"name": st.sampled_from(INTENTS), "confidence": st.floats(0, 1)}),
            max_size=4,
        ),
        "response_selector": st.just({})
        | st.fixed_dictionaries(
            {
                "faq": st.fixed_dictionaries(
                    {
                        "ranking": st.lists(
                            st.fixed_dictionaries(
                                {
                                    "intent_response_key": st.sampled_from(
                                        ["faq/what_is", "faq/stages", "x"]
                                    ),
                                    "confidence": st.floats(0, 1),
                                }
                            ),
                            max_size=3,
                        )
                    }
                )
            }
        ),
    }
)


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=150)
@given(
    call=st.builds(
        action_call,
        st.sampled_from(CUSTOM_ACTIONS),
        slot_values,
        parse_data,
        st.sampled_from(["rest", "socketio", None]),
        st.just({}) | st.sampled_from([{"name": "location_form"}, {"name": "checklist_form"}]),
    )
)
def test_every_custom_action_with_random_conversations(live_stack: Stack, call: dict) -> None:
    response = requests.post(f"{live_stack.action_url}/webhook", json=call, timeout=10)
    assert response.status_code in (200, 400), (call["next_action"], response.text[:300])
    assert not has_stack_trace(response.text)


@FUZZ
@given(
    document=json_values
    | st.builds(lambda a, t: {"next_action": a, "tracker": t}, st.sampled_from(CUSTOM_ACTIONS), json_values)
)
def test_action_server_refuses_malformed_calls(live_stack: Stack, document: Any) -> None:
    response = requests.post(f"{live_stack.action_url}/webhook", data=json.dumps(document), timeout=10)
    assert response.status_code in (400, 404), response.text[:300]
    assert not has_stack_trace(response.text)


def test_server_still_answers_after_the_fuzzing(live_stack: Stack) -> None:
    replies = live_stack.say(new_sender(), "how many surgeries will I need?")
    assert "stage" in texts(replies).lower()
    assert "An action failed" not in (live_stack.workdir / "actions.log").read_text()


def test_answer_topic_survives_a_topic_that_is_not_text(live_stack: Stack) -> None:
    message = {
        "text": "/choose_topic",
        "intent": {"name": "choose_topic"},
        "entities": [{"entity": "topic", "value": {"a": 1}}],
    }
    call = action_call("action_answer_topic", {}, message, "rest", {})
    assert requests.post(f"{live_stack.action_url}/webhook", json=call, timeout=10).status_code == 200
