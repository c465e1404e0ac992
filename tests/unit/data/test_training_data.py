"""The training data: no test message in it, every intent with enough examples, the layout by topic."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import pytest
import yaml

from bot.responses import language_responses
from tests.support.content import REPO

NLU = REPO / "data" / "nlu"
LANGUAGES = ("en", "es")
# Issue 12: "expect 60+ per FAQ topic"; the other intents need fewer words to tell apart.
MIN_FAQ_EXAMPLES = 60
MIN_OTHER_EXAMPLES = 30
# Intents that come only from the rule layer or from buttons, never typed as such.
RULE_LAYER_ONLY = {"unreadable_message", "choose_topic", "none_of_these", "share_location"}


@cache
def _load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _fold(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def examples(path: Path) -> Iterator[tuple[str, str]]:
    """(intent, text) for every example of a Rasa NLU file."""
    for block in _load(path).get("nlu", []):
        for line in block.get("examples", "").splitlines():
            if line.strip().startswith("- "):
                yield block.get("intent", ""), line.strip()[2:]


def training_examples() -> Counter[str]:
    """Examples per intent (faq/<topic> counted per topic), over every language folder."""
    return Counter(intent for path in NLU.rglob("*.yml") for intent, _ in examples(path))


@lru_cache(maxsize=1)
def training_texts() -> frozenset[str]:
    return frozenset(_fold(text) for path in NLU.rglob("*.yml") for _, text in examples(path))


@lru_cache(maxsize=1)
def test_sets() -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    for path in (REPO / "tests" / "nlu").glob("*.yml"):
        sets[path.name] = [text for _, text in examples(path)]
    for blind in (REPO / "tests" / "blind", REPO / "tests" / "blind" / "es"):
        where = "blind" if blind.name == "blind" else f"blind {blind.name}"
        sets[f"{where} messages"] = [m["text"] for m in _load(blind / "blind_messages.yml")["messages"]]
        sets[f"{where} conversations"] = [
            turn["user"]
            for conversation in _load(blind / "blind_conversations.yml")["conversations"]
            for turn in conversation["turns"]
        ]
    for path in (REPO / "tests" / "safety").glob("*.yml"):
        sets[path.name] = [case["text"] for case in _load(path)["cases"]]
    return sets


test_sets.__test__ = False  # a loader, not a test


@pytest.mark.parametrize("name", sorted(test_sets()))
def test_no_test_message_is_in_the_training_data(name: str) -> None:
    training = training_texts()
    # Only how many: the blind sets' texts are never shown (read, they would become training data).
    leaked = sum(_fold(text) in training for text in test_sets()[name] if len(_fold(text).split()) > 2)
    assert leaked == 0, (
        f"{leaked} messages of {name} are also training examples: remove them from data/nlu "
        "(by matching, without reading the blind sets' texts)"
    )


def test_every_intent_has_enough_examples() -> None:
    domain_intents = yaml.safe_load((REPO / "domain.yml").read_text())["intents"]
    faq_topics = [name[len("utter_") :] for name in language_responses("en") if name.startswith("utter_faq/")]
    counts = training_examples()
    short = {topic: counts[topic] for topic in faq_topics if counts[topic] < MIN_FAQ_EXAMPLES}
    short |= {
        intent: counts[intent]
        for intent in domain_intents
        if intent not in RULE_LAYER_ONLY and intent != "faq" and counts[intent] < MIN_OTHER_EXAMPLES
    }
    assert not short


def test_training_data_is_kept_per_language() -> None:
    assert sorted(p.name for p in NLU.iterdir()) == sorted(LANGUAGES)
