"""NLU components that wrap the classifier with the rule layer from bot/.

TextNormalizer runs first: it cleans the text (control characters, length cap, personal data).
SafetyOverride runs last: the emergency rules, unreadable input and other languages decide the
intent there, after the statistical classifier, so a low-confidence intent cannot out-vote them.
It also tags the language a message is clearly written in (the ``language`` entity, which sets the
conversation's slot, so replies follow the visitor's language from then on).
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import guess_non_english, written_in
from bot.redaction import redact_text
from bot.safety import SafetyAssessment, Verdict, decide
from bot.settings import Settings
from bot.text_checks import classify_special, normalize
from bot.typos import warm_up as warm_up_typos
from components.pipeline import StatelessComponent, is_payload

logger = logging.getLogger(__name__)

EMERGENCY_INTENT = "emergency"
NON_ENGLISH_INTENT = "non_english"
UNREADABLE_INTENT = "unreadable_message"
CAUTION_ENTITY = "stroke_caution"
SAFETY_KEY = "safety"
LANGUAGE_ENTITY = "language"
# On a message in a language the assistant does not hold conversations in: which ones it does
# ("en" or "en,es"), so the reply offers exactly those.
OFFERED_ENTITY = "languages_offered"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class TextNormalizer(StatelessComponent):
    """Cleans visitor text: control characters, whitespace, a length cap, phone/e-mail redaction."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"max_chars": None}

    def __init__(self, config: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(config)
        self._max_chars = int(self.config["max_chars"] or Settings.from_env().max_message_chars)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if is_payload(text):
                continue
            cleaned, _ = normalize(redact_text(text), self._max_chars)
            message.set(TEXT, cleaned)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Train on what the classifier will see: "call me at [phone number removed]".
        self.process([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(StatelessComponent):
    """Lets the rule layer decide emergencies, unreadable input and non-English messages.

    The stroke decision itself lives in bot/safety.py (``decide``); this adapter only feeds it
    the classifier's ``emergency`` confidence and writes the outcome into the parse: the
    ``emergency`` intent, or the ``stroke_caution`` entity for a symptom with no time (the
    dialogue rules then put the calm 911 line before the answer), and the ``language`` entity so
    a Spanish emergency is answered in Spanish too.
    """

    def __init__(self, config: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(config)
        warm_up_typos()  # build the misspelling table now, not on the first visitor's message
        self._languages = Settings.from_env().languages

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if is_payload(text):
                continue
            if classify_special(text) is not None:
                _set_intent(message, UNREADABLE_INTENT)
                continue
            ranking = [
                r
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
            ]
            classifier_emergency = _confidence(ranking, EMERGENCY_INTENT)
            assessment = decide(text, classifier_emergency)
            # why 911 was or was not sent, kept with the message in the tracker for operators
            message.set(
                SAFETY_KEY,
                {
                    "verdict": assessment.verdict.value,
                    "reason": assessment.reason,
                    "classifier_emergency": round(classifier_emergency, 3),
                },
                add_to_output=True,
            )
            language = written_in(text)
            intent = self._intent(text, language, message, ranking, assessment)
            if intent is not None:
                _set_intent(message, intent)
            if intent == NON_ENGLISH_INTENT:
                _add_entity(message, OFFERED_ENTITY, ",".join(self._languages))
            if assessment.spanish and assessment.verdict in (Verdict.EMERGENCY, Verdict.POSSIBLE):
                # the 911 lines are bilingual whatever LANGUAGES says
                _add_entity(message, LANGUAGE_ENTITY, "es")
            elif language in self._languages:
                _add_entity(message, LANGUAGE_ENTITY, language)
            if assessment.verdict is Verdict.POSSIBLE:
                current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
                if current not in CAUTION_INTENTS:
                    _set_intent(message, "ask_personal_advice")
                _add_entity(message, CAUTION_ENTITY, Verdict.POSSIBLE.value)
        return messages

    def _intent(
        self,
        text: str,
        language: Optional[str],
        message: Message,
        ranking: List[Dict[str, Any]],
        assessment: SafetyAssessment,
    ) -> Optional[str]:
        if assessment.verdict is Verdict.EMERGENCY:
            return EMERGENCY_INTENT
        # Before any other reading: "disculpe, no hablo bien ingles" sounds like a Spanish speech
        # symptom to the classifier; with Spanish off it is a message the answers cannot serve.
        if guess_non_english(text) and language not in self._languages:
            return NON_ENGLISH_INTENT
        top = ranking[0].get(INTENT_NAME_KEY) if ranking else None
        if top == NON_ENGLISH_INTENT:
            # a message in a language the assistant speaks: its next reading, never "other language"
            return _next_reading(ranking, exclude=NON_ENGLISH_INTENT)
        if top == EMERGENCY_INTENT or (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == EMERGENCY_INTENT:
            # Not an emergency by the decision (old paralysis, a question about strokes):
            # take the next best reading, never a location search.
            return _next_best(ranking, exclude=EMERGENCY_INTENT)
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

# Intents whose answer the calm 911 line can precede (data/rules/safety.yml has a rule for each);
# a symptom with no time under any other reading is answered as a personal question. An unsure
# reading too: "how do I fix my drooping face?" gets the calm line and the page's general answer
# with the consultation line, not "Did you mean...?" buttons after the warning.
CAUTION_INTENTS = {
    "faq",
    "ask_personal_advice",
    "ask_not_covered",
    "out_of_scope",
    "non_english",
    "find_location",
    "book_appointment",
    "ask_phone",
    "request_callback",
}


def _confidence(ranking: List[Dict[str, Any]], name: str) -> float:
    return next(
        (float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0) for r in ranking if r.get(INTENT_NAME_KEY) == name),
        0.0,
    )


def _next_best(ranking: List[Dict[str, Any]], exclude: str) -> str:
    for candidate in ranking[:4]:
        name = candidate.get(INTENT_NAME_KEY)
        if name != exclude and name in SAFE_DOWNGRADES:
            return name
    return "faq"


def _next_reading(ranking: List[Dict[str, Any]], exclude: str) -> str:
    names = [r.get(INTENT_NAME_KEY) for r in ranking]
    return next((n for n in names if n not in (exclude, EMERGENCY_INTENT)), DEFAULT_NLU_FALLBACK_INTENT_NAME)


def _add_entity(message: Message, name: str, value: str) -> None:
    entities = [e for e in message.get(ENTITIES) or [] if e.get(ENTITY_ATTRIBUTE_TYPE) != name]
    entities.append(
        {ENTITY_ATTRIBUTE_TYPE: name, ENTITY_ATTRIBUTE_VALUE: value, "extractor": "SafetyOverride"}
    )
    message.set(ENTITIES, entities, add_to_output=True)


def _set_intent(message: Message, name: str) -> None:
    current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    if current == name:
        return
    logger.debug("Rule layer sets intent %s (classifier said %s)", name, current)
    intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
