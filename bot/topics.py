"""The topics the assistant can suggest ("Did you mean ...?"), with their button titles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from bot.responses import load_titles
from bot.settings import DEFAULT_LANGUAGE

# Button titles are data, kept beside the answers (responses/<lang>/titles.yml). The English
# keys are the topics and intents that can be offered; the titles follow the conversation's language.
_TITLES = load_titles()
FAQ_TITLES: Mapping[str, str] = _TITLES.topics
# Other intents worth offering as a suggestion.
INTENT_TITLES: Mapping[str, str] = _TITLES.intents
NONE_OF_THESE_PAYLOAD = "/none_of_these"


def something_else(language: str | None = None) -> tuple[str, str]:
    """The last button, always offered: its title in the language, and its payload."""
    return _titles(language).none_of_these, NONE_OF_THESE_PAYLOAD


def _titles(language: str | None):
    try:
        return load_titles(language=language or DEFAULT_LANGUAGE)
    except FileNotFoundError:
        return _TITLES


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
    language: str | None = None,
) -> list[Suggestion]:
    """Pick up to ``limit`` likely meanings from the classifier's rankings, best first.

    ``intent_ranking`` is Rasa's intent ranking; an entry for the retrieval intent ``faq`` is
    expanded into the best FAQ topics from the response selector's ``faq_ranking``.
    Emergencies are never offered as a guess: the rule layer decides those.
    """
    picked: list[Suggestion] = []
    seen: set[str] = set()
    titles = _titles(language)

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
                add(topic, titles.topics[topic], topic_payload(topic))
        elif name in INTENT_TITLES:
            add(name, titles.intents[name], f"/{name}")
    return picked


def _faq_topics(faq_ranking: Iterable[Mapping[str, object]], min_confidence: float) -> list[str]:
    topics = []
    for entry in list(faq_ranking)[:2]:
        topic = str(entry.get("intent_response_key"))
        if topic in FAQ_TITLES and float(entry.get("confidence") or 0.0) >= min_confidence:
            topics.append(topic)
    return topics
