"""Human titles for the topics the assistant can suggest ("Did you mean ...?")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

FAQ_TITLES: dict[str, str] = {
    "faq/what_is": "What smile surgery is",
    "faq/causes": "What causes facial paralysis",
    "faq/types": "The two kinds of surgery",
    "faq/muscle_transfer": "Surgery for paralysis since birth",
    "faq/nerve_transfer": "Surgery after losing movement",
    "faq/stages": "One or two stages",
    "faq/stage_gap": "Time between the stages",
    "faq/approach_factors": "How the plan is chosen",
    "faq/early_evaluation": "Why timing matters",
    "faq/vs_facelift": "How it differs from a facelift",
    "faq/outcomes": "What results to expect",
    "faq/results_timeline": "How long results take",
    "faq/candidate": "Who is a candidate",
    "faq/not_candidate": "Who may not be a candidate",
    "faq/children": "Surgery for children",
    "faq/consultation_prep": "Preparing for the consultation",
    "faq/photos": "Photos and videos to bring",
    "faq/team": "The care team",
    "faq/eyes": "Help with closing the eyes",
    "faq/rehabilitation": "Therapy after surgery",
    "faq/expertise": "Why special skill is needed",
    "faq/ranking": "Hospital rankings",
    "faq/told_nothing_can_be_done": "When told nothing can be done",
}

# Other intents worth offering as a suggestion, with their button titles.
INTENT_TITLES: dict[str, str] = {
    "book_appointment": "Make an appointment",
    "ask_phone": "The phone number",
    "find_clinic": "Find a location",
    "start_checklist": "Make a checklist for the visit",
    "ask_not_covered": "Costs, insurance or hours",
    "ask_personal_advice": "Advice about my own case",
    "request_callback": "Ask for a call back",
    "ask_capabilities": "What you can help with",
    "bot_challenge": "Am I talking to a person?",
}

SOMETHING_ELSE = ("Something else", "/none_of_these")


@dataclass(frozen=True)
class Suggestion:
    title: str
    payload: str


def topic_payload(topic: str) -> str:
    """The button payload that answers one FAQ topic."""
    return "/choose_topic" + json.dumps({"topic": topic})


def suggest(
    intent_ranking: Sequence[Mapping[str, object]],
    faq_ranking: Sequence[Mapping[str, object]],
    limit: int = 3,
    min_confidence: float = 0.05,
) -> list[Suggestion]:
    """Pick up to ``limit`` likely meanings from the classifier's rankings, best first.

    ``intent_ranking`` is Rasa's intent ranking; an entry for the retrieval intent ``faq`` is
    expanded into the best FAQ topics from the response selector's ``faq_ranking``.
    Emergencies are never offered as a guess: the rule layer decides those.
    """
    picked: list[Suggestion] = []
    seen: set[str] = set()

    def add(key: str, title: str, payload: str) -> None:
        if key not in seen and len(picked) < limit:
            seen.add(key)
            picked.append(Suggestion(title, payload))

    for entry in intent_ranking:
        name = str(entry.get("name"))
        if float(entry.get("confidence") or 0.0) < min_confidence:
            continue
        if name == "faq":
            for topic in _faq_topics(faq_ranking, min_confidence):
                add(topic, FAQ_TITLES[topic], topic_payload(topic))
        elif name in INTENT_TITLES:
            add(name, INTENT_TITLES[name], f"/{name}")
    return picked


def _faq_topics(faq_ranking: Iterable[Mapping[str, object]], min_confidence: float) -> list[str]:
    topics = []
    for entry in list(faq_ranking)[:2]:
        topic = str(entry.get("intent_response_key"))
        if topic in FAQ_TITLES and float(entry.get("confidence") or 0.0) >= min_confidence:
            topics.append(topic)
    return topics
