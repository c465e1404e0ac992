"""components/rasa_patches.py: each patch changes what it says (the action-result check raises
Rasa's own errors), apply() is idempotent, and the patches refuse to run on a Rasa they were not
written for."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List

import pytest
import rasa
import rasa.core.actions.action
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from components import rasa_patches

RASA_VALIDATE = RemoteAction._validate_action_result


@pytest.fixture(autouse=True)
def upstream_rasa(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from Rasa as shipped and leaves it so."""
    monkeypatch.setattr(rasa.core.actions.action, "DEFAULT_REQUEST_TIMEOUT", 300)
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_VALIDATE)


class _Endpoint(EndpointConfig):
    """An action endpoint that records the request instead of sending it."""

    def __init__(self) -> None:
        super().__init__(url="http://actions.invalid/webhook")
        self.calls: List[Dict[str, Any]] = []

    async def request(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:  # type: ignore[override]
        self.calls.append(kwargs)
        return {"events": [], "responses": []}


def _run_action() -> tuple[Dict[str, Any], List[Any]]:
    endpoint = _Endpoint()
    action = RemoteAction("action_find_locations", endpoint)
    validated: List[Any] = []
    validate = RemoteAction._validate_action_result

    def spy(self: RemoteAction, result: Dict[str, Any]) -> bool:
        validated.append(validate)
        return validate(self, result)

    action._validate_action_result = spy.__get__(action)  # type: ignore[method-assign]
    asyncio.run(action.run(None, None, DialogueStateTracker("s", []), Domain.empty()))  # type: ignore[arg-type]
    return endpoint.calls[0], validated


def test_installed_rasa_is_the_one_the_patches_were_written_for() -> None:
    assert rasa.__version__ == rasa_patches.RASA_VERSION == "3.6.21"


def test_apply_sets_the_action_call_timeout_rasa_uses() -> None:
    assert _run_action()[0]["timeout"] == 300
    rasa_patches.apply(2.5)
    assert rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT == 2.5
    assert _run_action()[0]["timeout"] == 2.5


def test_apply_makes_remote_actions_use_the_prebuilt_validator() -> None:
    rasa_patches.apply(2.5)
    assert RemoteAction._validate_action_result is rasa_patches._validate_action_result
    assert _run_action()[1] == [rasa_patches._validate_action_result]


def test_applying_twice_is_harmless(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=rasa_patches.__name__):
        rasa_patches.apply(2.5)
        once = (rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT, RemoteAction._validate_action_result)
        rasa_patches.apply(2.5)
    assert (rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT, RemoteAction._validate_action_result) == once
    assert sum("time out after" in record.getMessage() for record in caplog.records) == 1
    call, validated = _run_action()
    assert call["timeout"] == 2.5 and len(validated) == 1


@pytest.mark.parametrize(
    "patch",
    [
        lambda: rasa_patches.apply(2.5),
        lambda: rasa_patches.limit_action_call_time(2.5),
        rasa_patches.validate_action_results_with_compiled_schema,
    ],
    ids=["apply", "limit_action_call_time", "validate_action_results_with_compiled_schema"],
)
def test_patches_refuse_another_rasa_version(monkeypatch: pytest.MonkeyPatch, patch: Any) -> None:
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(RuntimeError, match=r"written for Rasa 3\.6\.21, but Rasa 3\.7\.0 is installed"):
        patch()
    assert rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT == 300
    assert RemoteAction._validate_action_result is RASA_VALIDATE


def test_action_calls_time_out_after_the_configured_seconds() -> None:
    rasa_patches.limit_action_call_time(2.5)
    assert rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT == 2.5


# --- the action-result check: the same checks on action server replies, without the per-call cost -


GOOD = {
    "events": [{"event": "slot", "name": "location_query", "value": "27705", "timestamp": None}],
    "responses": [{"text": "Here are the nearest locations", "buttons": []}],
}
BAD = {"events": [{"event": "no_such_event"}], "responses": []}


@pytest.fixture
def action() -> RemoteAction:
    rasa_patches.validate_action_results_with_compiled_schema()
    return RemoteAction("action_find_locations", None)


def test_valid_results_pass(action: RemoteAction) -> None:
    assert action._validate_action_result(GOOD) is True


def test_invalid_results_raise_the_same_error_as_rasa(action: RemoteAction) -> None:
    with pytest.raises(ValidationError) as ours:
        action._validate_action_result(BAD)
    with pytest.raises(ValidationError) as upstream:
        RASA_VALIDATE(action, BAD)
    assert ours.value.message == upstream.value.message
    assert "Failed to validate Action server response" in ours.value.message
