"""The ``locations`` table and the plain values the rest of the bot works with.

Callers never see ORM objects: the repository returns frozen dataclasses that stay valid after
the session is closed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import Column, Date, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base

Base = declarative_base()

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ZIP_RE = re.compile(r"^\d{5}$")


class LocationRecord(Base):
    """ORM mapping of one row of ``locations``. Use :class:`Location` outside the repository."""

    __tablename__ = "locations"
    __table_args__ = (UniqueConstraint("slug", name="uq_locations_slug"),)

    id = Column(Integer, primary_key=True)
    slug = Column(String(100), nullable=False)
    name = Column(String(200), nullable=False)
    street = Column(String(200), nullable=False)
    city = Column(String(100), nullable=False)
    state = Column(String(2), nullable=False)
    zip_code = Column(String(5), nullable=False)
    latitude = Column(Float, nullable=False)
    longitude = Column(Float, nullable=False)
    coords_source = Column(Text, nullable=False)
    coords_set_on = Column(Date, nullable=True)
    note = Column(Text, nullable=False, default="")
    source = Column(Text, nullable=False)
    verified_on = Column(Date, nullable=False)


@dataclass(frozen=True)
class Location:
    """A place where patients can be seen, as listed in the seed file.

    ``slug`` is the natural key: loading a file updates the row with the same slug.
    ``coords_source`` says where latitude/longitude come from and how exact they are, and
    ``coords_set_on`` when they were set (None when the file does not say).
    """

    slug: str
    name: str
    street: str
    city: str
    state: str
    zip_code: str
    latitude: float
    longitude: float
    coords_source: str
    note: str
    source: str
    verified_on: date
    coords_set_on: date | None = None

    @property
    def address(self) -> str:
        """One-line postal address: "2301 Erwin Road, Durham, NC 27710"."""
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"


@dataclass(frozen=True)
class LocationDistance:
    """A location and its straight-line distance in miles from the point asked about."""

    location: Location
    miles: float


@dataclass(frozen=True)
class LoadReport:
    """What :meth:`LocationRepository.upsert_many` did, row by row."""

    inserted: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        """Number of rows read."""
        return self.inserted + self.updated + self.unchanged


LOCATION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Location))


class InvalidLocation(ValueError):
    """A location row that cannot be stored (missing field, bad ZIP, bad coordinates...)."""


def location_from_mapping(row: Mapping[str, object]) -> Location:
    """Build a :class:`Location` from a mapping (a seed-file row), checking every field.

    Strings are stripped; ``verified_on`` and ``coords_set_on`` may be a date or an ISO string
    (YYYY-MM-DD); ``note`` and ``coords_set_on`` may be omitted. Raises
    :class:`InvalidLocation` with a message naming the field.
    """
    if not isinstance(row, Mapping):
        raise InvalidLocation(f"expected a mapping of fields, got {type(row).__name__}")
    unknown = sorted(set(row) - set(LOCATION_FIELDS))
    if unknown:
        raise InvalidLocation(f"unknown field(s): {', '.join(map(str, unknown))}")
    zip_code = row.get("zip_code")
    if not isinstance(zip_code, str) or not ZIP_RE.match(zip_code.strip()):
        # an unquoted 27705 arrives as a number and 01234 would lose its leading zero
        raise InvalidLocation(f"zip_code {zip_code!r} must be 5 digits (quote it)")
    text = {name: _text(row, name) for name in LOCATION_FIELDS if name not in _NON_TEXT}
    if not SLUG_RE.match(text["slug"]):
        raise InvalidLocation(f"slug {text['slug']!r} must be lower-case words joined by '-'")
    if len(text["state"]) != 2 or not text["state"].isalpha():
        raise InvalidLocation(f"state {text['state']!r} must be a two-letter code")
    return Location(
        **{**text, "state": text["state"].upper()},
        latitude=_number(row, "latitude", 90.0),
        longitude=_number(row, "longitude", 180.0),
        verified_on=_date(row, "verified_on"),
        coords_set_on=_date(row, "coords_set_on") if row.get("coords_set_on") is not None else None,
    )


_NON_TEXT = frozenset({"latitude", "longitude", "verified_on", "coords_set_on"})
_OPTIONAL_TEXT = frozenset({"note"})
_OPTIONAL_DATES = frozenset({"coords_set_on"})


def _text(row: Mapping[str, object], name: str) -> str:
    value = row.get(name)
    if value is None and name in _OPTIONAL_TEXT:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InvalidLocation(f"{name} is required and must be text")
    return " ".join(value.split())


def _number(row: Mapping[str, object], name: str, bound: float) -> float:
    value = row.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidLocation(f"{name} is required and must be a number")
    if not -bound <= float(value) <= bound:
        raise InvalidLocation(f"{name} {value} is out of range")
    return float(value)


def _date(row: Mapping[str, object], name: str) -> date:
    value = row.get(name)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    required = "" if name in _OPTIONAL_DATES else "is required and "
    raise InvalidLocation(f"{name} {required}must be a date (YYYY-MM-DD)")
