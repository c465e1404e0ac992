"""The rule layer inside the NLU pipeline decides over the classifier where it must."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.nlu_guard import SafetyOverride, TextNormalizer


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    message = Message(data={"text": text})
    intents = [{"name": name, "confidence": conf} for name, conf in ranking]
    message.set("intent", intents[0], add_to_output=True)
    message.set("intent_ranking", intents, add_to_output=True)
    return message


def decide(text: str, ranking: list[tuple[str, float]]) -> str:
    message = classified(text, ranking)
    SafetyOverride().process([message])
    return message.get("intent")["name"]


def test_rules_make_an_unsure_classifier_say_emergency() -> None:
    ranking = [("nlu_fallback", 0.45), ("faq", 0.3), ("emergency", 0.1)]
    assert decide("my mom's face just started drooping", ranking) == "emergency"


def test_longstanding_overrules_a_confident_emergency_reading() -> None:
    ranking = [("emergency", 0.97), ("find_clinic", 0.02), ("faq", 0.01)]
    assert decide("my face droops since a stroke 3 years ago, can this help?", ranking) == "faq"


def test_a_classifier_only_emergency_needs_a_symptom_and_high_confidence() -> None:
    assert decide("can taking out a tumor cause paralysis", [("emergency", 0.95), ("faq", 0.05)]) == "faq"
    assert decide("help my dad's face looks wrong", [("emergency", 0.95), ("faq", 0.05)]) == "faq"
    assert decide("help my dad can't move his face", [("emergency", 0.95), ("faq", 0.05)]) == "emergency"


def test_payloads_from_buttons_are_left_alone() -> None:
    ranking = [("share_location", 1.0)]
    assert decide('/share_location{"latitude": 35.9, "longitude": -78.9}', ranking) == "share_location"


@pytest.mark.parametrize(
    "text,intent",
    [("😀😀", "unreadable_message"), ("", "unreadable_message"), ("hola, necesito ayuda", "non_english")],
)
def test_unreadable_and_other_languages(text: str, intent: str) -> None:
    assert decide(text, [("greet", 0.9)]) == intent


def test_the_normalizer_cuts_cleans_and_redacts() -> None:
    message = Message(data={"text": "<b>call</b> me at 919-555-0134\x00 " + "x" * 5000})
    TextNormalizer({"max_chars": 200}).process([message])
    text = message.get("text")
    assert len(text) <= 200
    assert "<b>" not in text and "\x00" not in text and "555" not in text
