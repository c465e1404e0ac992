"""bot.review: low-confidence and fallback messages from stored conversations, most frequent first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.review import (
    FALLBACK,
    LOW_CONFIDENCE,
    NO_RULE,
    UNSURE_TOPIC,
    collect,
    main,
    messages_from_database,
    messages_from_file,
    parse_message,
)

# The columns of Rasa's SQLTrackerStore "events" table (rasa/core/tracker_store.py, SQLEvent).
EVENTS_SCHEMA = """
CREATE TABLE events (
    id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL,
    timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT
)
"""


def user_event(
    message: str,
    intent: str,
    confidence: float,
    ranking: list[tuple[str, float]] | None = None,
    topic: tuple[str, float] | None = None,
    timestamp: float = 1_700_000_000.0,
) -> dict:
    parse = {
        "intent": {"name": intent, "confidence": confidence},
        "entities": [],
        "text": message,
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, confidence)])],
    }
    if topic is not None:
        parse["response_selector"] = {
            "all_retrieval_intents": ["faq"],
            "faq": {
                "response": {"intent_response_key": topic[0], "confidence": topic[1]},
                "ranking": [{"intent_response_key": topic[0], "confidence": topic[1]}],
            },
        }
    return {"event": "user", "timestamp": timestamp, "text": message, "parse_data": parse}


FALLBACK_RANKING = [("nlu_fallback", 0.45), ("ask_not_covered", 0.41), ("faq", 0.3)]


def conversations() -> list[tuple[str, dict]]:
    """(sender, event) pairs as Rasa stores them, actions included."""
    return [
        ("a", user_event("how much does it cost?", "nlu_fallback", 0.45, FALLBACK_RANKING)),
        ("a", {"event": "action", "name": "action_suggest_topics"}),
        ("a", user_event("How much does it cost", "nlu_fallback", 0.45, FALLBACK_RANKING)),
        ("b", user_event("HOW MUCH DOES IT  COST??", "nlu_fallback", 0.45, FALLBACK_RANKING)),
        ("b", user_event("what is smile surgery", "faq", 0.98, topic=("faq/what_is", 0.95))),
        ("b", {"event": "action", "name": "utter_faq"}),
        ("c", user_event("does it hurt", "faq", 0.55, topic=("faq/outcomes", 0.3))),
        ("c", user_event("my cat is sad", "out_of_scope", 0.97)),
        ("c", {"event": "action", "name": "action_default_fallback"}),
        ("c", user_event('/choose_topic{"topic": "faq/eyes"}', "choose_topic", 1.0)),
        ("d", user_event("who is on the team", "faq", 0.99, topic=("faq/team", 0.4))),
    ]


@pytest.fixture
def tracker_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text(EVENTS_SCHEMA))
        for sender, event in conversations():
            connection.execute(
                text(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                    "VALUES (:sender, :type, :ts, :intent, :action, :data)"
                ),
                {
                    "sender": sender,
                    "type": event["event"],
                    "ts": event.get("timestamp", 1_700_000_000.0),
                    "intent": event.get("parse_data", {}).get("intent", {}).get("name"),
                    "action": event.get("name"),
                    "data": json.dumps(event),
                },
            )
    engine.dispose()
    return url


def test_fallbacks_are_grouped_by_text_and_the_most_frequent_comes_first(tracker_db: str) -> None:
    items, total = collect(messages_from_database(tracker_db), threshold=0.6)
    assert total == 7  # the button payload is not a visitor message
    top = items[0]
    assert top.count == 3 and len(top.senders) == 2
    assert top.reasons[FALLBACK] == 3
    assert top.best_guess == "ask_not_covered"
    assert top.mean_confidence == pytest.approx(0.41)


def test_confident_answers_are_left_out(tracker_db: str) -> None:
    items, _ = collect(messages_from_database(tracker_db), threshold=0.6)
    assert "what is smile surgery" not in {i.text for i in items}


def test_low_confidence_unsure_topic_and_no_rule_are_flagged(tracker_db: str) -> None:
    items, _ = collect(messages_from_database(tracker_db), threshold=0.6)
    by_text = {i.text: i for i in items}
    assert set(by_text["does it hurt"].reasons) == {LOW_CONFIDENCE, UNSURE_TOPIC}
    assert by_text["does it hurt"].best_guess == "faq/outcomes"
    assert set(by_text["who is on the team"].reasons) == {UNSURE_TOPIC}
    assert set(by_text["my cat is sad"].reasons) == {NO_RULE}


def test_threshold_decides_what_is_low(tracker_db: str) -> None:
    items, _ = collect(messages_from_database(tracker_db), threshold=0.2)
    assert {i.text for i in items} == {"HOW MUCH DOES IT  COST??", "my cat is sad"}


def test_a_missing_events_table_gives_nothing(tmp_path: Path) -> None:
    assert list(messages_from_database(f"sqlite:///{tmp_path / 'empty.db'}")) == []


def test_jsonl_accepts_events_parse_results_and_flat_records(tmp_path: Path) -> None:
    log = tmp_path / "messages.jsonl"
    parse_result = user_event("is it safe", "faq", 0.5)["parse_data"]
    lines = [
        json.dumps(user_event("is it covered by insurance", "nlu_fallback", 0.45, FALLBACK_RANKING)),
        json.dumps(parse_result),
        json.dumps({"text": "is it covered by insurance?", "intent": "ask_not_covered", "confidence": 0.3}),
        json.dumps({"text": "hello", "intent": "greet", "confidence": 0.99}),
        "not json",
        "",
    ]
    log.write_text("\n".join(lines))
    items, total = collect(messages_from_file(log), threshold=0.6)
    assert total == 4
    assert [(i.text, i.count) for i in items] == [
        ("is it covered by insurance", 2),
        ("is it safe", 1),
    ]


def test_non_user_events_and_payloads_are_not_messages() -> None:
    assert parse_message({"event": "bot", "text": "hi"}) is None
    assert parse_message({"text": "/greet", "intent": "greet"}) is None


def test_cli_prints_a_table_most_frequent_first(tracker_db: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["--db", tracker_db, "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("6 of 7 visitor messages need a look")
    assert "ask_not_covered" in out[2] and out[2].split()[0] == "3"
    assert len(out) == 4


def test_cli_json_and_nlu_yaml(tracker_db: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["--db", tracker_db, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["messages_read"] == 7 and report["items"][0]["count"] == 3
    assert main(["--db", tracker_db, "--format", "nlu-yaml"]) == 0
    draft = capsys.readouterr().out
    assert "- intent: ask_not_covered" in draft and "verify" in draft


def test_cli_reports_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--file", str(tmp_path / "nope.jsonl")]) == 2
    assert "No such file" in capsys.readouterr().err
