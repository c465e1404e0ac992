"""An unsure answer becomes "Did you mean...?"; a sure one, a payload and the rule layer pass."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from components.confidence_gate import AnswerConfidenceGate
from components.nlu_guard import SafetyOverride

GATE = AnswerConfidenceGate({"faq_threshold": 0.5, "intent_threshold": 0.6})


def parsed(text: str, ranking: list[tuple[str, float]], topic: tuple[str, float] | None = None) -> Message:
    message = Message(data={"text": text})
    intents = [{"name": name, "confidence": conf} for name, conf in ranking]
    message.set("intent", intents[0], add_to_output=True)
    message.set("intent_ranking", intents, add_to_output=True)
    if topic is not None:
        key, confidence = topic
        selector = {"faq": {"response": {"intent_response_key": key, "confidence": confidence}}}
        message.set("response_selector", selector, add_to_output=True)
    return message


def gated(message: Message, gate: AnswerConfidenceGate = GATE) -> Message:
    gate.process([message])
    return message


def test_a_faq_reading_with_an_unsure_topic_asks_and_keeps_the_rankings() -> None:
    message = gated(
        parsed(
            "the face thing with the muscle", [("faq", 0.95), ("find_location", 0.05)], ("faq/types", 0.31)
        )
    )
    assert message.get("intent")["name"] == "nlu_fallback"
    # the suggestions are built from these: the reading before the gate is still there
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "faq", "find_location"]
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/types"


def test_a_sure_topic_is_answered_even_when_the_intent_is_less_sure() -> None:
    message = gated(parsed("what is smile surgery", [("faq", 0.55), ("greet", 0.45)], ("faq/what_is", 0.9)))
    assert message.get("intent")["name"] == "faq"


def test_other_intents_use_their_own_threshold() -> None:
    assert gated(parsed("maybe durham", [("find_location", 0.52), ("faq", 0.48)])).get("intent")["name"] == (
        "nlu_fallback"
    )
    assert (
        gated(parsed("nearest clinic to durham", [("find_location", 0.9)])).get("intent")["name"]
        == "find_location"
    )


def test_payloads_and_existing_fallbacks_pass_untouched() -> None:
    payload = gated(parsed("/choose_topic", [("choose_topic", 0.2)]))
    assert payload.get("intent")["name"] == "choose_topic"
    fallback = gated(parsed("hmm", [("nlu_fallback", 0.45), ("faq", 0.3)], ("faq/types", 0.2)))
    assert [r["name"] for r in fallback.get("intent_ranking")] == ["nlu_fallback", "faq"]


def test_zero_thresholds_switch_the_gate_off() -> None:
    off = AnswerConfidenceGate(AnswerConfidenceGate.get_default_config())
    message = gated(parsed("the face thing", [("faq", 0.4)], ("faq/types", 0.1)), off)
    assert message.get("intent")["name"] == "faq"


def test_the_stroke_rules_still_decide_after_the_gate() -> None:
    message = parsed(
        "her mouth just went crooked and she can't talk",
        [("faq", 0.5), ("emergency", 0.4)],
        ("faq/types", 0.2),
    )
    SafetyOverride().process([gated(message)])
    assert message.get("intent")["name"] == "emergency"
