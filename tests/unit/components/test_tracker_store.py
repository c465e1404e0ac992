"""The tracker store (components/tracker_store.py) on SQLite: conversations stored with phone
numbers and e-mail addresses redacted, the same trackers back as Rasa's own store gives, SQLite
tuning, the URL it uses, and starting while its database is down. On PostgreSQL:
tests/integration/components/test_tracker_store.py."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_store import RedactingSQLTrackerStore
from scripts._services import free_port
from tests.support.trackers import DOMAIN, check_redacted_store


def test_sqlite_store_redacts_and_forgets(tmp_path) -> None:
    check_redacted_store(f"sqlite:///{tmp_path / 'tracker.db'}")


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


def test_tracker_store_url_comes_from_the_endpoint_or_the_environment(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    from_host = RedactingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'a.db'}")
    assert from_host.engine.url.database == str(tmp_path / "a.db")
    clean_env.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'b.db'}")
    assert RedactingSQLTrackerStore().engine.url.database == str(tmp_path / "b.db")
    assert RedactingSQLTrackerStore(host="localhost").engine.url.database == str(tmp_path / "b.db")
    assert from_host.status() == "ok"


def test_tracker_store_starts_and_reports_while_the_database_is_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    started = time.monotonic()
    store = RedactingSQLTrackerStore(url=f"postgresql://postgres@127.0.0.1:{free_port()}/none")
    assert time.monotonic() - started < 5
    assert store.status() == "unreachable"
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "is unreachable" in errors[0]
    # Within the retry pause calls fail at once instead of waiting for a connection each time.
    started = time.monotonic()
    with pytest.raises(RuntimeError):
        asyncio.run(store.retrieve("visitor"))
    assert time.monotonic() - started < 0.5
