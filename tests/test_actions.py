"""Custom actions, run in-process with a Tracker built inline (no server)."""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import ActionShowChecklist, ActionStartChecklist, ValidateChecklistForm
from actions.faq import (
    ActionAnswerFollowup,
    ActionAnswerPersonalAdvice,
    ActionAnswerTopic,
    ActionSuggestTopics,
)
from actions.locations import ActionFindClinics, ValidateLocationForm
from tests.helpers import domain_dict

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


pytestmark = pytest.mark.usefixtures("seeded_locations")


# --- clinic finder ---------------------------------------------------------------------------


def test_find_clinics_as_text_for_rest_and_shell() -> None:
    messages, events = run(
        ActionFindClinics(), make_tracker("27705", "inform_location", slots={"location_query": "27705"})
    )
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "Durham" in text and "about" in text and "919-684-4114" in text
    assert {"event": "slot", "timestamp": None, "name": "location_query", "value": None} in events


def test_find_clinics_as_cards_for_the_widget() -> None:
    tracker = make_tracker("27609", "inform_location", slots={"location_query": "27609"}, channel="socketio")
    messages, _ = run(ActionFindClinics(), tracker)
    payload = messages[0]["custom"]["data"]
    assert payload["type"] == "clinic_results"
    assert payload["intro"] == "Here are the nearest locations to 27609 (Raleigh), by straight-line distance:"
    assert payload["clinics"][0]["name"] == "Duke Raleigh Hospital"
    assert payload["note"] == "To make an appointment, call 919-684-4114."


def test_find_clinics_words_come_from_the_domain_it_is_sent() -> None:
    domain = {**DOMAIN, "responses": {**DOMAIN["responses"], "utter_location_call": [{"text": "Call us."}]}}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("27705", "inform_location", slots={"location_query": "27705"})
    asyncio.run(ActionFindClinics().run(dispatcher, tracker, domain))
    assert dispatcher.messages[0]["text"].endswith("\nCall us.")


def test_find_clinics_from_browser_coordinates() -> None:
    entities = [{"entity": "latitude", "value": 35.99}, {"entity": "longitude", "value": -78.94}]
    messages, _ = run(ActionFindClinics(), make_tracker("/share_location", "share_location", entities))
    assert "nearest locations to you" in messages[0]["text"]


def test_find_clinics_with_broken_coordinates_says_so() -> None:
    entities = [{"entity": "latitude", "value": "<script>"}, {"entity": "longitude", "value": 999}]
    messages, _ = run(ActionFindClinics(), make_tracker("/share_location", "share_location", entities))
    assert messages[0]["text"].startswith("Sorry, I couldn't read that location.\nPlease try a 5-digit")


def test_location_validation_accepts_a_place() -> None:
    dispatcher = CollectingDispatcher()
    result = ValidateLocationForm().validate_location_query(
        "we live in durham", dispatcher, make_tracker(), DOMAIN
    )
    assert result == {"location_query": "we live in durham"}
    assert dispatcher.messages == []


def test_location_validation_gives_a_second_chance_then_the_phone_line() -> None:
    form = ValidateLocationForm()
    first = CollectingDispatcher()
    result = form.validate_location_query(
        "00000", first, make_tracker(slots={"location_attempts": 0}), DOMAIN
    )
    assert result == {"location_query": None, "location_attempts": 1}
    assert first.messages[0]["text"] == (
        'Sorry, "00000" isn\'t a ZIP code I know.\n'
        'Please try a 5-digit ZIP code or a town name, like "27705" or "Raleigh".'
    )

    second = CollectingDispatcher()
    result = form.validate_location_query(
        "abcde", second, make_tracker(slots={"location_attempts": 1}), DOMAIN
    )
    assert result["location_attempts"] == 2
    assert second.messages[0]["text"] == (
        "Sorry, I couldn't find \"abcde\" in North Carolina. Let's stop here for now: please call "
        "919-684-4114 and the team can tell you where to be seen."
    )
    required = asyncio.run(
        form.required_slots(["location_query"], second, make_tracker(slots={"location_attempts": 2}), DOMAIN)
    )
    assert required == []


def test_a_misspelt_town_starts_the_form_filled() -> None:
    extracted = asyncio.run(
        ValidateLocationForm().extract_location_query(
            CollectingDispatcher(), make_tracker("we live in durhm", "inform_location"), DOMAIN
        )
    )
    assert extracted == {"location_query": "we live in durhm"}


