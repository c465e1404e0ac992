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
    ranking = [("emergency", 0.97), ("find_location", 0.02), ("faq", 0.01)]
    assert decide("my face droops since a stroke 3 years ago, can this help?", ranking) == "faq"


def test_a_classifier_only_emergency_needs_a_symptom_and_high_confidence() -> None:
    assert decide("can taking out a tumor cause paralysis", [("emergency", 0.95), ("faq", 0.05)]) == "faq"
    # words the rules do not know: a sure classifier makes it an emergency, an unsure one does not
    assert (
        decide("grandpa's face is doing something odd", [("emergency", 0.95), ("faq", 0.05)]) == "emergency"
    )
    assert decide("grandpa's face is doing something odd", [("faq", 0.6), ("emergency", 0.4)]) == "faq"
    # a symptom the rules recognise but cannot date keeps the calm line, however sure the classifier
    assert decide("my dad's face looks wrong", [("emergency", 0.95), ("faq", 0.05)]) == "faq"
    # a plea for help with a facial sign is an emergency for the rules alone
    assert decide("help my dad's face looks wrong", [("faq", 0.6), ("emergency", 0.4)]) == "emergency"
    assert decide("help my dad can't move his face", [("emergency", 0.95), ("faq", 0.05)]) == "emergency"


def entities(text: str, ranking: list[tuple[str, float]]) -> dict[str, str]:
    message = classified(text, ranking)
    SafetyOverride().process([message])
    return {e["entity"]: e["value"] for e in message.get("entities") or []}


def test_a_symptom_with_no_time_is_marked_for_the_caution_line() -> None:
    assert entities("how do I fix my drooping face?", [("faq", 0.9)])["stroke_caution"] == "possible"
    assert "stroke_caution" not in entities("what is smile surgery", [("faq", 0.9)])
    assert "stroke_caution" not in entities("my face has drooped since 2019", [("faq", 0.9)])


def test_a_symptom_with_no_time_under_another_reading_is_a_personal_question() -> None:
    assert decide("my face droops, thanks", [("thank", 0.9)]) == "ask_personal_advice"


def test_a_spanish_emergency_is_answered_in_spanish() -> None:
    ranking = [("non_english", 0.5), ("faq", 0.5)]
    assert decide("mi esposo tiene la boca chueca desde hace una hora", ranking) == "emergency"
    assert entities("mi esposo tiene la boca chueca desde hace una hora", ranking) == {"language": "es"}


def test_payloads_from_buttons_are_left_alone() -> None:
    ranking = [("share_location", 1.0)]
    assert decide('/share_location{"latitude": 35.9, "longitude": -78.9}', ranking) == "share_location"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("😀😀", "unreadable_message"),
        ("", "unreadable_message"),
        ("bonjour, j'ai besoin d'aide", "non_english"),
    ],  # noqa: E501
)
def test_unreadable_and_other_languages(text: str, intent: str) -> None:
    assert decide(text, [("greet", 0.9)]) == intent


def test_the_normalizer_cuts_cleans_and_redacts() -> None:
    message = Message(data={"text": "<b>call</b> me at 919-555-0134\x00 " + "x" * 5000})
    TextNormalizer({"max_chars": 200}).process([message])
    text = message.get("text")
    assert len(text) <= 200
    assert "<b>" not in text and "\x00" not in text and "555" not in text


def test_another_language_the_classifier_reads_as_an_emergency_gets_the_language_reply(monkeypatch) -> None:
    # not a stroke sign by the rules: "no hablo bien ingles" is about English, not speech
    ranking = [("emergency", 0.8), ("faq", 0.2)]
    assert decide("disculpe, no hablo bien ingles", ranking) == "faq"  # Spanish is spoken here
    monkeypatch.setenv("LANGUAGES", "en")
    assert decide("disculpe, no hablo bien ingles", ranking) == "non_english"
    # a real emergency in Spanish still gets 911 first
    assert decide("mi papá tiene la boca chueca desde hace una hora", ranking) == "emergency"


def test_the_language_a_message_is_clearly_in_becomes_the_conversations() -> None:
    assert entities("¿qué es la cirugía de la sonrisa?", [("faq", 0.9)])["language"] == "es"
    assert entities("what is smile surgery", [("faq", 0.9)])["language"] == "en"
    # too short or no words of either: the conversation keeps its language
    assert "language" not in entities("27705", [("inform_location", 0.9)])
    assert "language" not in entities("ok", [("affirm", 0.9)])


def test_spanish_is_never_another_language_while_it_is_spoken(monkeypatch) -> None:
    assert decide("hola, necesito ayuda", [("non_english", 0.7), ("greet", 0.2)]) == "greet"
    monkeypatch.setenv("LANGUAGES", "en")
    assert decide("hola, necesito ayuda", [("greet", 0.9)]) == "non_english"
    assert entities("hola, necesito ayuda", [("greet", 0.9)]) == {"languages_offered": "en"}


def test_the_reply_to_another_language_offers_the_languages_spoken() -> None:
    found = entities("bonjour, je cherche un chirurgien", [("greet", 0.9)])
    assert found == {"languages_offered": "en,es"}
