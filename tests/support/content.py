"""Loading the project's own content for tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.responses import load_responses

REPO = Path(__file__).resolve().parents[2]


def all_responses() -> dict[str, list[dict]]:
    """Every response in domain.yml and data/responses/*.yml, by name (bot.responses reads them)."""
    return dict(load_responses())


def response_text(name: str) -> str:
    """The text of a response's first variation, as written (placeholders unfilled)."""
    return load_responses()[name][0]["text"]


def domain_dict() -> dict:
    """A domain dict as the action server receives it (responses included)."""
    domain = yaml.safe_load((REPO / "domain.yml").read_text())
    domain["responses"] = dict(all_responses())
    return domain
