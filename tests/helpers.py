"""Loading the project's own content for tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def all_responses() -> dict[str, list[dict]]:
    """Every response in domain.yml and data/responses/*.yml, by name."""
    responses: dict[str, list[dict]] = {}
    for path in [REPO / "domain.yml", *sorted((REPO / "data" / "responses").glob("*.yml"))]:
        responses.update(yaml.safe_load(path.read_text()).get("responses", {}))
    return responses


def response_text(name: str) -> str:
    return all_responses()[name][0]["text"]


def domain_dict() -> dict:
    """A domain dict as the action server receives it (responses included)."""
    domain = yaml.safe_load((REPO / "domain.yml").read_text())
    domain["responses"] = dict(all_responses())
    return domain
