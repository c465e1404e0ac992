"""A conversation with a phone number and an e-mail address in it, and the check that a tracker
store keeps it redacted and can forget it (components/tracker_store.py, bot/privacy.py)."""

from __future__ import annotations

import asyncio
import uuid

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.privacy import forget
from components.tracker_store import RedactingSQLTrackerStore
from tests.support.content import domain_dict

DOMAIN = Domain.from_dict(domain_dict())


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
