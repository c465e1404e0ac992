"""Find content gaps from real use: the messages the assistant was unsure about, most frequent first.

Reads the tracker store's ``events`` table (TRACKER_STORE_URL, default var/tracker.db) through
SQLAlchemy Core, or a JSONL file of logged messages, and lists the visitor messages that led to
"Did you mean...?" (nlu_fallback), that the classifier or the FAQ response selector scored below
a threshold, or that no rule could answer (action_default_fallback). Grouped by text, most
frequent first, with the assistant's best guess: material to grow the held-out test set
(tests/nlu/test_nlu.yml) and the answers. Needs no Rasa server and no trained model.

    python -m bot.review [--db URL | --file FILE] [--threshold 0.6] [--limit 50]
                         [--days N] [--format table|json|nlu-yaml]

A JSONL line may be a Rasa user event ({"event": "user", "text": ..., "parse_data": {...}}), a
parse result as /model/parse returns it ({"text": ..., "intent": {...}, "intent_ranking": [...]}),
or a flat record ({"text": ..., "intent": "name", "confidence": 0.4}).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from bot.faq_selection import RETRIEVAL_INTENT, faq_topic
from bot.settings import Settings

EVENTS_TABLE = "events"
FALLBACK_INTENT = "nlu_fallback"
CORE_FALLBACK_ACTION = "action_default_fallback"
DEFAULT_THRESHOLD = 0.6
SECONDS_PER_DAY = 86_400

FALLBACK = "fallback"
LOW_CONFIDENCE = "low confidence"
UNSURE_TOPIC = "unsure FAQ topic"
NO_RULE = "no rule matched"


@dataclass(frozen=True)
class LoggedMessage:
    """One visitor message with what the NLU made of it."""

    text: str
    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...] = ()
    faq_topic: str | None = None
    faq_confidence: float | None = None
    sender_id: str | None = None
    timestamp: float | None = None
    core_fallback: bool = False


@dataclass
class ReviewItem:
    """Messages with the same (normalised) text, and why they need a look."""

    text: str
    count: int = 0
    senders: set[str] = field(default_factory=set)
    reasons: Counter = field(default_factory=Counter)
    guesses: Counter = field(default_factory=Counter)
    confidence_sum: float = 0.0
    last_seen: float | None = None

    @property
    def best_guess(self) -> str:
        return self.guesses.most_common(1)[0][0] if self.guesses else ""

    @property
    def mean_confidence(self) -> float:
        return self.confidence_sum / self.count if self.count else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "count": self.count,
            "conversations": len(self.senders),
            "reasons": dict(self.reasons.most_common()),
            "best_guess": self.best_guess,
            "mean_confidence": round(self.mean_confidence, 3),
            "last_seen": self.last_seen,
        }


def parse_message(record: Mapping[str, Any]) -> LoggedMessage | None:
    """A :class:`LoggedMessage` from a Rasa user event, a parse result or a flat record.

    Returns None for records that are not visitor messages, and for button payloads
    ("/intent{...}"), which the classifier never sees.
    """
    if record.get("event") not in (None, "user"):
        return None
    parse = record.get("parse_data") or record
    message_text = record.get("text") or parse.get("text")
    if not isinstance(message_text, str) or not message_text.strip() or message_text.startswith("/"):
        return None
    intent = parse.get("intent")
    if isinstance(intent, Mapping):
        name = str(intent.get("name") or "")
        confidence = _number(intent.get("confidence"))
    else:
        name = str(intent or "")
        confidence = _number(parse.get("confidence"))
    ranking = tuple(
        (str(entry.get("name")), _number(entry.get("confidence")))
        for entry in parse.get("intent_ranking") or []
        if isinstance(entry, Mapping)
    )
    chosen = faq_topic(parse)
    timestamp = record.get("timestamp")
    return LoggedMessage(
        text=message_text,
        intent=name,
        confidence=confidence,
        ranking=ranking,
        faq_topic=chosen.topic if chosen else None,
        faq_confidence=chosen.confidence if chosen else None,
        sender_id=record.get("sender_id"),
        timestamp=float(timestamp) if isinstance(timestamp, (int, float)) else None,
    )


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def best_guess(message: LoggedMessage) -> tuple[str, float]:
    """The best reading other than the fallback (a FAQ reading names its topic) and its confidence."""
    name, confidence = message.intent, message.confidence
    if name == FALLBACK_INTENT or not name:
        name, confidence = next(((n, c) for n, c in message.ranking if n != FALLBACK_INTENT), ("", 0.0))
    if name == RETRIEVAL_INTENT and message.faq_topic:
        name = message.faq_topic
    return name, confidence


def review_reasons(message: LoggedMessage, threshold: float) -> list[str]:
    """Why a message needs a look (an empty list: it does not)."""
    reasons = []
    if message.intent == FALLBACK_INTENT:
        reasons.append(FALLBACK)
    elif message.confidence < threshold:
        reasons.append(LOW_CONFIDENCE)
    if (
        best_guess(message)[0].startswith(RETRIEVAL_INTENT + "/")
        and message.faq_confidence is not None
        and message.faq_confidence < threshold
    ):
        reasons.append(UNSURE_TOPIC)
    if message.core_fallback:
        reasons.append(NO_RULE)
    return reasons


def normalise(message_text: str) -> str:
    """The grouping key: case, spacing and trailing punctuation do not matter."""
    return re.sub(r"\s+", " ", message_text.casefold()).strip().rstrip("?!.,;: ")


def collect(
    messages: Iterable[LoggedMessage], threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[ReviewItem], int]:
    """Group the messages that need a look, most frequent first; also returns how many were read."""
    items: dict[str, ReviewItem] = {}
    total = 0
    for message in messages:
        total += 1
        reasons = review_reasons(message, threshold)
        if not reasons:
            continue
        key = normalise(message.text)
        item = items.setdefault(key, ReviewItem(text=message.text))
        item.count += 1
        if message.sender_id:
            item.senders.add(message.sender_id)
        item.reasons.update(reasons)
        guess, confidence = best_guess(message)
        item.guesses[guess] += 1
        item.confidence_sum += confidence
        if message.timestamp is not None and (item.last_seen is None or message.timestamp >= item.last_seen):
            item.last_seen = message.timestamp
            item.text = message.text
    ranked = sorted(items.values(), key=lambda i: (-i.count, -len(i.senders), i.mean_confidence, i.text))
    return ranked, total


def messages_from_records(records: Iterable[Mapping[str, Any]]) -> Iterator[LoggedMessage]:
    """Visitor messages from events or parse results in conversation order.

    A message is marked ``core_fallback`` when the next action in the same conversation is
    action_default_fallback (no rule matched).
    """
    pending: LoggedMessage | None = None
    for record in records:
        if record.get("event") == "action":
            if (
                pending is not None
                and record.get("sender_id") == pending.sender_id
                and record.get("name") == CORE_FALLBACK_ACTION
            ):
                pending = replace(pending, core_fallback=True)
            continue
        message = parse_message(record)
        if message is None:
            continue
        if pending is not None:
            yield pending
        pending = message
    if pending is not None:
        yield pending


def messages_from_database(url: str, since: float | None = None) -> Iterator[LoggedMessage]:
    """Visitor messages from a tracker store's ``events`` table, in conversation order."""
    engine = create_engine(url, future=True)
    try:
        if not inspect(engine).has_table(EVENTS_TABLE):
            return
        query = (
            f"SELECT sender_id, type_name, action_name, timestamp, data FROM {EVENTS_TABLE} "
            "WHERE type_name IN ('user', 'action')"
            + (" AND timestamp >= :since" if since is not None else "")
            + " ORDER BY sender_id, id"
        )
        with engine.connect() as connection:
            rows = connection.execution_options(stream_results=True).execute(
                text(query), {"since": since} if since is not None else {}
            )
            yield from messages_from_records(_event_records(rows))
    finally:
        engine.dispose()


