"""The locations repository and schema (bot/locations/repository.py, migrations/), on in-memory
SQLite. tests/integration/bot/locations/test_repository.py runs the tests that take ``db_engine``
again on PostgreSQL.

Every test builds its own small location list (tests/support/locations.py), so adding a location to
seeds/ breaks nothing here; tests/unit/seeds/test_locations.py checks the seed file itself.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
import zipcodes
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine

from bot.geo import geocode
from bot.locations import (
    DEFAULT_SEED_FILE,
    InvalidLocation,
    Location,
    LocationFileError,
    LocationRepository,
    ensure_schema,
    ensure_seeded,
    get_engine,
    prepare_database,
    read_locations_file,
    session_scope,
)
from bot.locations.models import Base, LocationRecord
from bot.locations.repository import MIGRATIONS_DIR
from tests.support.locations import (
    RALEIGH,
    REGIONAL,
    UNIVERSITY,
    centroid,
    location,
    store,
    triangle,
    write_locations_file,
)


@pytest.fixture
def stored(db_engine: Engine) -> Engine:
    return store(db_engine, triangle())


def _nearest(engine: Engine, place: str, limit: int = 3) -> list[tuple[str, str, float]]:
    found = geocode(place)
    assert found.latitude is not None and found.longitude is not None
    with session_scope(engine) as session:
        ranked = LocationRepository(session).nearest(found.latitude, found.longitude, limit)
    return [(d.location.name, d.location.city, d.miles) for d in ranked]


# --- schema ------------------------------------------------------------------------------------


def test_migrated_schema_matches_the_model(db_engine: Engine) -> None:
    with db_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        columns = {c["name"] for c in inspect(connection).get_columns("locations")}
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert differences == []
    assert columns == {c.name for c in LocationRecord.__table__.columns}
    assert version == "0002"


def test_coords_set_on_migration_keeps_the_rows_both_ways(db_engine: Engine) -> None:
    store(db_engine, [location("a-clinic", "A", "Durham", "27705", "27705", coords_set_on=date(2026, 12, 3))])
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with db_engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("locations")}
        assert "coords_set_on" not in columns
        assert connection.execute(text("SELECT slug FROM locations")).scalars().all() == ["a-clinic"]
    ensure_schema(db_engine)
    with session_scope(db_engine) as session:
        (row,) = LocationRepository(session).all()
    assert (row.slug, row.coords_set_on) == ("a-clinic", None)


def test_ensure_schema_is_safe_to_repeat(stored: Engine) -> None:
    ensure_schema(stored)
    with session_scope(stored) as session:
        assert LocationRepository(session).count() == 3


# --- loading -----------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(db_engine: Engine) -> None:
    rows = triangle()
    with session_scope(db_engine) as session:
        first = LocationRepository(session).upsert_many(rows)
    with session_scope(db_engine) as session:
        second = LocationRepository(session).upsert_many(rows)
        stored = LocationRepository(session).all()
    assert (first.inserted, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 3)
    assert sorted(stored, key=lambda r: r.slug) == sorted(rows, key=lambda r: r.slug)


def test_changed_row_is_updated_in_place(db_engine: Engine) -> None:
    rows = triangle()
    store(db_engine, rows)
    changed = dataclasses.replace(
        rows[1], note="checked with the clinic", latitude=36.0, coords_set_on=date(2026, 12, 4)
    )
    with session_scope(db_engine) as session:
        report = LocationRepository(session).upsert_many([rows[0], changed])
    with session_scope(db_engine) as session:
        repository = LocationRepository(session)
        assert repository.get(changed.slug) == changed
        assert repository.count() == 3
        ids = session.scalars(select(LocationRecord.id).order_by(LocationRecord.id)).all()
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    assert len(ids) == 3


def test_ensure_seeded_only_fills_an_empty_table(db_engine: Engine, tmp_path: Path) -> None:
    seed = write_locations_file(tmp_path / "seed.yml", triangle())
    first = ensure_seeded(db_engine, seed)
    assert first is not None and first.inserted == 3
    assert ensure_seeded(db_engine, seed) is None


def test_ensure_seeded_leaves_an_operators_list_alone(db_engine: Engine, tmp_path: Path) -> None:
    store(db_engine, [location("own-clinic", "Own", "Cary", "27513", "27513")])
    assert ensure_seeded(db_engine, write_locations_file(tmp_path / "seed.yml", triangle())) is None
    with session_scope(db_engine) as session:
        assert [r.slug for r in LocationRepository(session).all()] == ["own-clinic"]


def test_repeated_slug_is_refused(sqlite_engine: Engine) -> None:
    row = triangle()[0]
    with session_scope(sqlite_engine) as session, pytest.raises(InvalidLocation):
        LocationRepository(session).upsert_many([row, row])


def test_session_scope_rolls_back_on_error(sqlite_engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(sqlite_engine) as session:
        LocationRepository(session).upsert_many(triangle())
        raise RuntimeError("boom")
    with session_scope(sqlite_engine) as session:
        assert LocationRepository(session).count() == 0


# --- queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "order"),
    [
        ("Chapel Hill", [UNIVERSITY, REGIONAL, RALEIGH]),
        ("27514", [UNIVERSITY, REGIONAL, RALEIGH]),  # Chapel Hill
        ("Carrboro", [UNIVERSITY, REGIONAL, RALEIGH]),
        ("Hillsborough", [UNIVERSITY, REGIONAL, RALEIGH]),
        ("Durham", [UNIVERSITY, REGIONAL, RALEIGH]),
        ("27705", [UNIVERSITY, REGIONAL, RALEIGH]),
        ("27704", [REGIONAL, UNIVERSITY, RALEIGH]),
        ("Butner", [REGIONAL, UNIVERSITY, RALEIGH]),
        ("Cary", [RALEIGH, REGIONAL, UNIVERSITY]),
        ("27513", [RALEIGH, REGIONAL, UNIVERSITY]),  # Cary
        ("Wake Forest", [RALEIGH, REGIONAL, UNIVERSITY]),
        ("27601", [RALEIGH, REGIONAL, UNIVERSITY]),  # downtown Raleigh
    ],
)
def test_nearest_order_for_towns_and_zips(stored: Engine, place: str, order: list[str]) -> None:
    ranked = _nearest(stored, place)
    assert [name for name, _, _ in ranked] == order
    assert [miles for _, _, miles in ranked] == sorted(miles for _, _, miles in ranked)
    assert ranked[0][2] < 20


def test_the_mail_zip_centroid_would_send_chapel_hill_to_the_wrong_hospital(sqlite_engine: Engine) -> None:
    """Why the seed does not use 27710's centroid: it lies about 5 miles from the campus."""
    store(sqlite_engine, triangle(university_at="27710"))
    assert [name for name, _, _ in _nearest(sqlite_engine, "Chapel Hill")][0] == REGIONAL
    assert zipcodes.matching("27710")[0]["zip_code_type"] == "UNIQUE"


