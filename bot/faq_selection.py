"""Which FAQ topic a Rasa parse chose, and how sure the response selector is: read in one place.

Rasa puts the retrieval intent's result under ``parse["response_selector"]["faq"]``: ``response``
is the selector's pick (``intent_response_key`` such as "faq/stages", with its ``confidence``) and
``ranking`` the topics it weighed, best first. The selector answers whatever the intent classifier
said, so callers decide whether the parse's intent was ``faq`` at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

# The retrieval intent (config.yml, ResponseSelector ``retrieval_intent``).
RETRIEVAL_INTENT = "faq"


class FaqTopic(NamedTuple):
    """A FAQ topic (``faq/<topic>``) and the response selector's confidence in it."""

    topic: str
    confidence: float


def faq_topic(parse: Mapping[str, Any]) -> FaqTopic | None:
    """The topic the response selector chose for ``parse`` and its confidence; None if it chose none.

    Tolerates missing or malformed parts (a parse without a selector, a confidence that is not a
    number counts as 0.0), since parse data also arrives from outside in action calls and logs.
    """
    response = _mapping(_selector(parse).get("response"))
    topic = response.get("intent_response_key")
    if not topic:
        return None
    return FaqTopic(str(topic), _confidence(response.get("confidence")))


def faq_ranking(parse: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The topics the response selector weighed for ``parse``, best first, as Rasa lists them."""
    ranking = _selector(parse).get("ranking")
    if not isinstance(ranking, list):
        return []
    return [entry for entry in ranking if isinstance(entry, Mapping)]


def _selector(parse: Mapping[str, Any]) -> Mapping[str, Any]:
    return _mapping(_mapping(parse.get("response_selector")).get(RETRIEVAL_INTENT))


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _confidence(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
