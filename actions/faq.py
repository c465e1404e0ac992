"""FAQ helpers: "Did you mean ...?" suggestions, answers chosen from a button, follow-ups that lean
on the previous answer, and personal questions answered with what the page says in general."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.named import Named
from bot.faq_selection import faq_ranking, faq_topic
from bot.followup import followup_topic, related_topics
from bot.topics import FAQ_TITLES, something_else, suggest

SUGGEST_ACTION = "action_suggest_topics"
FAQ_RESPONSE_PREFIX = "utter_faq/"
# The response selector's confidence above which a personal question is clearly about one topic
# (below it the general line about candidacy stands alone).
PERSONAL_TOPIC_MIN_CONFIDENCE = 0.5
# Right after a FAQ answer, an unsure reading that stays on that part of the page is answered
# rather than asked about, when the response selector gives it at least this much.
CONTEXT_MIN_CONFIDENCE = 0.2


class ActionSuggestTopics(Named, Action):
    """Offer the likeliest meanings as buttons; on a second miss in a row, offer help instead.

    Right after a FAQ answer, an unsure reading that stays on that part of the page ("and who
    isn't?" after who is a candidate) is answered: the conversation is the missing evidence.
    """

    NAME = SUGGEST_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        previous = last_faq_topic(tracker, in_previous_turn=True)
        chosen = faq_topic(tracker.latest_message or {})
        if (
            previous
            and chosen
            and chosen.confidence >= CONTEXT_MIN_CONFIDENCE
            and chosen.topic in related_topics(previous)
            and chosen.topic in FAQ_TITLES
        ):
            dispatcher.utter_message(response=f"utter_{chosen.topic}")
            return []
        _suggest_topics(dispatcher, tracker)
        return []


class ActionAnswerFollowup(Named, Action):
    """Answer "who does that?", "the second one?" within the topic the visitor just read about."""

    NAME = "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        topic = followup_topic(last_faq_topic(tracker), (tracker.latest_message or {}).get("text") or "")
        if topic in FAQ_TITLES:
            dispatcher.utter_message(response=f"utter_{topic}")
        else:
            _suggest_topics(dispatcher, tracker)
        return []


class ActionAnswerPersonalAdvice(Named, Action):
    """No personal advice, but not only a refusal: what the page says in general, then the phone line."""

    NAME = "action_answer_personal_advice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        chosen = faq_topic(tracker.latest_message or {})
        if chosen and chosen.topic in FAQ_TITLES and chosen.confidence >= PERSONAL_TOPIC_MIN_CONFIDENCE:
            dispatcher.utter_message(response="utter_personal_advice_general")
            dispatcher.utter_message(response=f"utter_{chosen.topic}")
            dispatcher.utter_message(response="utter_personal_advice_consultation")
        else:
            dispatcher.utter_message(response="utter_personal_advice")
        return []


class ActionAnswerTopic(Named, Action):
    """Answer the FAQ topic named in a button payload (/choose_topic{"topic": "faq/..."})."""

    NAME = "action_answer_topic"

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


def last_faq_topic(tracker: Tracker, in_previous_turn: bool = False) -> str | None:
    """The FAQ topic of the last answer the visitor was shown, if any.

    With ``in_previous_turn``, only an answer given since the visitor's previous message counts.
    """
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if in_previous_turn and users == 2:
                return None
        elif event.get("event") == "bot" and (users == 1 or not in_previous_turn):
            utter = (event.get("metadata") or {}).get("utter_action") or ""
            if utter.startswith(FAQ_RESPONSE_PREFIX):
                return utter[len("utter_") :]
    return None


def _suggest_topics(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    parse_data = tracker.latest_message or {}
    language = tracker.get_slot("language")
    suggestions = suggest(parse_data.get("intent_ranking", []), faq_ranking(parse_data), language=language)
    if not suggestions or _previous_bot_action(tracker) == SUGGEST_ACTION:
        dispatcher.utter_message(response="utter_fallback_help")
        return
    buttons = [{"title": s.title, "payload": s.payload} for s in suggestions]
    title, payload = something_else(language)
    buttons.append({"title": title, "payload": payload})
    dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)


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
