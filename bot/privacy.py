"""Delete stored conversations: one visitor's on request, and everything past the retention time.

Works on the tracker store's ``events`` table (TRACKER_STORE_URL, default var/tracker.db)
through SQLAlchemy Core, so it needs no running Rasa server.

    python -m bot.privacy forget SENDER_ID
    python -m bot.privacy purge [--older-than-days N]   (default: RETENTION_DAYS, 30)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.settings import Settings

EVENTS_TABLE = "events"
SECONDS_PER_DAY = 86_400


def _has_events_table(engine: Engine) -> bool:
    return inspect(engine).has_table(EVENTS_TABLE)


def forget(engine: Engine, sender_id: str) -> int:
    """Delete every stored event of one conversation; returns the number of events deleted."""
    if not _has_events_table(engine):
        return 0
    with engine.begin() as connection:
        result = connection.execute(
            text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender_id"),
            {"sender_id": sender_id},
        )
    return result.rowcount or 0


def purge(engine: Engine, older_than_days: float, now: float | None = None) -> int:
    """Delete whole conversations whose latest event is older than ``older_than_days``.

    Returns the number of conversations deleted.
    """
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    if not _has_events_table(engine):
        return 0
    cutoff = (now if now is not None else time.time()) - older_than_days * SECONDS_PER_DAY
    with engine.begin() as connection:
        stale = [
            row[0]
            for row in connection.execute(
                text(
                    f"SELECT sender_id FROM {EVENTS_TABLE} GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"
                ),
                {"cutoff": cutoff},
            )
        ]
        for sender_id in stale:
            connection.execute(
                text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender_id"),
                {"sender_id": sender_id},
            )
    return len(stale)


def main(argv: Sequence[str] | None = None) -> int:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(prog="python -m bot.privacy", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    forget_cmd = commands.add_parser("forget", help="delete one conversation")
    forget_cmd.add_argument("sender_id")
    purge_cmd = commands.add_parser("purge", help="delete conversations past the retention time")
    purge_cmd.add_argument("--older-than-days", type=float, default=settings.retention_days)
    args = parser.parse_args(argv)
    engine = create_engine(settings.tracker_store_url, future=True)
    try:
        if args.command == "forget":
            count = forget(engine, args.sender_id)
            print(f"Deleted {count} stored event(s) of conversation {args.sender_id!r}.")
        else:
            count = purge(engine, args.older_than_days)
            print(f"Deleted {count} conversation(s) older than {args.older_than_days:g} day(s).")
    except (SQLAlchemyError, ValueError) as error:
        print(f"error: {error.__class__.__name__}: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
