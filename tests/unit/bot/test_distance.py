"""Straight-line distances, how they are said, and coordinates checked (bot.distance)."""

from __future__ import annotations

import math

import pytest

from bot.distance import haversine_miles, rounded_miles, validate_coordinates

# --- distances ---------------------------------------------------------------------------------


def test_haversine_known_distances() -> None:
    # Durham (27705) to Raleigh (27601) centroids: about 23 miles as the crow flies
    assert haversine_miles(36.0218, -78.9478, 35.7727, -78.6324) == pytest.approx(24.6, abs=0.5)
    # one degree of latitude is about 69 miles anywhere
    assert haversine_miles(35.0, -79.0, 36.0, -79.0) == pytest.approx(69.1, abs=0.1)
    assert haversine_miles(36.0, -79.0, 36.0, -79.0) == 0.0
    assert haversine_miles(35.0, -79.0, 36.0, -78.0) == haversine_miles(36.0, -78.0, 35.0, -79.0)


@pytest.mark.parametrize(
    ("miles", "expected"),
    [
        (0.0, 0),
        (0.99, 0),
        (1.0, 1),
        (1.49, 1),
        (1.5, 2),
        (4.2, 4),
        (12.6, 13),
        (99.4, 99),
        (99.6, 100),
        (138.0, 140),
        (2412.0, 2410),
    ],
)
def test_rounded_miles(miles: float, expected: int) -> None:
    assert rounded_miles(miles) == expected


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_rounded_miles_rejects_nonsense(bad: float) -> None:
    with pytest.raises(ValueError):
        rounded_miles(bad)


# --- coordinates -------------------------------------------------------------------------------


def test_validate_coordinates_accepts_numbers_and_numeric_strings() -> None:
    assert validate_coordinates(36.0, -78.9) == (36.0, -78.9)
    assert validate_coordinates("35.99", " -78.90 ") == (35.99, -78.9)
    assert validate_coordinates(90, -180) == (90.0, -180.0)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (math.nan, -78.9),
        (36.0, math.inf),
        ("nan", -78.9),
        ("abc", -78.9),
        ("", -78.9),
        (90.01, -78.9),
        (36.0, -180.5),
        (None, -78.9),
        (True, -78.9),
        ([36.0], -78.9),
    ],
)
def test_validate_coordinates_rejects_bad_values(lat: object, lon: object) -> None:
    with pytest.raises(ValueError):
        validate_coordinates(lat, lon)
