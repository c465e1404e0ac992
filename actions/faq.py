"""FAQ helpers: "Did you mean ...?" suggestions and answers chosen from a button."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.topics import FAQ_TITLES, SOMETHING_ELSE, suggest

SUGGEST_ACTION = "action_suggest_topics"


class ActionSuggestTopics(Action):
    """Offer the likeliest meanings as buttons; on a second miss in a row, offer help instead."""

    def name(self) -> str:
        return SUGGEST_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        parse_data = tracker.latest_message or {}
        faq_ranking = parse_data.get("response_selector", {}).get("faq", {}).get("ranking", [])
        suggestions = suggest(parse_data.get("intent_ranking", []), faq_ranking)
        if not suggestions or _previous_bot_action(tracker) == SUGGEST_ACTION:
            dispatcher.utter_message(response="utter_fallback_help")
            return []
        buttons = [{"title": s.title, "payload": s.payload} for s in suggestions]
        buttons.append({"title": SOMETHING_ELSE[0], "payload": SOMETHING_ELSE[1]})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []


class ActionAnswerTopic(Action):
    """Answer the FAQ topic named in a button payload (/choose_topic{"topic": "faq/..."})."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        topic = next(tracker.get_latest_entity_values("topic"), None)
        # entities from a typed "/choose_topic{...}" can be any JSON value, not only text
        if isinstance(topic, str) and topic in FAQ_TITLES:
            dispatcher.utter_message(response=f"utter_{topic}")
        else:
            dispatcher.utter_message(response="utter_fallback_help")
        return []


def _previous_bot_action(tracker: Tracker) -> str | None:
    """The last action run before the latest user message (ignoring action_listen)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None