def test_charlotte_is_far_from_every_location(stored: Engine) -> None:
    ranked = _nearest(stored, "28202")
    assert len(ranked) == 3
    assert min(miles for _, _, miles in ranked) > 100


def test_nearest_from_a_location_is_itself_at_zero_miles(stored: Engine) -> None:
    with session_scope(stored) as session:
        ranked = LocationRepository(session).nearest(*centroid("27609"), limit=1)
    assert [d.location.name for d in ranked] == [RALEIGH]
    assert ranked[0].miles == pytest.approx(0.0, abs=1e-9)


def test_nearest_limit_and_bad_coordinates(stored: Engine) -> None:
    with session_scope(stored) as session:
        repository = LocationRepository(session)
        assert len(repository.nearest(36.0, -78.9, limit=2)) == 2
        assert repository.nearest(36.0, -78.9, limit=0) == []
        with pytest.raises(ValueError):
            repository.nearest(float("nan"), -78.9)


def test_in_city_ignores_case_and_whitespace(stored: Engine) -> None:
    with session_scope(stored) as session:
        repository = LocationRepository(session)
        durham = repository.in_city("  dUrHaM ")
        raleigh = repository.in_city("RALEIGH")
        assert repository.in_city("Chapel Hill") == []
        assert repository.in_city("   ") == []
    assert [loc.name for loc in durham] == [REGIONAL, UNIVERSITY]
    assert [loc.name for loc in raleigh] == [RALEIGH]


