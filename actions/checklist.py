"""Consultation checklist: reset, validation (who it is for) and the summary."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.output import send_answer
from bot.checklist import ANSWER_SLOTS, build_checklist, is_for_child

# The page's questions and photo list live once, in these FAQ responses.
QUESTIONS_RESPONSE = "utter_faq/consultation_prep"
PHOTOS_RESPONSE = "utter_faq/photos"


class ActionStartChecklist(Action):
    """Clears earlier answers so a new checklist asks every question again."""

    def name(self) -> Text:
        return "action_start_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return [SlotSet("checklist_for", None)] + [SlotSet(slot, None) for slot in ANSWER_SLOTS]


class ValidateChecklistForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_checklist_form"

    def validate_checklist_for(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        answer = value if isinstance(value, str) else ""
        return {"checklist_for": "child" if is_for_child(answer) else "self"}


class ActionShowChecklist(Action):
    """Shows the visitor's answers under the page's questions, the photo list and the phone."""

    def name(self) -> Text:
        return "action_show_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        checklist = build_checklist(
            {slot: tracker.get_slot(slot) for slot in ANSWER_SLOTS},
            for_child=tracker.get_slot("checklist_for") == "child",
            questions_text=_response_text(domain, QUESTIONS_RESPONSE),
            photos_text=_response_text(domain, PHOTOS_RESPONSE),
        )
        send_answer(dispatcher, tracker, checklist)
        return []


def _response_text(domain: Dict[Text, Any], name: str) -> str:
    variations = domain.get("responses", {}).get(name) or [{}]
    return variations[0].get("text", "")
