"""Straight-line distances between coordinates, rounded as people say them, and checking coordinates."""

from __future__ import annotations

import math

EARTH_RADIUS_MILES = 3958.8


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle ("as the crow flies") distance in statute miles between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def rounded_miles(miles: float) -> int:
    """A straight-line distance rounded the way a person would say it.

    0 under 1 mile ("less than 1 mile"); the nearest mile up to 100; beyond that the nearest 10
    miles, since a ZIP centroid is no more precise than that anyway.
    """
    if not math.isfinite(miles) or miles < 0:
        raise ValueError(f"distance must be a finite, non-negative number, got {miles!r}")
    if miles < 1:
        return 0
    return round(miles) if miles < 100 else int(round(miles, -1))


def validate_coordinates(lat: object, lon: object) -> tuple[float, float]:
    """Check a latitude/longitude pair (e.g. from the browser) and return it as floats.

    Accepts numbers or numeric strings. Raises ``ValueError`` for anything else: None,
    booleans, other types, non-numeric strings, NaN or infinity, latitude outside [-90, 90]
    or longitude outside [-180, 180].
    """
    return _coordinate(lat, "latitude", 90.0), _coordinate(lon, "longitude", 180.0)


def _as_float(value: object) -> float | None:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _coordinate(value: object, name: str, bound: float) -> float:
    number = _as_float(value)
    if number is None or not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r:.40}")
    if not -bound <= number <= bound:
        raise ValueError(f"{name} must be between {-bound:g} and {bound:g}, got {number:g}")
    return number
