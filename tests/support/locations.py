"""Small location lists the tests build themselves, so adding a location to seeds/ changes no test.

Each location sits at the centroid of a ZIP code area in the offline ZIP data (zipcodes/GeoNames),
as the seed file's approximate rows do: :func:`triangle` places the three reference hospitals at
the centroid of the delivery area each street lies in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import yaml
import zipcodes
from sqlalchemy.engine import Engine

from bot.locations import Location, LocationRepository, ensure_schema, get_engine, session_scope

UNIVERSITY = "Duke University Hospital (incl. Duke Children's Hospital & Health Center)"
REGIONAL = "Duke Regional Hospital"
RALEIGH = "Duke Raleigh Hospital"


def centroid(zip_code: str) -> tuple[float, float]:
    """A ZIP code's centroid in the offline ZIP data (zipcodes/GeoNames)."""
    record = zipcodes.matching(zip_code)[0]
    return float(record["lat"]), float(record["long"])


def location(slug: str, name: str, city: str, zip_code: str, at_zip: str, **changes: object) -> Location:
    """A location of the test's own, placed at the centroid of ``at_zip``."""
    latitude, longitude = centroid(at_zip)
    row = Location(
        slug=slug, name=name, street="1 Test Street", city=city, state="NC", zip_code=zip_code,
        latitude=latitude, longitude=longitude, coords_source=f"approximate: centroid of ZIP {at_zip}",
        note="test", source="test", verified_on=date(2026, 12, 3),
    )  # fmt: skip
    return dataclasses.replace(row, **changes)


def triangle(university_at: str = "27705") -> list[Location]:
    """The three reference hospitals, each at the centroid of the ZIP area its street lies in:
    Erwin Road in 27705 (27710, the hospital's mail ZIP, is mail-only), N. Roxboro Street in
    27704, Wake Forest Road in 27609."""
    return [
        location("university", UNIVERSITY, "Durham", "27710", university_at),
        location("regional", REGIONAL, "Durham", "27704", "27704"),
        location("raleigh", RALEIGH, "Raleigh", "27609", "27609"),
    ]


def write_locations_file(path: Path, rows: list[Location]) -> Path:
    """A locations file of the test's own, in the seed file's format."""
    data = {"locations": [dataclasses.asdict(row) for row in rows]}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def store(engine: Engine, rows: list[Location]) -> Engine:
    with session_scope(engine) as session:
        LocationRepository(session).upsert_many(rows)
    return engine


@contextmanager
def locations_database(path: Path, rows: list[Location], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A SQLite file holding only ``rows``, made the locations database (DATABASE_URL) for the
    block: the location search finds these and never loads the seed (it fills only an empty table)."""
    url = f"sqlite:///{path}"
    engine = get_engine(url)
    ensure_schema(engine)
    store(engine, rows)
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        yield url
    finally:
        engine.dispose()
