"""The consultation checklist's actions (actions/checklist.py), run in-process with a Tracker
built inline."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import ActionShowChecklist, ActionStartChecklist, ValidateChecklistForm
from tests.support.actions import DOMAIN, make_tracker, run


def test_starting_a_checklist_clears_old_answers() -> None:
    _, events = run(ActionStartChecklist(), make_tracker())
    assert {e["name"] for e in events} == {
        "checklist_for",
        "checklist_cause",
        "checklist_onset",
        "checklist_prior_treatment",
        "checklist_tests",
    }
    assert all(e["value"] is None for e in events)


def test_checklist_answers_are_kept_without_phone_numbers() -> None:
    form = ValidateChecklistForm()
    assert form.validate_checklist_for("For my child", None, None, DOMAIN) == {"checklist_for": "child"}
    assert form.validate_checklist_for(None, None, None, DOMAIN) == {"checklist_for": None}
    cleaned = form.validate_checklist_tests("MRI, call me at 919-555-0134", None, None, DOMAIN)
    assert "555" not in cleaned["checklist_tests"] and "MRI" in cleaned["checklist_tests"]


def test_checklist_summary_for_a_parent() -> None:
    slots = {
        "checklist_for": "child",
        "checklist_cause": "Moebius syndrome",
        "checklist_onset": "since birth",
        "checklist_prior_treatment": "skipped",
        "checklist_tests": None,
    }
    messages, _ = run(ActionShowChecklist(), make_tracker(slots=slots))
    text = messages[0]["text"]
    assert text.startswith("**Checklist for your child's consultation call**\n")
    assert "Moebius syndrome" in text and "pucker" in text and "919-684-4114" in text
    assert "(skipped: you can talk about this on the call)" in text


def test_checklist_summary_as_a_card_for_the_widget() -> None:
    messages, _ = run(
        ActionShowChecklist(), make_tracker(slots={"checklist_for": "self"}, channel="socketio")
    )
    payload = messages[0]["custom"]["data"]
    assert payload["type"] == "checklist"
    assert payload["title"] == "Checklist for your consultation call"


def test_a_checklist_onset_of_today_gets_911_first() -> None:
    form = ValidateChecklistForm()
    dispatcher = CollectingDispatcher()
    result = form.validate_checklist_onset("this morning, all of a sudden", dispatcher, None, DOMAIN)
    assert result == {"checklist_onset": "this morning, all of a sudden", "emergency_reported": True}
    assert [m["response"] for m in dispatcher.messages] == ["utter_emergency"]


def test_a_checklist_onset_long_ago_is_only_recorded() -> None:
    form = ValidateChecklistForm()
    dispatcher = CollectingDispatcher()
    result = form.validate_checklist_onset("when she was born", dispatcher, None, DOMAIN)
    assert result == {"checklist_onset": "when she was born"}
    assert dispatcher.messages == []
