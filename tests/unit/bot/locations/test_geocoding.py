"""Placing each location's own address (bot/locations/geocoding.py): a match is kept only when it
is in North Carolina and near the stored coordinates. The geocoder is a lookup passed in."""

from __future__ import annotations

from datetime import date

from bot.census import AddressMatch
from bot.locations.geocoding import place_locations
from tests.support.locations import location

TODAY = date(2026, 12, 3)
# The test's own list: the streets of two reference hospitals, at their ZIP-area centroids.
ROWS = [
    location("erwin", "Erwin Clinic", "Durham", "27710", "27705", street="2301 Erwin Road"),
    location("wake-forest", "Raleigh Clinic", "Raleigh", "27609", "27609", street="3400 Wake Forest Road"),
]


def _match(matched: str, latitude: float, longitude: float, state: str = "NC") -> AddressMatch:
    return AddressMatch(matched, latitude, longitude, state, None)


def test_place_locations_refuses_doubtful_matches() -> None:
    answers = {
        ROWS[0].address: _match("2301 ERWIN RD, DURHAM, NC, 27705", 36.00706, -78.93676),
        ROWS[1].address: _match("3400 WAKE FOREST RD, WAKE FOREST, NC, 27587", 35.98, -78.51),
    }
    placed, far = place_locations(ROWS, answers.get, TODAY)
    assert placed.placed is not None and placed.placed.coords_set_on == TODAY
    assert (placed.placed.latitude, placed.placed.longitude) == (36.00706, -78.93676)
    assert placed.moved_miles is not None and placed.moved_miles < 2
    assert far.placed is None and "miles from the stored coordinates" in far.problem

    elsewhere = {ROWS[0].address: _match("2301 ERWIN RD, SOMEWHERE, VA, 24000", 36.01, -78.94, "VA")}
    (other_state,) = place_locations(ROWS[:1], elsewhere.get, TODAY)
    assert other_state.placed is None and "not in NC" in other_state.problem
    (nothing,) = place_locations(ROWS[:1], {}.get, TODAY)
    assert nothing.placed is None and nothing.problem
