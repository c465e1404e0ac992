"""The FAQ actions (actions/faq.py): "Did you mean", a chosen topic, follow-ups and personal
questions, run in-process with a Tracker built inline."""

from __future__ import annotations

import json

from rasa_sdk import Tracker

from actions.faq import (
    ActionAnswerFollowup,
    ActionAnswerPersonalAdvice,
    ActionAnswerTopic,
    ActionSuggestTopics,
)
from tests.support.actions import make_tracker, run

# --- did you mean ---------------------------------------------------------------------------


def test_did_you_mean_offers_topics_as_buttons() -> None:
    parse = {
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "faq", "confidence": 0.4},
            {"name": "find_location", "confidence": 0.2},
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


def _unsure(topic: str, confidence: float) -> dict:
    selected = {"intent_response_key": topic, "confidence": confidence}
    return {
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "faq", "confidence": 0.4}],
        "response_selector": {"faq": {"response": selected, "ranking": [selected]}},
    }


def _after(*topics: str) -> list[dict]:
    """Earlier turns: each a question and the FAQ answer shown for it."""
    events: list[dict] = []
    for topic in topics:
        events += [{"event": "user", "text": "?", "parse_data": {}}, _answered(topic)]
    return events


def test_right_after_an_answer_an_unsure_reading_on_the_same_part_of_the_page_is_answered() -> None:
    tracker = make_tracker(
        "and who isnt",
        "nlu_fallback",
        parse_extra=_unsure("faq/not_candidate", 0.6),
        events=_after("faq/candidate"),
    )
    messages, _ = run(ActionSuggestTopics(), tracker)
    assert [m["response"] for m in messages] == ["utter_faq/not_candidate"]


def test_an_unsure_reading_elsewhere_or_later_or_too_unsure_is_still_asked_about() -> None:
    cases = [
        # another part of the page than the answer just shown
        (_unsure("faq/photos", 0.6), _after("faq/candidate")),
        # the related answer was shown two turns ago, not just now
        (_unsure("faq/not_candidate", 0.6), _after("faq/candidate", "faq/photos")),
        # related, but the selector barely leans that way
        (_unsure("faq/not_candidate", 0.1), _after("faq/candidate")),
        # no answer before it at all
        (_unsure("faq/not_candidate", 0.6), []),
    ]
    for parse, earlier in cases:
        messages, _ = run(
            ActionSuggestTopics(), make_tracker("hmm", "nlu_fallback", parse_extra=parse, events=earlier)
        )
        assert messages[0]["response"] == "utter_did_you_mean", (parse, earlier)


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
