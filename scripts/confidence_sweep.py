"""Choose the "Did you mean...?" thresholds of components.confidence_gate by measurement.

Parses the tuning sets once (main and fresh; never the blind set, whose scores are the check on
the choice), reads from each parse the answer the model would give before the gate and how sure
it is, and prints, for a grid of thresholds, what a visitor would get: right answers,
confident-wrong answers and "Did you mean" rate. The gate's current thresholds do not change the
figures: the rankings it leaves in place still hold the reading before it.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys

from _services import use_repo_root
from nlu_heldout import FALLBACK, TEST_SETS, load_examples

# readings the rule layer sets itself (stroke rules, other languages, unreadable input): no gate
RULE_LAYER = {"emergency", "non_english", "unreadable_message"}
FAQ_GRID = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7]
INTENT_GRID = [0.0, 0.45, 0.55, 0.65, 0.75]


def reading(parsed: dict) -> tuple[str, float, bool]:
    """(answer, confidence of that answer, whether the gate may turn it into a question)."""
    from bot.faq_selection import faq_topic

    intent = parsed["intent"]
    if intent["name"] in RULE_LAYER:
        return intent["name"], 1.0, False
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != FALLBACK]
    if not ranking:
        return intent["name"], float(intent.get("confidence") or 0.0), False
    top = ranking[0]
    if top["name"] != "faq":
        return top["name"], float(top["confidence"]), True
    chosen = faq_topic(parsed)
    return (chosen.topic, chosen.confidence, True) if chosen else ("faq", 0.0, True)


async def parse_all(texts: list[str]) -> list[dict]:
    import logging

    from _services import MODEL
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(MODEL)
    return [await agent.parse_message(text) for text in texts]


def outcome(gold: str, answer: str, confidence: float, gated: bool, faq_t: float, intent_t: float) -> str:
    threshold = faq_t if answer.startswith("faq") else intent_t
    if gated and confidence < threshold:
        return "asked"
    return "right" if answer == gold else "wrong"


def main() -> int:
    use_repo_root()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["main", "fresh"], choices=["main", "fresh"])
    args = parser.parse_args()
    examples = [pair for name in args.sets for pair in load_examples(TEST_SETS[name])]
    parses = asyncio.run(parse_all([text for text, _ in examples]))
    readings = [reading(p) for p in parses]
    n = len(examples)
    print(f"{n} messages from {', '.join(args.sets)}")
    print(f"{'faq<':>6} {'intent<':>8} {'right':>7} {'conf-wrong':>11} {'did you mean':>13}")
    for faq_t, intent_t in itertools.product(FAQ_GRID, INTENT_GRID):
        counts = {"right": 0, "wrong": 0, "asked": 0}
        for (_, gold), (answer, confidence, gated) in zip(examples, readings):
            counts[outcome(gold, answer, confidence, gated, faq_t, intent_t)] += 1
        print(
            f"{faq_t:>6.2f} {intent_t:>8.2f} {counts['right'] / n:>7.1%} "
            f"{counts['wrong'] / n:>11.1%} {counts['asked'] / n:>13.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
