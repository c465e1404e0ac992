"""Forgetting a visitor and purging old conversations (bot/privacy.py) in a SQLite tracker store."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import create_engine, text

from bot.privacy import forget, purge
from components.tracker_store import RedactingSQLTrackerStore
from tests.support.trackers import DOMAIN, conversation, stored_rows


def test_purge_deletes_whole_old_conversations_only(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = RedactingSQLTrackerStore(domain=DOMAIN, url=url)
    asyncio.run(store.save(conversation("old")))
    asyncio.run(store.save(conversation("new")))
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE events SET timestamp = :t WHERE sender_id = 'old'"), {"t": time.time() - 40 * 86_400}
        )
    assert purge(engine, older_than_days=30) == 1
    assert stored_rows(url, "old") == [] and len(stored_rows(url, "new")) == 3
    engine.dispose()


def test_privacy_commands_on_a_missing_database_do_nothing(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}", future=True)
    assert forget(engine, "nobody") == 0
    assert purge(engine, 30) == 0
