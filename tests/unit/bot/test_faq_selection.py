"""Which FAQ topic a parse chose (bot/faq_selection.py), on parse dicts shaped as Rasa returns them."""

from __future__ import annotations

from typing import Any

import pytest

from bot.faq_selection import FaqTopic, faq_ranking, faq_topic


def parse_with_selector(faq: Any) -> dict:
    return {
        "text": "how many surgeries",
        "intent": {"name": "faq", "confidence": 0.9},
        "response_selector": {"all_retrieval_intents": ["faq"], "faq": faq},
    }


PARSE = parse_with_selector(
    {
        "response": {"intent_response_key": "faq/stages", "confidence": 0.82, "responses": []},
        "ranking": [
            {"intent_response_key": "faq/stages", "confidence": 0.82},
            {"intent_response_key": "faq/stage_gap", "confidence": 0.11},
        ],
    }
)


def test_the_chosen_topic_and_its_confidence() -> None:
    assert faq_topic(PARSE) == FaqTopic("faq/stages", 0.82)
    topic, confidence = faq_topic(PARSE)
    assert (topic, confidence) == ("faq/stages", 0.82)


def test_the_ranking_is_returned_best_first_as_rasa_lists_it() -> None:
    assert [entry["intent_response_key"] for entry in faq_ranking(PARSE)] == ["faq/stages", "faq/stage_gap"]


@pytest.mark.parametrize(
    "parse",
    [
        {},
        {"intent": {"name": "greet"}},
        {"response_selector": None},
        {"response_selector": {}},
        {"response_selector": "faq"},
        parse_with_selector(None),
        parse_with_selector({"response": None}),
        parse_with_selector({"response": {"intent_response_key": None, "confidence": 0.0}}),
        parse_with_selector({"response": {"intent_response_key": "", "confidence": 0.9}}),
    ],
)
def test_no_topic_when_the_selector_chose_none(parse: dict) -> None:
    assert faq_topic(parse) is None
    assert faq_ranking(parse) == []


@pytest.mark.parametrize("confidence", [None, "high", [], {}])
def test_a_confidence_that_is_not_a_number_counts_as_zero(confidence: Any) -> None:
    parse = parse_with_selector({"response": {"intent_response_key": "faq/team", "confidence": confidence}})
    assert faq_topic(parse) == FaqTopic("faq/team", 0.0)


def test_malformed_ranking_entries_are_left_out() -> None:
    parse = parse_with_selector({"ranking": ["faq/stages", {"intent_response_key": "faq/team"}, None]})
    assert faq_ranking(parse) == [{"intent_response_key": "faq/team"}]
    assert faq_ranking(parse_with_selector({"ranking": "faq/stages"})) == []


def test_the_selector_of_another_retrieval_intent_is_not_read() -> None:
    parse = {"response_selector": {"default": {"response": {"intent_response_key": "faq/stages"}}}}
    assert faq_topic(parse) is None
