"""The dialogue rules in data/rules/ that the rule layer's outcomes rely on."""

from __future__ import annotations

import yaml

from components.nlu_guard import CAUTION_INTENTS
from tests.support.content import REPO

SAFETY_RULES = REPO / "data" / "rules" / "safety.yml"


def _caution_rules() -> dict[str, list[str]]:
    """Intent -> the actions after it, for each rule that starts with the stroke_caution entity."""
    found: dict[str, list[str]] = {}
    for rule in yaml.safe_load(SAFETY_RULES.read_text())["rules"]:
        first, *rest = rule["steps"]
        if {"stroke_caution": "possible"} in (first.get("entities") or []):
            found[first["intent"]] = [step["action"] for step in rest if "action" in step]
    return found


def test_every_reading_a_symptom_with_no_time_can_have_puts_the_calm_line_first() -> None:
    rules = _caution_rules()
    assert set(rules) == CAUTION_INTENTS
    for intent, actions in rules.items():
        assert actions[0] == "utter_stroke_caution", intent
        assert len(actions) >= 2, f"{intent}: the calm line must be followed by an answer"
