"""Location finder: the location form's validation and the search action.

The words are response templates (utter_location_* in the domain Rasa sends with each call).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.named import Named
from actions.output import send_answer
from bot.geo import GeoStatus, geocode
from bot.location_search import Outcome, search_coordinates, search_text
from bot.responses import Utterance, fill_all

MAX_FAILED_TRIES = 2
PLACE_INTENTS = {"inform_location", "find_location"}
# After the last failed try, on the same line as what went wrong.
GIVE_UP = Utterance("utter_location_give_up")
RESET_LOCATION = [
    SlotSet("location_query", None),
    SlotSet("location_attempts", 0),
    SlotSet("latitude", None),
    SlotSet("longitude", None),
]


class ValidateLocationForm(Named, FormValidationAction):
    """Checks the ZIP code or town; two failed tries end the form with the phone line."""

    NAME = "validate_location_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        if (tracker.get_slot("location_attempts") or 0) >= MAX_FAILED_TRIES:
            return []
        return domain_slots

    async def extract_location_query(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        # A misspelt town in the message that started the form ("we live in durhm") has no
        # entity; take the whole message when it places somewhere.
        if tracker.get_slot("location_query") or tracker.active_loop.get("name"):
            return {}
        message = tracker.latest_message or {}
        if (message.get("intent") or {}).get("name") not in PLACE_INTENTS:
            return {}
        text = message.get("text") or ""
        if geocode(text).has_coordinates:
            return {"location_query": text}
        return {}

    def validate_location_query(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if not isinstance(value, str) or not value.strip():
            # cleared by a reset, not typed by the visitor
            return {"location_query": None}
        text = value
        if geocode(text).status in (GeoStatus.OK_NC, GeoStatus.OUTSIDE_NC):
            return {"location_query": text}
        attempts = (tracker.get_slot("location_attempts") or 0) + 1
        problem = search_text(text)
        responses, slots = domain["responses"], tracker.current_slot_values()
        if attempts >= MAX_FAILED_TRIES:
            message = fill_all(responses, (*problem.intro, GIVE_UP), slots)
        else:
            message = problem.reply(responses, slots).to_text()
        dispatcher.utter_message(text=message)
        return {"location_query": None, "location_attempts": attempts}


class ActionFindLocations(Named, Action):
    """Shows the nearest locations for the form's place or the browser's coordinates."""

    NAME = "action_find_locations"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        latitude = _latest_entity(tracker, "latitude")
        longitude = _latest_entity(tracker, "longitude")
        if latitude is not None or longitude is not None:
            result = search_coordinates(latitude, longitude)
        else:
            query = tracker.get_slot("location_query")
            if not query:
                # the form gave up after two tries and already said so
                return RESET_LOCATION
            result = search_text(query)
        reply = result.reply(domain["responses"], tracker.current_slot_values())
        if result.outcome is Outcome.FOUND:
            send_answer(dispatcher, tracker, reply)
        else:
            dispatcher.utter_message(text=reply.to_text())
        return RESET_LOCATION


class ActionResetLocation(Named, Action):
    NAME = "action_reset_location"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        return RESET_LOCATION


def _latest_entity(tracker: Tracker, name: str) -> Optional[Any]:
    for entity in (tracker.latest_message or {}).get("entities", []):
        if entity.get("entity") == name:
            return entity.get("value")
    return None
