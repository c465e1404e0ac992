"""Consultation checklist: reset, validation (who it is for) and the summary."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.named import Named
from actions.output import send_answer
from bot.checklist import ANSWER_SLOTS, build_checklist, is_for_child
from bot.onset import onset_is_now
from bot.redaction import redact_text
from bot.responses import fill
from bot.text_checks import normalize

MAX_ANSWER_CHARS = 300

# The page's questions and photo list live once, in these FAQ responses.
QUESTIONS_RESPONSE = "utter_faq/consultation_prep"
PHOTOS_RESPONSE = "utter_faq/photos"


class ActionStartChecklist(Named, Action):
    """Clears earlier answers so a new checklist asks every question again."""

    NAME = "action_start_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        return [SlotSet("checklist_for", None)] + [SlotSet(slot, None) for slot in ANSWER_SLOTS]


class ValidateChecklistForm(Named, FormValidationAction):
    NAME = "validate_checklist_form"

    def validate_checklist_for(self, value: Any, *args: Any) -> Dict[str, Any]:
        if not isinstance(value, str) or not value.strip():
            # cleared by action_start_checklist: nothing to validate yet
            return {"checklist_for": None}
        return {"checklist_for": "child" if is_for_child(value) else "self"}

    def validate_checklist_cause(self, value: Any, *args: Any) -> Dict[str, Any]:
        return {"checklist_cause": _clean_answer(value)}

    def validate_checklist_onset(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        answer = _clean_answer(value)
        # "When did it start?" answered "this morning" or "an hour ago": the question gave the
        # symptom, so the answer alone is a new-onset stroke sign. 911 first, the form goes on.
        if isinstance(answer, str) and onset_is_now(answer):
            dispatcher.utter_message(response="utter_emergency")
            return {"checklist_onset": answer, "emergency_reported": True}
        return {"checklist_onset": answer}

    def validate_checklist_prior_treatment(self, value: Any, *args: Any) -> Dict[str, Any]:
        return {"checklist_prior_treatment": _clean_answer(value)}

    def validate_checklist_tests(self, value: Any, *args: Any) -> Dict[str, Any]:
        return {"checklist_tests": _clean_answer(value)}


class ActionShowChecklist(Named, Action):
    """Shows the visitor's answers under the page's questions, the photo list and the phone."""

    NAME = "action_show_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        responses, slots = domain["responses"], tracker.current_slot_values()
        # the slots choose each variation: the language, and the title's (checklist_for: "child")
        checklist = build_checklist(
            {slot: tracker.get_slot(slot) for slot in ANSWER_SLOTS},
            questions_text=fill(responses, QUESTIONS_RESPONSE, slots),
            photos_text=fill(responses, PHOTOS_RESPONSE, slots),
        )
        send_answer(dispatcher, tracker, checklist.reply(responses, slots))
        return []


def _clean_answer(value: Any) -> Any:
    """Answers are kept as typed, minus phone numbers and e-mail addresses, and cut to a sane size."""
    if not isinstance(value, str) or not value.strip():
        return None
    cleaned, _ = normalize(redact_text(value), MAX_ANSWER_CHARS)
    return cleaned
