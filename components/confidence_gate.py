"""Ask "Did you mean...?" instead of answering when the model is unsure of the answer it would show.

Rasa's FallbackClassifier only sees the intent classifier: a message read as ``faq`` with high
confidence passes it even when the response selector is torn between two FAQ topics, and the
visitor then reads an answer to a question they did not ask. This gate looks at the confidence of
the answer that would actually be shown: the FAQ topic's confidence for a ``faq`` reading, the
intent's confidence otherwise. Below the threshold the message becomes ``nlu_fallback``, and the
dialogue rules offer the likeliest topics as buttons (actions/faq.py), built from the rankings the
gate leaves in place.

It runs after FallbackClassifier and before SafetyOverride, so the stroke rules still have the
last word. The thresholds live in config.yml and were chosen with scripts/confidence_sweep.py on
the two held-out sets (never the blind set): see BENCHMARKS.md.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.faq_selection import RETRIEVAL_INTENT, faq_topic
from components.pipeline import StatelessComponent, is_payload

FAQ_THRESHOLD_KEY = "faq_threshold"
INTENT_THRESHOLD_KEY = "intent_threshold"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerConfidenceGate(StatelessComponent):
    """Turns an unsure reading into ``nlu_fallback``; keeps the rankings for the suggestions."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # 0.0 switches a check off
        return {FAQ_THRESHOLD_KEY: 0.0, INTENT_THRESHOLD_KEY: 0.0}

    def __init__(self, config: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(config)
        self._faq_threshold = float(self.config[FAQ_THRESHOLD_KEY])
        self._intent_threshold = float(self.config[INTENT_THRESHOLD_KEY])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_payload(message.get(TEXT) or ""):
                continue  # a button or widget payload names its intent
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent in (None, DEFAULT_NLU_FALLBACK_INTENT_NAME):
                continue
            if intent == RETRIEVAL_INTENT:
                threshold, confidence = self._faq_threshold, _topic_confidence(message)
            else:
                threshold = self._intent_threshold
                confidence = float((message.get(INTENT) or {}).get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            if confidence < threshold:
                _ask_instead(message, threshold)
        return messages


def _topic_confidence(message: Message) -> float:
    chosen = faq_topic({RESPONSE_SELECTOR_PROPERTY_NAME: message.get(RESPONSE_SELECTOR_PROPERTY_NAME)})
    return chosen.confidence if chosen else 0.0


def _ask_instead(message: Message, threshold: float) -> None:
    fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: threshold}
    ranking = [
        r
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
    ]
    message.set(INTENT, fallback, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
