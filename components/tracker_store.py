"""SQL tracker store that redacts personal data before anything is written.

Conversations go to a SQLite file under var/ by default (a restart loses nothing) or to the
SQLAlchemy URL in TRACKER_STORE_URL (e.g. PostgreSQL in production). Phone numbers and e-mail
addresses that visitors type are replaced by placeholders in every stored event.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Iterator, Optional

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.redaction import redact_value
from bot.settings import Settings

logger = logging.getLogger(__name__)


def tracker_store_url() -> str:
    """TRACKER_STORE_URL, or the default SQLite file under the runtime data folder."""
    settings = Settings.from_env()
    if settings.tracker_store_url.startswith("sqlite"):
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    return settings.tracker_store_url


class RedactingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, configured by URL, storing only redacted events.

    Unlike the stock store it does not block start-up forever while the database is down: the
    schema is created on first use, so the server starts, logs a clear error, and recovers by
    itself once the database is back.
    """

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        url: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        engine_url = url or tracker_store_url()
        engine_kwargs = create_engine_kwargs(engine_url)
        if not engine_url.startswith("sqlite"):
            engine_kwargs.update(pool_pre_ping=True, pool_recycle=300)
            engine_kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", 3)
        self.engine = sa.create_engine(engine_url, **engine_kwargs)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._ensure_schema()
        TrackerStore.__init__(self, domain, event_broker, **kwargs)

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            try:
                self.Base.metadata.create_all(self.engine)
                self._schema_ready = True
            except sa.exc.SQLAlchemyError as error:
                # Several servers starting at once may race here; the next use retries.
                logger.error(
                    "Tracker store database %s is not reachable yet (%s); "
                    "conversations will be stored once it is.",
                    self.engine.url.render_as_string(hide_password=True),
                    error.__class__.__name__,
                )

    def session_scope(self):  # type: ignore[override]
        self._ensure_schema()
        return super().session_scope()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield redact_event(event)


def redact_event(event: Event) -> Event:
    """A copy of ``event`` with phone numbers and e-mail addresses replaced."""
    data = event.as_dict()
    redacted = redact_value(data)
    if redacted == data:
        return event
    return Event.from_parameters(redacted)
