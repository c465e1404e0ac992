"""The tracker store's SQLite tuning: pooled connections, write-ahead log, the same trackers back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_store import RedactingSQLTrackerStore
from tests.helpers import REPO

DOMAIN = Domain.load(str(REPO / "domain.yml"))


def two_sessions(sender_id: str) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_session_start", timestamp=1.0),
        SessionStarted(timestamp=1.0),
        UserUttered("hi", {"name": "greet", "confidence": 0.9}, timestamp=2.0),
        BotUttered("Hi!", timestamp=3.0),
        ActionExecuted("action_session_start", timestamp=100.0),
        SessionStarted(timestamp=100.0),
        UserUttered("what is smile surgery", {"name": "faq", "confidence": 0.8}, timestamp=101.0),
        SlotSet("checklist_for", "child", timestamp=102.0),
        BotUttered("Facial reanimation surgery ...", timestamp=103.0),
    ]
    return DialogueStateTracker.from_events(sender_id, events, slots=DOMAIN.slots)


def test_a_sqlite_file_keeps_its_connections_and_uses_the_write_ahead_log(tmp_path: Path) -> None:
    store = RedactingSQLTrackerStore(domain=DOMAIN, url=f"sqlite:///{tmp_path / 'tracker.db'}")
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"


def test_in_memory_sqlite_keeps_its_own_pool() -> None:
    store = RedactingSQLTrackerStore(domain=DOMAIN, url="sqlite://")
    assert not isinstance(store.engine.pool, sa.pool.QueuePool)


def test_retrieve_gives_what_rasa_gives(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    ours = RedactingSQLTrackerStore(domain=DOMAIN, url=url)
    asyncio.run(ours.save(two_sessions("visitor")))
    rasa = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for retrieve in ("retrieve", "retrieve_full_tracker"):
        mine = asyncio.run(getattr(ours, retrieve)("visitor"))
        theirs = asyncio.run(getattr(rasa, retrieve)("visitor"))
        assert mine.current_state() == theirs.current_state()
        assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]
    assert asyncio.run(ours.retrieve("nobody")) is None
