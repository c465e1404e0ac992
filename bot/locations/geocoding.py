"""Exact coordinates for the locations: each street address placed by the Census geocoder.

Run by an operator (``python -m bot.locations geocode``), never by the bot: it sends the
locations' own, public addresses, not a visitor's. A match is used only when it is in the
location's state and near the coordinates it replaces, so a wrong match (another "Erwin Road")
cannot move a hospital across the state unnoticed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from bot.census import BENCHMARK, AddressMatch
from bot.distance import haversine_miles
from bot.locations.models import Location

# A ZIP centroid in the Triangle is within a few miles of any street of its ZIP area.
MAX_MOVE_MILES = 10.0
COORDS_SOURCE_PREFIX = "U.S. Census Bureau geocoder"


@dataclass(frozen=True)
class Placement:
    """What the geocoder made of one location: ``placed`` is the updated row, or None and
    ``problem`` says why (the stored coordinates are then kept)."""

    location: Location
    placed: Location | None
    problem: str = ""
    moved_miles: float | None = None


def place_locations(
    locations: Iterable[Location], lookup: Callable[[str], AddressMatch | None], today: date
) -> list[Placement]:
    """Look up each location's address with ``lookup`` (e.g. :func:`bot.census.lookup_address`)
    and return the rows with the geocoder's coordinates, ``coords_source`` and ``coords_set_on``."""
    placements: list[Placement] = []
    for location in locations:
        match = lookup(location.address)
        if match is None:
            placements.append(Placement(location, None, "no match, or the geocoder could not be reached"))
            continue
        moved = haversine_miles(location.latitude, location.longitude, match.latitude, match.longitude)
        if match.state != location.state:
            problem = f"matched {match.matched_address!r}, not in {location.state}: check the address"
            placements.append(Placement(location, None, problem, moved))
        elif moved > MAX_MOVE_MILES:
            problem = (
                f"matched {match.matched_address!r}, {moved:.0f} miles from the stored coordinates: "
                "check the address"
            )
            placements.append(Placement(location, None, problem, moved))
        else:
            placed = dataclasses.replace(
                location,
                latitude=round(match.latitude, 6),
                longitude=round(match.longitude, 6),
                coords_source=f"{COORDS_SOURCE_PREFIX} ({BENCHMARK}): {match.matched_address}",
                coords_set_on=today,
            )
            placements.append(Placement(location, placed, "", moved))
    return placements
