"""NLU components that wrap the classifier with the rule layer from bot/.

TextNormalizer runs first: it cleans the text (control characters, length cap, personal data).
SafetyOverride runs last: the emergency rules, unreadable input and other languages decide the
intent there, after the statistical classifier, so a low-confidence intent cannot out-vote them.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import guess_non_english
from bot.redaction import redact_text
from bot.safety import Verdict, assess, mentions_symptoms
from bot.settings import Settings
from bot.text_checks import classify_special, normalize

logger = logging.getLogger(__name__)

EMERGENCY_INTENT = "emergency"
NON_ENGLISH_INTENT = "non_english"
UNREADABLE_INTENT = "unreadable_message"
# A classifier "emergency" is trusted without the rules only when it is this sure and the text
# names a symptom; otherwise questions such as "can tumor surgery cause paralysis?" got 911 text.
CLASSIFIER_EMERGENCY_MIN_CONFIDENCE = 0.9


def _is_payload(text: str) -> bool:
    # "/intent{...}" messages come from buttons and the widget; RegexMessageHandler owns them.
    return text.startswith("/")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class TextNormalizer(GraphComponent):
    """Cleans visitor text: control characters, whitespace, a length cap, phone/e-mail redaction."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"max_chars": None}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._max_chars = int(config.get("max_chars") or Settings.from_env().max_message_chars)

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TextNormalizer:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if _is_payload(text):
                continue
            cleaned, _ = normalize(redact_text(text), self._max_chars)
            message.set(TEXT, cleaned)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Train on what the classifier will see: "call me at [phone number removed]".
        self.process([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(GraphComponent):
    """Lets the rule layer decide emergencies, unreadable input and non-English messages."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyOverride:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if _is_payload(text):
                continue
            override = self._decide(text, message)
            if override is not None:
                _set_intent(message, override)
        return messages

    @staticmethod
    def _decide(text: str, message: Message) -> Optional[str]:
        if classify_special(text) is not None:
            return UNREADABLE_INTENT
        verdict = assess(text).verdict
        if verdict is Verdict.EMERGENCY:
            return EMERGENCY_INTENT
        ranking = [
            r
            for r in message.get(INTENT_RANKING_KEY) or []
            if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
        ]
        top = ranking[0] if ranking else {}
        top_is_emergency = top.get(INTENT_NAME_KEY) == EMERGENCY_INTENT
        if top_is_emergency:
            trusted = (
                verdict is not Verdict.LONGSTANDING
                and top.get(PREDICTED_CONFIDENCE_KEY, 0.0) >= CLASSIFIER_EMERGENCY_MIN_CONFIDENCE
                and mentions_symptoms(text)
            )
            # Longstanding paralysis never gets 911 text: take the next best reading.
            return EMERGENCY_INTENT if trusted else _next_best(ranking, exclude=EMERGENCY_INTENT)
        if guess_non_english(text):
            return NON_ENGLISH_INTENT
        return None


# When an "emergency" reading is overruled, only these readings may replace it: a message about
# symptoms must not turn into a location search or a booking.
SAFE_DOWNGRADES = {
    "faq",
    "ask_personal_advice",
    "ask_not_covered",
    "bot_challenge",
    "ask_capabilities",
    "greet",
    "thank",
    "goodbye",
}


def _next_best(ranking: List[Dict[str, Any]], exclude: str) -> str:
    for candidate in ranking[:4]:
        name = candidate.get(INTENT_NAME_KEY)
        if name != exclude and name in SAFE_DOWNGRADES:
            return name
    return "faq"


def _set_intent(message: Message, name: str) -> None:
    current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    if current == name:
        return
    logger.debug("Rule layer sets intent %s (classifier said %s)", name, current)
    intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
