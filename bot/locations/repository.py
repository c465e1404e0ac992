"""Database access for locations: engines, sessions, schema, seed loading and the repository.

All SQL about locations lives here. Nothing connects at import time: engines are created on
first use and cached per URL.

Typical use from the action server::

    with session_scope() as session:          # first call migrates and seeds the default DB
        nearest = LocationRepository(session).nearest(lat, lon)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from bot.distance import haversine_miles, validate_coordinates
from bot.locations.models import (
    LOCATION_FIELDS,
    InvalidLocation,
    LoadReport,
    Location,
    LocationDistance,
    LocationRecord,
    location_from_mapping,
)
from bot.settings import REPO_ROOT, Settings

log = logging.getLogger(__name__)

MIGRATIONS_DIR = REPO_ROOT / "migrations"
DEFAULT_SEED_FILE = REPO_ROOT / "seeds" / "locations.yml"

_engines: dict[str, Engine] = {}
_prepared: set[str] = set()
_lock = threading.RLock()


class LocationFileError(ValueError):
    """A locations file that is missing, unreadable or malformed. The message says why."""


# ---------------------------------------------------------------------------------------------
# Engines, sessions, schema


def get_engine(url: str | None = None) -> Engine:
    """Return the engine for ``url`` (default: ``Settings.from_env().database_url``).

    Engines are cached per URL. For a SQLite file the parent folder is created; an in-memory
    SQLite URL ("sqlite://") gets a single shared connection so all sessions see one database.
    Does not connect.
    """
    url = url or Settings.from_env().database_url
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create_engine(url)
            _engines[url] = engine
        return engine


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, future=True, pool_pre_ping=True)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return create_engine(
            parsed,
            future=True,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
        )
    if not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return create_engine(parsed, future=True)


def _alembic_config() -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def ensure_schema(engine: Engine) -> None:
    """Bring the database up to date: the programmatic ``alembic upgrade head``.

    Safe to call on every start; it does nothing when the schema is current.
    """
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def ensure_seeded(engine: Engine, seed_file: Path = DEFAULT_SEED_FILE) -> LoadReport | None:
    """Load ``seed_file`` if the locations table is empty; return the report, or None if the
    table already had rows (an operator's own list is never mixed with the seed)."""
    with session_scope(engine) as session:
        repository = LocationRepository(session)
        if repository.count():
            return None
        try:
            report = repository.upsert_many(read_locations_file(seed_file))
            session.flush()
        except IntegrityError:
            # another process seeded the table between our count and our insert
            session.rollback()
            return None
    log.info("Seeded locations from %s: %s", seed_file, report)
    return report


def prepare_database(url: str | None = None) -> Engine:
    """Engine for ``url`` with the schema migrated and the seed loaded, done once per process."""
    engine = get_engine(url)
    key = str(engine.url)
    with _lock:
        if key not in _prepared:
            ensure_schema(engine)
            ensure_seeded(engine)
            _prepared.add(key)
    return engine


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error.

    Without ``engine`` it uses the default database, prepared by :func:`prepare_database`
    on first use (so a fresh clone needs no manual step).
    """
    session = Session(bind=engine or prepare_database(), future=True, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# ---------------------------------------------------------------------------------------------
# Locations file


def read_locations_file(path: Path | str) -> list[Location]:
    """Read a YAML locations file (a top-level ``locations:`` list, see seeds/locations.yml).

    Raises :class:`LocationFileError` for a missing or unreadable file, invalid YAML, a wrong
    structure, an invalid row (the message names the row and field) or a repeated slug.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LocationFileError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LocationFileError(f"{path}: cannot read file ({error})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise LocationFileError(f"{path}: not valid YAML{line}") from None
    if not isinstance(data, dict) or not isinstance(data.get("locations"), list):
        raise LocationFileError(f"{path}: expected a top-level 'locations:' list")
    locations: list[Location] = []
    seen: set[str] = set()
    for number, row in enumerate(data["locations"], start=1):
        try:
            location = location_from_mapping(row)
        except InvalidLocation as error:
            raise LocationFileError(f"{path}: location #{number}: {error}") from None
        if location.slug in seen:
            raise LocationFileError(f"{path}: location #{number}: slug {location.slug!r} repeated")
        seen.add(location.slug)
        locations.append(location)
    return locations


# ---------------------------------------------------------------------------------------------
# Repository


def _to_location(record: LocationRecord) -> Location:
    return Location(**{name: getattr(record, name) for name in LOCATION_FIELDS})


class LocationRepository:
    """Reads and writes locations through a session. Returns :class:`Location` values.

    Writes are flushed, not committed: the caller's :func:`session_scope` commits.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Location]:
        """Every location, sorted by name."""
        records = self.session.scalars(select(LocationRecord)).all()
        return sorted((_to_location(r) for r in records), key=lambda loc: (loc.name, loc.slug))

    def count(self) -> int:
        """Number of locations stored."""
        return int(self.session.scalar(select(func.count()).select_from(LocationRecord)) or 0)

    def get(self, slug: str) -> Location | None:
        """The location with this slug, or None."""
        record = self.session.scalars(select(LocationRecord).where(LocationRecord.slug == slug)).first()
        return _to_location(record) if record is not None else None

    def in_city(self, name: str) -> list[Location]:
        """Locations in a city, ignoring case and extra whitespace ("  durham " finds Durham)."""
        key = " ".join(name.split()).lower()
        if not key:
            return []
        records = self.session.scalars(
            select(LocationRecord).where(func.lower(LocationRecord.city) == key)
        ).all()
        return sorted((_to_location(r) for r in records), key=lambda loc: (loc.name, loc.slug))

    def nearest(self, lat: float, lon: float, limit: int = 3) -> list[LocationDistance]:
        """Up to ``limit`` locations, nearest first, with straight-line (haversine) miles.

        Distances are computed in Python (the table is tiny), so every backend gives the same
        answer. Raises ValueError for invalid coordinates.
        """
        lat, lon = validate_coordinates(lat, lon)
        ranked = sorted(
            (
                LocationDistance(loc, haversine_miles(lat, lon, loc.latitude, loc.longitude))
                for loc in self.all()
            ),
            key=lambda item: (item.miles, item.location.name),
        )
        return ranked[: max(limit, 0)]

    def upsert_many(self, rows: Iterable[Location]) -> LoadReport:
        """Insert new slugs, update changed rows, leave identical rows alone.

        Idempotent: loading the same rows twice reports everything unchanged the second time.
        Rows not in ``rows`` are kept. Raises InvalidLocation if a slug appears twice.
        """
        incoming: dict[str, Location] = {}
        for row in rows:
            if row.slug in incoming:
                raise InvalidLocation(f"slug {row.slug!r} appears twice")
            incoming[row.slug] = row
        existing = {
            record.slug: record
            for record in self.session.scalars(
                select(LocationRecord).where(LocationRecord.slug.in_(list(incoming)))
            )
        }
        inserted = updated = unchanged = 0
        for slug, location in incoming.items():
            values = {name: getattr(location, name) for name in LOCATION_FIELDS}
            record = existing.get(slug)
            if record is None:
                self.session.add(LocationRecord(**values))
                inserted += 1
            elif _to_location(record) == location:
                unchanged += 1
            else:
                for name, value in values.items():
                    setattr(record, name, value)
                updated += 1
        self.session.flush()
        return LoadReport(inserted=inserted, updated=updated, unchanged=unchanged)
