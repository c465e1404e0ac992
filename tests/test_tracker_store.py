"""Conversations are stored with phone numbers and e-mail addresses redacted, and can be deleted."""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.privacy import forget, purge
from components.tracker_store import RedactingSQLTrackerStore
from tests.helpers import REPO

DOMAIN = Domain.load(str(REPO / "domain.yml"))
PHONE = "919-555-0134"
EMAIL = "jane.doe@example.com"


def conversation(sender_id: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender_id,
        [
            UserUttered(
                f"can someone call me at {PHONE} or mail {EMAIL}",
                {"name": "request_callback", "confidence": 0.9},
                parse_data={"text": f"call me at {PHONE}", "intent": {"name": "request_callback"}},
            ),
            BotUttered("I can't arrange a call back. Please call 919-684-4114."),
            SlotSet("checklist_tests", f"MRI, results to {EMAIL}"),
        ],
        slots=DOMAIN.slots,
    )


def stored_rows(url: str, sender_id: str) -> list[str]:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender_id}
        ).all()
    engine.dispose()
    return [row[0] for row in rows]


def check_redacted_store(url: str) -> None:
    store = RedactingSQLTrackerStore(domain=DOMAIN, url=url)
    sender = f"visitor-{uuid.uuid4().hex[:8]}"
    asyncio.run(store.save(conversation(sender)))
    rows = stored_rows(url, sender)
    assert len(rows) == 3
    joined = "\n".join(rows)
    assert "555-0134" not in joined and "5550134" not in joined
    assert "jane.doe" not in joined and "example.com" not in joined
    assert "[phone number removed]" in joined and "[e-mail removed]" in joined
    assert "919-684-4114" in joined  # the public appointment line is kept

    retrieved = asyncio.run(store.retrieve(sender))
    assert retrieved is not None
    assert PHONE not in retrieved.latest_message.text
    assert retrieved.get_slot("checklist_tests") == "MRI, results to [e-mail removed]"

    engine = create_engine(url, future=True)
    assert forget(engine, sender) == 3
    assert stored_rows(url, sender) == []
    engine.dispose()


def test_sqlite_store_redacts_and_forgets(tmp_path) -> None:
    check_redacted_store(f"sqlite:///{tmp_path / 'tracker.db'}")


def test_postgres_store_redacts_and_forgets(monkeypatch) -> None:
    url = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    admin = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except Exception as error:  # noqa: BLE001 - any connection failure means "not here"
        pytest.skip(f"PostgreSQL not reachable at {url}: {error.__class__.__name__}")
    schema = f"test_tracker_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    monkeypatch.setenv("POSTGRESQL_SCHEMA", schema)
    try:
        check_redacted_store(f"{url}?options=-csearch_path%3D{schema}")
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_purge_deletes_whole_old_conversations_only(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = RedactingSQLTrackerStore(domain=DOMAIN, url=url)
    asyncio.run(store.save(conversation("old")))
    asyncio.run(store.save(conversation("new")))
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text("UPDATE events SET timestamp = :t WHERE sender_id = 'old'"),
                           {"t": time.time() - 40 * 86_400})
    assert purge(engine, older_than_days=30) == 1
    assert stored_rows(url, "old") == [] and len(stored_rows(url, "new")) == 3
    engine.dispose()


def test_privacy_commands_on_a_missing_database_do_nothing(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}", future=True)
    assert forget(engine, "nobody") == 0
    assert purge(engine, 30) == 0
