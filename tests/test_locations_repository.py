"""Locations repository, schema and seed file, on in-memory SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
import zipcodes
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine

from bot.geo import ZipStatus, parse_zip
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

UNIVERSITY = "Duke University Hospital (incl. Duke Children's Hospital & Health Center)"
REGIONAL = "Duke Regional Hospital"
RALEIGH = "Duke Raleigh Hospital"
RALEIGH_NOTE = "Duke Head and Neck Surgery expanded facial plastic and reconstructive surgery services here"
RALEIGH_SOURCE = (
    'headnecksurgery.duke.edu news ("Expanded Facial Plastic and Reconstructive Surgery Services")'
)

# The rows of shared/reference/locations.md, copied by hand: the seed file must match them.
EXPECTED_ROWS = [
    (
        UNIVERSITY, "2301 Erwin Road", "Durham", "NC", "27710",
        "main campus; the source page mentions surgery at Duke Children's Hospital",
        "dukehealth.org locations pages",
    ),
    (
        REGIONAL, "3643 N. Roxboro Street", "Durham", "NC", "27704",
        "community hospital in north Durham",
        "dukehealth.org locations pages",
    ),
    (
        RALEIGH, "3400 Wake Forest Road", "Raleigh", "NC", "27609", RALEIGH_NOTE, RALEIGH_SOURCE,
    ),
]  # fmt: skip


@pytest.fixture
def seeded(db_engine: Engine) -> Engine:
    ensure_seeded(db_engine)
    return db_engine


def _nearest(engine: Engine, zip_code: str, limit: int = 3) -> list[tuple[str, str, float]]:
    found = parse_zip(zip_code)
    assert found.latitude is not None and found.longitude is not None
    with session_scope(engine) as session:
        ranked = LocationRepository(session).nearest(found.latitude, found.longitude, limit)
    return [(d.location.name, d.location.city, d.miles) for d in ranked]


# --- seed file ---------------------------------------------------------------------------------


def test_seed_file_holds_exactly_the_reference_rows() -> None:
    rows = read_locations_file(DEFAULT_SEED_FILE)
    actual = [(r.name, r.street, r.city, r.state, r.zip_code, r.note, r.source) for r in rows]
    assert actual == EXPECTED_ROWS
    assert {r.verified_on for r in rows} == {date(2026, 11, 25)}


def test_seed_coordinates_are_the_labelled_zip_centroids() -> None:
    for row in read_locations_file(DEFAULT_SEED_FILE):
        centroid = zipcodes.matching(row.zip_code)[0]
        assert (row.latitude, row.longitude) == (float(centroid["lat"]), float(centroid["long"]))
        assert row.coords_source.startswith("approximate")
        assert "ZIP centroid" in row.coords_source


def test_seed_file_says_to_check_with_the_clinic() -> None:
    header = DEFAULT_SEED_FILE.read_text(encoding="utf-8").split("locations:")[0]
    assert "MUST BE CHECKED WITH THE CLINIC BEFORE GOING LIVE" in header


# --- schema ------------------------------------------------------------------------------------


def test_migrated_schema_matches_the_model(db_engine: Engine) -> None:
    with db_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        columns = {c["name"] for c in inspect(connection).get_columns("locations")}
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert differences == []
    assert columns == {c.name for c in LocationRecord.__table__.columns}
    assert version == "0001"


def test_ensure_schema_is_safe_to_repeat(db_engine: Engine) -> None:
    ensure_seeded(db_engine)
    ensure_schema(db_engine)
    with session_scope(db_engine) as session:
        assert LocationRepository(session).count() == 3


# --- loading -----------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(db_engine: Engine) -> None:
    rows = read_locations_file(DEFAULT_SEED_FILE)
    with session_scope(db_engine) as session:
        first = LocationRepository(session).upsert_many(rows)
    with session_scope(db_engine) as session:
        second = LocationRepository(session).upsert_many(rows)
        stored = LocationRepository(session).all()
    assert (first.inserted, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 3)
    assert sorted(stored, key=lambda r: r.slug) == sorted(rows, key=lambda r: r.slug)


def test_changed_row_is_updated_in_place(db_engine: Engine) -> None:
    rows = read_locations_file(DEFAULT_SEED_FILE)
    with session_scope(db_engine) as session:
        LocationRepository(session).upsert_many(rows)
    changed = dataclasses.replace(rows[1], note="checked with the clinic", latitude=36.0)
    with session_scope(db_engine) as session:
        report = LocationRepository(session).upsert_many([rows[0], changed])
    with session_scope(db_engine) as session:
        repository = LocationRepository(session)
        assert repository.get(changed.slug) == changed
        assert repository.count() == 3
        ids = session.scalars(select(LocationRecord.id).order_by(LocationRecord.id)).all()
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    assert len(ids) == 3


def test_ensure_seeded_only_fills_an_empty_table(db_engine: Engine) -> None:
    first = ensure_seeded(db_engine)
    assert first is not None and first.inserted == 3
    assert ensure_seeded(db_engine) is None


def test_ensure_seeded_leaves_an_operators_list_alone(db_engine: Engine) -> None:
    own = dataclasses.replace(read_locations_file(DEFAULT_SEED_FILE)[2], slug="own-clinic")
    with session_scope(db_engine) as session:
        LocationRepository(session).upsert_many([own])
    assert ensure_seeded(db_engine) is None
    with session_scope(db_engine) as session:
        assert [r.slug for r in LocationRepository(session).all()] == ["own-clinic"]


def test_repeated_slug_is_refused(sqlite_engine: Engine) -> None:
    row = read_locations_file(DEFAULT_SEED_FILE)[0]
    with session_scope(sqlite_engine) as session, pytest.raises(InvalidLocation):
        LocationRepository(session).upsert_many([row, row])


def test_session_scope_rolls_back_on_error(sqlite_engine: Engine) -> None:
    rows = read_locations_file(DEFAULT_SEED_FILE)
    with pytest.raises(RuntimeError), session_scope(sqlite_engine) as session:
        LocationRepository(session).upsert_many(rows)
        raise RuntimeError("boom")
    with session_scope(sqlite_engine) as session:
        assert LocationRepository(session).count() == 0


# --- queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zip_code", "nearest_city", "nearest_name"),
    [
        ("27705", "Durham", None),
        ("27710", "Durham", UNIVERSITY),
        ("27704", "Durham", REGIONAL),
        ("27609", "Raleigh", RALEIGH),
        ("27601", "Raleigh", RALEIGH),
        ("27514", "Durham", None),  # Chapel Hill
        ("27513", "Raleigh", RALEIGH),  # Cary
    ],
)
def test_nearest_from_reference_zips(
    seeded: Engine, zip_code: str, nearest_city: str, nearest_name: str | None
) -> None:
    ranked = _nearest(seeded, zip_code)
    assert len(ranked) == 3
    assert [miles for _, _, miles in ranked] == sorted(miles for _, _, miles in ranked)
    name, city, miles = ranked[0]
    assert city == nearest_city
    if nearest_name:
        assert name == nearest_name
    assert miles < 20


def test_reference_zips_are_where_locations_md_says() -> None:
    assert (parse_zip("27514").status, parse_zip("27514").city) == (ZipStatus.NC, "Chapel Hill")
    assert (parse_zip("27513").status, parse_zip("27513").city) == (ZipStatus.NC, "Cary")
    assert parse_zip("00000").status is ZipStatus.NOT_A_ZIP
    outside = parse_zip("94110")
    assert (outside.status, outside.city, outside.state) == (
        ZipStatus.OUTSIDE_NC,
        "San Francisco",
        "CA",
    )


def test_charlotte_is_far_from_every_location(seeded: Engine) -> None:
    ranked = _nearest(seeded, "28202")
    assert len(ranked) == 3
    assert min(miles for _, _, miles in ranked) > 100


def test_nearest_from_a_location_is_itself_at_zero_miles(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        ranked = LocationRepository(session).nearest(35.848, -78.6317, limit=1)
    assert [d.location.name for d in ranked] == [RALEIGH]
    assert ranked[0].miles == pytest.approx(0.0, abs=1e-9)


def test_nearest_limit_and_bad_coordinates(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        repository = LocationRepository(session)
        assert len(repository.nearest(36.0, -78.9, limit=2)) == 2
        assert repository.nearest(36.0, -78.9, limit=0) == []
        with pytest.raises(ValueError):
            repository.nearest(float("nan"), -78.9)


def test_in_city_ignores_case_and_whitespace(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        repository = LocationRepository(session)
        durham = repository.in_city("  dUrHaM ")
        raleigh = repository.in_city("RALEIGH")
        assert repository.in_city("Chapel Hill") == []
        assert repository.in_city("   ") == []
    assert [loc.name for loc in durham] == [REGIONAL, UNIVERSITY]
    assert [loc.name for loc in raleigh] == [RALEIGH]


def test_results_are_frozen_values_usable_after_the_session(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        locations = LocationRepository(session).all()
    assert [type(loc) for loc in locations] == [Location] * 3
    assert locations[0].address == "3400 Wake Forest Road, Raleigh, NC 27609"
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
        names = [loc.name for loc in LocationRepository(session).all()]
    assert names == [RALEIGH, REGIONAL, UNIVERSITY]
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
    assert (row.slug, row.zip_code, row.note, row.verified_on) == (
        "a-clinic",
        "27705",
        "",
        date(2026, 11, 25),
    )


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LocationFileError, match="file not found"):
        read_locations_file(tmp_path / "nope.yml")