def _event_records(rows: Iterable[Sequence[Any]]) -> Iterator[dict[str, Any]]:
    for sender_id, type_name, action_name, timestamp, data in rows:
        if type_name == "action":
            yield {"event": "action", "name": action_name, "sender_id": sender_id}
            continue
        try:
            record = json.loads(data or "{}")
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            record.setdefault("sender_id", sender_id)
            record.setdefault("timestamp", timestamp)
            yield record


def messages_from_file(path: Path, since: float | None = None) -> Iterator[LoggedMessage]:
    """Visitor messages from a JSONL file; lines that are neither messages nor actions are skipped."""
    for message in messages_from_records(_file_records(path)):
        if since is None or message.timestamp is None or message.timestamp >= since:
            yield message


def _file_records(path: Path) -> Iterator[Mapping[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, Mapping):
                yield record


def format_table(items: Sequence[ReviewItem], shown: int, total: int, threshold: float) -> str:
    """``items``: every item found; the first ``shown`` are listed."""
    flagged = sum(i.count for i in items)
    lines = [
        f"{flagged} of {total} visitor messages need a look (fallback, or confidence below "
        f"{threshold:g}); {min(shown, len(items))} of {len(items)} distinct texts shown, "
        "most frequent first.",
    ]
    if not items:
        return lines[0]
    lines.append(f"{'count':>5} {'convs':>5}  {'conf':>4}  {'best guess':<28} {'why':<24} text")
    for item in items[:shown]:
        why = ", ".join(item.reasons)
        lines.append(
            f"{item.count:>5} {len(item.senders):>5}  {item.mean_confidence:4.2f}  "
            f"{item.best_guess[:28]:<28} {why[:24]:<24} {_one_line(item.text, 100)}"
        )
    return "\n".join(lines)


def format_nlu_yaml(items: Sequence[ReviewItem]) -> str:
    """A draft for tests/nlu/test_nlu.yml, grouped by the assistant's best guess.

    The guesses are the assistant's, not the truth: a person checks every line before it goes in.
    """
    by_guess: dict[str, list[str]] = {}
    for item in items:
        by_guess.setdefault(item.best_guess or "UNKNOWN", []).append(_one_line(item.text, 500))
    out = ['version: "3.1"', "# DRAFT from python -m bot.review: check every intent before use.", "nlu:"]
    for guess in sorted(by_guess):
        out.append(f"- intent: {guess}  # assistant's guess, verify")
        out.append("  examples: |")
        out += [f"    - {example}" for example in by_guess[guess]]
    return "\n".join(out)


def _one_line(value: str, limit: int) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.review", description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--db", help="tracker store SQLAlchemy URL (default: TRACKER_STORE_URL or var/tracker.db)"
    )
    source.add_argument("--file", type=Path, help="JSONL file of logged messages")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="confidence below this")
    parser.add_argument("--limit", type=int, default=50, help="distinct texts to show (0: all)")
    parser.add_argument("--days", type=float, help="only messages from the last N days")
    parser.add_argument("--format", choices=("table", "json", "nlu-yaml"), default="table")
    args = parser.parse_args(argv)
    if not 0.0 <= args.threshold <= 1.0:
        parser.error("--threshold must be between 0 and 1")
    since = time.time() - args.days * SECONDS_PER_DAY if args.days is not None else None
    try:
        if args.file is not None:
            messages = messages_from_file(args.file, since)
        else:
            messages = messages_from_database(args.db or Settings.from_env().tracker_store_url, since)
        items, total = collect(messages, args.threshold)
    except FileNotFoundError as error:
        print(f"No such file: {error.filename}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"Could not read the tracker store: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 1
    shown = items[: args.limit] if args.limit > 0 else items
    if args.format == "json":
        print(
            json.dumps(
                {"messages_read": total, "threshold": args.threshold, "items": [i.as_dict() for i in shown]},
                indent=2,
                ensure_ascii=False,
            )
        )
    elif args.format == "nlu-yaml":
        print(format_nlu_yaml(shown))
    else:
        print(format_table(items, len(shown), total, args.threshold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