def test_results_are_frozen_values_usable_after_the_session(stored: Engine) -> None:
    with session_scope(stored) as session:
        locations = LocationRepository(session).all()
    assert [type(loc) for loc in locations] == [Location] * 3
    assert locations[0].address == "1 Test Street, Raleigh, NC 27609"
    with pytest.raises(dataclasses.FrozenInstanceError):
        locations[0].name = "changed"  # type: ignore[misc]


# --- engines and first run ---------------------------------------------------------------------


def test_get_engine_is_cached_per_url_and_creates_the_sqlite_folder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'dir' / 'locations.db'}"
    engine = get_engine(url)
    assert get_engine(url) is engine
    assert get_engine(f"sqlite:///{tmp_path / 'other.db'}") is not engine
    assert (tmp_path / "nested" / "dir").is_dir()
    assert not (tmp_path / "nested" / "dir" / "locations.db").exists()  # no connection yet


def test_default_database_is_created_migrated_and_seeded_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SMILEBOT_VAR_DIR", str(tmp_path / "var"))
    with session_scope() as session:
        stored = LocationRepository(session).all()
    assert sorted(stored, key=lambda r: r.slug) == sorted(
        read_locations_file(DEFAULT_SEED_FILE), key=lambda r: r.slug
    )
    assert (tmp_path / "var" / "locations.db").is_file()
    assert prepare_database() is get_engine()


# --- file errors -------------------------------------------------------------------------------


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "locations.yml"
    path.write_text(body, encoding="utf-8")
    return path


def _seed_row(**changes: object) -> str:
    row = {
        "slug": "a-clinic", "name": "A", "street": "1 Main St", "city": "Durham",
        "state": "NC", "zip_code": '"27705"', "latitude": 36.0, "longitude": -78.9,
        "coords_source": "approximate", "note": "n", "source": "s", "verified_on": "2026-11-25",
    }  # fmt: skip
    row.update(changes)
    lines = [f"    {key}: {value}" for key, value in row.items() if value is not None]
    return "  -" + "\n".join(lines)[3:] + "\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("locations: [\n", "not valid YAML at line"),
        ("- just a list\n", "top-level 'locations:' list"),
        ("locations:\n" + _seed_row(name=None), "location #1: name is required"),
        ("locations:\n" + _seed_row(zip_code='"2770"'), "zip_code '2770' must be 5 digits"),
        ("locations:\n" + _seed_row(zip_code="27705"), "must be 5 digits (quote it)"),
        ("locations:\n" + _seed_row(latitude=123), "latitude 123 is out of range"),
        ("locations:\n" + _seed_row(verified_on="yesterday"), "verified_on is required"),
        ("locations:\n" + _seed_row(coords_set_on="soon"), "coords_set_on must be a date"),
        ("locations:\n" + _seed_row(slug='"Bad Slug"'), "slug 'Bad Slug'"),
        ("locations:\n" + _seed_row(phone='"919"'), "unknown field(s): phone"),
        ("locations:\n" + _seed_row() + _seed_row(), "location #2: slug 'a-clinic' repeated"),
    ],
)
def test_malformed_files_are_reported_clearly(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(LocationFileError) as caught:
        read_locations_file(_write(tmp_path, body))
    assert message in str(caught.value)


def test_valid_minimal_file_reads(tmp_path: Path) -> None:
    (row,) = read_locations_file(_write(tmp_path, "locations:\n" + _seed_row(note=None)))
    assert (row.slug, row.zip_code, row.note, row.verified_on, row.coords_set_on) == (
        "a-clinic",
        "27705",
        "",
        date(2026, 11, 25),
        None,
    )
    (dated,) = read_locations_file(_write(tmp_path, "locations:\n" + _seed_row(coords_set_on="2026-12-03")))
    assert dated.coords_set_on == date(2026, 12, 3)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LocationFileError, match="file not found"):
        read_locations_file(tmp_path / "nope.yml")
