"""The action-result patch (components/rasa_patches.py): the same checks on action server replies,
without the per-call cost."""

from __future__ import annotations

from typing import Iterator

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from components.rasa_patches import validate_action_results_with_compiled_schema

RASA_VALIDATE = RemoteAction._validate_action_result
GOOD = {
    "events": [{"event": "slot", "name": "location_query", "value": "27705", "timestamp": None}],
    "responses": [{"text": "Here are the nearest locations", "buttons": []}],
}
BAD = {"events": [{"event": "no_such_event"}], "responses": []}


@pytest.fixture
def action() -> Iterator[RemoteAction]:
    validate_action_results_with_compiled_schema()
    yield RemoteAction("action_find_clinics", None)
    RemoteAction._validate_action_result = RASA_VALIDATE


def test_valid_results_pass(action: RemoteAction) -> None:
    assert action._validate_action_result(GOOD) is True


def test_invalid_results_raise_the_same_error_as_rasa(action: RemoteAction) -> None:
    with pytest.raises(ValidationError) as ours:
        action._validate_action_result(BAD)
    with pytest.raises(ValidationError) as rasa:
        RASA_VALIDATE(action, BAD)
    assert ours.value.message == rasa.value.message
    assert "Failed to validate Action server response" in ours.value.message


def test_the_channels_turn_it_on_when_the_server_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    import rasa.core.actions.action
    from sanic import Sanic

    from bot.inbound import ChannelSettings
    from components.channels.server import prepare_server

    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_VALIDATE)
    # prepare_server also sets the action call timeout: restore it afterwards
    timeout = rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT
    monkeypatch.setattr(rasa.core.actions.action, "DEFAULT_REQUEST_TIMEOUT", timeout)
    prepare_server(Sanic(f"test_{uuid.uuid4().hex[:8]}"), ChannelSettings.from_env())
    assert RemoteAction._validate_action_result is not RASA_VALIDATE
