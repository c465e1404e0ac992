"""Loading the project's own content for tests."""

from __future__ import annotations

from pathlib import Path

from bot import responses
from bot.responses import language_responses, load_responses

REPO = Path(__file__).resolve().parents[2]


def all_responses() -> dict[str, list[dict]]:
    """Every response of every language (responses/<lang>/*.yml) merged by name, as Rasa gets them."""
    return dict(load_responses())


def response_text(name: str, language: str = "en") -> str:
    """The text of a response's first variation in a language, as written (placeholders unfilled)."""
    return language_responses(language)[name][0]["text"]


def domain_dict() -> dict:
    """A domain dict as the action server receives it (responses included)."""
    return responses.domain_dict()
