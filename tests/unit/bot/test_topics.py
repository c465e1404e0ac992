"""'Did you mean ...?' suggestions come from the classifier's rankings."""

import json

import yaml

from bot.responses import load_titles
from bot.topics import FAQ_TITLES, INTENT_TITLES, something_else, suggest, topic_payload
from tests.support.content import REPO


def test_faq_entries_expand_to_topics_and_emergency_is_never_offered() -> None:
    intents = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "emergency", "confidence": 0.30},
        {"name": "faq", "confidence": 0.25},
        {"name": "book_appointment", "confidence": 0.20},
        {"name": "greet", "confidence": 0.10},
    ]
    faq = [
        {"intent_response_key": "faq/stages", "confidence": 0.6},
        {"intent_response_key": "faq/stage_gap", "confidence": 0.3},
        {"intent_response_key": "faq/photos", "confidence": 0.1},
    ]
    picked = suggest(intents, faq)
    assert [s.title for s in picked] == [
        FAQ_TITLES["faq/stages"],
        FAQ_TITLES["faq/stage_gap"],
        "Make an appointment",
    ]
    assert all("emergency" not in s.payload for s in picked)


def test_low_confidence_candidates_are_not_offered() -> None:
    assert suggest([{"name": "book_appointment", "confidence": 0.01}], []) == []


def test_topic_payload_is_a_choose_topic_intent_with_json() -> None:
    payload = topic_payload("faq/stages")
    assert payload.startswith("/choose_topic{")
    assert json.loads(payload[len("/choose_topic") :]) == {"topic": "faq/stages"}


def test_titles_are_data_beside_the_answers() -> None:
    titles = load_titles()
    assert FAQ_TITLES == titles.topics and INTENT_TITLES == titles.intents
    assert something_else() == (titles.none_of_these, "/none_of_these")


def test_every_titled_intent_is_in_the_domain() -> None:
    listed = yaml.safe_load((REPO / "domain.yml").read_text())["intents"]
    intents = {item if isinstance(item, str) else next(iter(item)) for item in listed}
    assert set(INTENT_TITLES) <= intents
    assert {"faq", "none_of_these"} <= intents


def test_titles_follow_the_conversations_language_and_payloads_do_not() -> None:
    ranking = [{"name": "faq", "confidence": 0.6}, {"name": "book_appointment", "confidence": 0.3}]
    faq = [{"intent_response_key": "faq/stages", "confidence": 0.7}]
    english = suggest(ranking, faq)
    spanish = suggest(ranking, faq, language="es")
    assert [s.payload for s in spanish] == [s.payload for s in english]
    assert [s.title for s in spanish] == [
        load_titles(language="es").topics["faq/stages"],
        load_titles(language="es").intents["book_appointment"],
    ]
    assert something_else("es")[0] == load_titles(language="es").none_of_these != something_else()[0]
