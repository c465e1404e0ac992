"""Running a custom action in-process, as rasa-sdk's own tests do: a Tracker built inline, the
messages the dispatcher collected and the events returned. No server."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.support.content import domain_dict

DOMAIN = domain_dict()


def make_tracker(
    text: str = "",
    intent: str = "",
    entities: list | None = None,
    slots: dict | None = None,
    channel: str = "rest",
    active_loop: str | None = None,
    parse_extra: dict | None = None,
    events: list | None = None,
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    latest.update(parse_extra or {})
    user_event = {"event": "user", "text": text, "parse_data": latest, "input_channel": channel}
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message=latest,
        events=(events or []) + [user_event],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(action, tracker: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events