# --- did you mean ---------------------------------------------------------------------------


def test_did_you_mean_offers_topics_as_buttons() -> None:
    parse = {
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "faq", "confidence": 0.4},
            {"name": "find_clinic", "confidence": 0.2},
        ],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/stages", "confidence": 0.7},
                    {"intent_response_key": "faq/results_timeline", "confidence": 0.2},
                ]
            }
        },
    }
    messages, _ = run(
        ActionSuggestTopics(), make_tracker("surgeries how many long", "nlu_fallback", parse_extra=parse)
    )
    assert messages[0]["response"] == "utter_did_you_mean"
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == ["One or two stages", "How long results take", "Find a location", "Something else"]
    assert json.loads(messages[0]["buttons"][0]["payload"][len("/choose_topic") :]) == {"topic": "faq/stages"}


def test_a_second_miss_in_a_row_gets_the_help_reply() -> None:
    earlier = [
        {"event": "user", "text": "asdf", "parse_data": {}},
        {"event": "action", "name": "action_suggest_topics"},
        {"event": "bot", "text": "Did you mean"},
        {"event": "action", "name": "action_listen"},
    ]
    parse = {
        "intent_ranking": [{"name": "faq", "confidence": 0.4}],
        "response_selector": {"faq": {"ranking": [{"intent_response_key": "faq/stages", "confidence": 0.9}]}},
    }
    messages, _ = run(
        ActionSuggestTopics(), make_tracker("qwer", "nlu_fallback", parse_extra=parse, events=earlier)
    )
    assert messages[0]["response"] == "utter_fallback_help"


def test_a_chosen_topic_is_answered_and_an_unknown_one_gets_help() -> None:
    messages, _ = run(
        ActionAnswerTopic(),
        make_tracker("/choose_topic", "choose_topic", [{"entity": "topic", "value": "faq/photos"}]),
    )
    assert messages[0]["response"] == "utter_faq/photos"
    messages, _ = run(
        ActionAnswerTopic(),
        make_tracker("/choose_topic", "choose_topic", [{"entity": "topic", "value": "<b>x</b>"}]),
    )
    assert messages[0]["response"] == "utter_fallback_help"


# --- checklist ------------------------------------------------------------------------------


def _answered(topic: str) -> dict:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_{topic}"}}


def test_a_followup_is_answered_within_the_previous_topic() -> None:
    earlier = [_answered("faq/eyes"), _answered("faq/types"), {"event": "bot", "text": "Anything else?"}]
    messages, _ = run(
        ActionAnswerFollowup(),
        make_tracker("tell me more about the second one", "ask_followup", events=earlier),
    )
    assert [m["response"] for m in messages] == ["utter_faq/nerve_transfer"]


def test_a_followup_with_nothing_before_it_asks_what_was_meant() -> None:
    ranking = {
        "response_selector": {"faq": {"ranking": [{"intent_response_key": "faq/team", "confidence": 0.6}]}}
    }
    parse = {"intent_ranking": [{"name": "faq", "confidence": 0.5}], **ranking}
    messages, _ = run(
        ActionAnswerFollowup(), make_tracker("who does that?", "ask_followup", parse_extra=parse)
    )
    assert messages[0]["response"] == "utter_did_you_mean"
    assert any("care team" in b["title"].lower() for b in messages[0]["buttons"])


def _personal(topic: str, confidence: float) -> Tracker:
    selected = {"response": {"intent_response_key": topic, "confidence": confidence}}
    return make_tracker(
        "my son is 9 and was born with it, should he have the surgery now or wait?",
        "ask_personal_advice",
        parse_extra={"response_selector": {"faq": selected}},
    )


def test_a_personal_question_gets_the_general_answer_and_the_consultation_line() -> None:
    messages, _ = run(ActionAnswerPersonalAdvice(), _personal("faq/children", 0.8))
    assert [m["response"] for m in messages] == [
        "utter_personal_advice_general",
        "utter_faq/children",
        "utter_personal_advice_consultation",
    ]


def test_a_personal_question_about_no_clear_topic_gets_the_general_reply() -> None:
    messages, _ = run(ActionAnswerPersonalAdvice(), _personal("faq/children", 0.2))
    assert [m["response"] for m in messages] == ["utter_personal_advice"]


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
