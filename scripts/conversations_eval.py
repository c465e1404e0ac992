"""Conversation accuracy on the blind conversations (tests/blind/blind_conversations.yml) or the dev set.

Each conversation runs turn by turn through the whole assistant (model, dialogue rules and the
action server), so a follow-up is judged with the context the visitor had. A turn is right when
the assistant answered what the turn expects: the FAQ topic whose answer it sent, otherwise the
intent it understood. Asking for a clinic and giving a place count as one when the turn ran the
location search. A conversation is right when every turn is. Only the blind set's scores are ever
shown: a blind set whose misses are read becomes a training set. The dev set
(tests/dev/dev_conversations.yml) is for tuning: --errors lists its wrong turns. --check fails
below the blind set's floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import uuid
from collections import Counter

import yaml
from _services import MODEL, REPO, env, free_port, guarded_action_server, use_repo_root
from nlu_heldout import now_spoken_here, resolved_intent

os.environ.update(env())

CONVERSATION_SETS = {
    "blind": REPO / "tests" / "blind" / "blind_conversations.yml",
    "blind-es": REPO / "tests" / "blind" / "es" / "blind_conversations.yml",
    "dev": REPO / "tests" / "dev" / "dev_conversations.yml",
}
BLIND_SETS = {"blind", "blind-es"}
OUT = REPO / "results"
# A few points under the figures in BENCHMARKS.md (training is not repeatable to the point). The
# English blind conversations measured 75.0% before the Spanish data and 64.6% after (an
# English-only model on the same code: 66.7%; see BENCHMARKS.md): the floor follows the measured
# figure until that regression is won back.
CONVERSATION_FLOORS = {"blind": 0.58, "blind-es": 0.68}
FAQ_PREFIX = "utter_faq/"
LOCATION_INTENTS = {"find_location", "inform_location"}
LOCATION_ACTIONS = {"action_find_locations", "location_form"}
# Intents whose answer is a FAQ topic chosen by the dialogue, not by the parse: the topic sent is
# the answer (after an unsure reading, "Did you mean" may answer from the conversation instead
# of asking). A personal question also shows a topic's general answer, but it was still
# understood as a personal question.
TOPIC_ANSWERING_INTENTS = {"faq", "ask_followup", "choose_topic", "nlu_fallback"}


def answered(new_events: list[dict]) -> tuple[str, bool]:
    """What the assistant answered in one turn, and whether it ran the location search."""
    intent = ""
    topics, actions = [], set()
    for event in new_events:
        if event.get("event") == "user":
            parse = event.get("parse_data") or {}
            intent = resolved_intent(parse) if parse.get("intent") else ""
        elif event.get("event") == "bot":
            utter = (event.get("metadata") or {}).get("utter_action") or ""
            if utter.startswith(FAQ_PREFIX):
                topics.append("faq/" + utter[len(FAQ_PREFIX) :])
        elif event.get("event") == "action":
            actions.add(event.get("name"))
    label = topics[-1] if topics and intent.split("/")[0] in TOPIC_ANSWERING_INTENTS else intent
    return label, bool(actions & LOCATION_ACTIONS)


def turn_right(expected: str, label: str, searched: bool, text: str = "") -> bool:
    if expected in LOCATION_INTENTS and searched:
        return True
    # written when only English was spoken: a Spanish turn labelled "another language" is now
    # answered in Spanish (the Spanish sets score that), so any reading but the language reply is fine
    if now_spoken_here(text, expected):
        return label != "non_english"
    return expected == label


async def run(conversations: list[dict], action_url: str) -> list[list[tuple[bool, str]]]:
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.CRITICAL)
    configure_structlog(logging.CRITICAL)
    agent = Agent.load(MODEL, action_endpoint=EndpointConfig(url=action_url))
    results = []
    for conversation in conversations:
        sender = f"conversation-{uuid.uuid4().hex}"
        seen = 0
        turns = []
        for turn in conversation["turns"]:
            await agent.handle_text(turn["user"], sender_id=sender)
            tracker = await agent.processor.get_tracker(sender)
            events = [e.as_dict() for e in tracker.events]
            label, searched = answered(events[seen:])
            seen = len(events)
            turns.append((turn_right(turn["expect"], label, searched, turn["user"]), label))
        results.append(turns)
    return results


def score(results: list[list[bool]]) -> dict:
    turns = [ok for conversation in results for ok in conversation]
    by_position: Counter[tuple[int, bool]] = Counter(
        (min(i, 2), ok) for conversation in results for i, ok in enumerate(conversation)
    )
    return {
        "conversations": len(results),
        "conversation_accuracy": round(sum(all(c) for c in results) / len(results), 4),
        "turns": len(turns),
        "turn_accuracy": round(sum(turns) / len(turns), 4),
        # the first turn has no context; later turns lean on it
        "first_turn_accuracy": round(
            by_position[(0, True)] / max(1, by_position[(0, True)] + by_position[(0, False)]), 4
        ),
        "later_turn_accuracy": round(
            sum(n for (pos, ok), n in by_position.items() if pos > 0 and ok)
            / max(1, sum(n for (pos, _), n in by_position.items() if pos > 0)),
            4,
        ),
    }


def evaluate(name: str) -> tuple[dict, list[dict], list[list[tuple[bool, str]]]]:
    conversations = yaml.safe_load(CONVERSATION_SETS[name].read_text())["conversations"]
    port = free_port()
    with guarded_action_server(port, REPO / "var" / "conversations-action-server.log"):
        results = asyncio.run(run(conversations, f"http://127.0.0.1:{port}/webhook"))
    return score([[ok for ok, _ in turns] for turns in results]), conversations, results


def print_errors(conversations: list[dict], results: list[list[tuple[bool, str]]]) -> None:
    for conversation, turns in zip(conversations, results):
        if all(ok for ok, _ in turns):
            continue
        print(f"- {conversation.get('name', '?')}")
        for turn, (ok, label) in zip(conversation["turns"], turns):
            mark = "  " if ok else "XX"
            got = "" if ok else f"  (got {label})"
            print(f"  {mark} {turn['expect']:28} | {turn['user']}{got}")


def main() -> int:
    use_repo_root()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail below the set's floor")
    parser.add_argument("--set", choices=sorted(CONVERSATION_SETS), default="blind", help="which set")
    parser.add_argument("--errors", action="store_true", help="list the wrong turns (dev set only)")
    args = parser.parse_args()
    if args.errors and args.set in BLIND_SETS:
        parser.error("the blind set's misses are never listed: a set whose misses are read is a training set")
    report, conversations, results = evaluate(args.set)
    OUT.mkdir(exist_ok=True)
    (OUT / f"conversations_eval_{args.set}.json").write_text(json.dumps(report, indent=2))
    if args.errors:
        print_errors(conversations, results)
    print(
        f"Conversations '{args.set}': {report['conversations']}, "
        f"right {report['conversation_accuracy']:.1%}; "
        f"turns {report['turns']}, right {report['turn_accuracy']:.1%} "
        f"(first turns {report['first_turn_accuracy']:.1%}, later turns {report['later_turn_accuracy']:.1%})"
    )
    floor = CONVERSATION_FLOORS.get(args.set)
    if args.check and floor is not None and report["conversation_accuracy"] < floor:
        print(f"FAILED: conversation accuracy is below the floor {floor:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
