"""Straight-line distances, how they are said, and coordinates checked (bot.distance)."""

from __future__ import annotations

import math

import pytest

from bot.distance import describe_distance, haversine_miles, validate_coordinates

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
        (0.0, "less than 1 mile"),
        (0.99, "less than 1 mile"),
        (1.0, "about 1 mile"),
        (1.49, "about 1 mile"),
        (1.5, "about 2 miles"),
        (4.2, "about 4 miles"),
        (12.6, "about 13 miles"),
        (99.4, "about 99 miles"),
        (99.6, "about 100 miles"),
        (138.0, "about 140 miles"),
        (2412.0, "about 2410 miles"),
    ],
)
def test_describe_distance(miles: float, expected: str) -> None:
    assert describe_distance(miles) == expected


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_describe_distance_rejects_nonsense(bad: float) -> None:
    with pytest.raises(ValueError):
        describe_distance(bad)


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
