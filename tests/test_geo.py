"""Offline geocoding: distances and coordinates (bot.distance), ZIP codes (bot.zip_codes), NC towns
(bot.towns) and the combined offline lookup (bot.geo.geocode). The Census step is in test_census.py."""

from __future__ import annotations

import math
import time

import pytest

from bot.distance import describe_distance, haversine_miles, validate_coordinates
from bot.geo import GeoStatus, geocode
from bot.towns import find_town, nc_town_names
from bot.zip_codes import ZipStatus, find_street_address, parse_zip

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


# --- ZIP codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "zip_code", "city", "state"),
    [
        ("27705", ZipStatus.NC, "27705", "Durham", "NC"),
        ("27705-1234", ZipStatus.NC, "27705", "Durham", "NC"),
        ("umm i think my zip is 27609", ZipStatus.NC, "27609", "Raleigh", "NC"),
        ("27514.", ZipStatus.NC, "27514", "Chapel Hill", "NC"),
        ("94110", ZipStatus.OUTSIDE_NC, "94110", "San Francisco", "CA"),
        ("00000", ZipStatus.NOT_A_ZIP, "00000", None, None),
        ("99999", ZipStatus.NOT_A_ZIP, "99999", None, None),
        ("2770", ZipStatus.BAD_LENGTH, "2770", None, None),
        ("277055", ZipStatus.BAD_LENGTH, "277055", None, None),
        ("durham", ZipStatus.NO_ZIP, None, None, None),
        ("", ZipStatus.NO_ZIP, None, None, None),
        ("call 919-684-4114", ZipStatus.NO_ZIP, None, None, None),
        ("my son is 12", ZipStatus.NO_ZIP, None, None, None),
        ("00000 or maybe 27701", ZipStatus.NC, "27701", "Durham", "NC"),
        ("12345 Main St, Durham NC 27705", ZipStatus.NC, "27705", "Durham", "NC"),
    ],
)
def test_parse_zip(
    text: str, status: ZipStatus, zip_code: str | None, city: str | None, state: str | None
) -> None:
    result = parse_zip(text)
    assert (result.status, result.zip_code, result.city, result.state) == (
        status,
        zip_code,
        city,
        state,
    )
    assert (result.latitude is not None) == (status in (ZipStatus.NC, ZipStatus.OUTSIDE_NC))


def test_parse_zip_gives_the_centroid() -> None:
    result = parse_zip("27705")
    assert (result.latitude, result.longitude) == (36.0218, -78.9478)


# --- towns -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "town", "corrected"),
    [
        ("Durham", "Durham", False),
        ("durhm", "Durham", True),
        ("raleigh nc", "Raleigh", False),
        ("Raleigh, NC", "Raleigh", False),
        ("raliegh", "Raleigh", True),
        ("chapel hil", "Chapel Hill", True),
        ("we live in durham nc", "Durham", False),
        ("durham north carolina", "Durham", False),
        ("Wake Forest", "Wake Forest", False),
        ("I live near Apex", "Apex", False),
        ("Winston-Salem", "Winston-Salem", False),
        ("winston salem nc", "Winston-Salem", False),
        ("Mt Airy", "Mount Airy", False),
        ("2301 Erwin Rd Durham", "Durham", False),  # Erwin (NC) is the street here
        ("3400 Wake Forest Road, Raleigh", "Raleigh", False),
        ("I live in durham but work in raleigh", "Durham", False),
        ("Durham, or Raleigh", "Durham", False),
        ("raleigh in the morning", "Raleigh", False),
        # typos: swapped neighbours count once; names of 9+ letters allow two
        ("winston slaem", "Winston-Salem", True),
        ("fayettvile", "Fayetteville", True),
        ("wilmingotn", "Wilmington", True),
        ("rocky mont nc", "Rocky Mount", True),
    ],
)
def test_find_town_in_nc(text: str, town: str, corrected: bool) -> None:
    result = find_town(text)
    assert result is not None
    assert (result.name, result.state, result.corrected) == (town, "NC", corrected)


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [("Danville, VA", "Danville", "VA"), ("danville virginia", "Danville", "VA"),
     ("Durham NH", "Durham", "NH"), ("atlanta ga", "Atlanta", "GA")],
)  # fmt: skip
def test_find_town_elsewhere_needs_the_state(text: str, town: str, state: str) -> None:
    result = find_town(text)
    assert result is not None
    assert (result.name, result.state) == (town, state)


@pytest.mark.parametrize(
    "text",
    [
        "thanks in advance",
        "I have faith",
        "the star of the show",
        "my son Todd",
        "the high point of my day",
        "carry",  # one typo from Cary, but an English word
        "seven",  # one typo from Severn
        "over there",  # one typo from Dover, first letter differs
        "the chapel",
        "where is the nearest clinic",
        "what about surgery near me",
        "hello",
        "Atlanta",  # outside NC without a state: not guessed
        "",
    ],
)
def test_find_town_ignores_ordinary_words(text: str) -> None:
    assert find_town(text) is None


@pytest.mark.parametrize(
    ("text", "town"),
    [("Faith", "Faith"), ("faith nc", "Faith"), ("I live in Faith", "Faith"),
     ("Star, NC", "Star"), ("I'm in Kelly", "Kelly"), ("I live in High Point", "High Point")],
)  # fmt: skip
def test_word_towns_match_when_clearly_meant(text: str, town: str) -> None:
    result = find_town(text)
    assert result is not None and result.name == town


def test_town_coordinates_are_the_mean_of_standard_zip_centroids() -> None:
    cary = find_town("Cary")
    assert cary is not None
    # STANDARD Cary ZIPs: 27511, 27513, 27518, 27519 (27512 is PO boxes)
    assert cary.latitude == pytest.approx((35.7641 + 35.7956 + 35.7299 + 35.8072) / 4, abs=1e-4)
    assert cary.longitude == pytest.approx((-78.7786 - 78.7941 - 78.7735 - 78.887) / 4, abs=1e-4)
    assert "27513" in cary.zip_codes


def test_nc_town_names() -> None:
    names = nc_town_names()
    assert names == sorted(set(names))
    assert 700 < len(names) < 800
    for expected in ("Durham", "Raleigh", "Chapel Hill", "Cary", "Winston-Salem", "Wake Forest"):
        assert expected in names
    assert "Winston Salem" not in names
    assert all(name == name.strip() and name[0].isupper() for name in names)


def test_find_street_address() -> None:
    assert find_street_address("I'm at 2301 Erwin Rd Durham") == "2301 Erwin Rd"
    assert find_street_address("3643 N. Roxboro Street, Durham") == "3643 N. Roxboro Street"
    assert find_street_address("my zip is 27705 and i live on main st") is None
    assert find_street_address("27705") is None


# --- geocode -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "label", "source"),
    [
        ("27705", GeoStatus.OK_NC, "27705 (Durham)", "zip"),
        ("umm i think my zip is 27609", GeoStatus.OK_NC, "27609 (Raleigh)", "zip"),
        ("94110", GeoStatus.OUTSIDE_NC, "94110 (San Francisco, CA)", "zip"),
        ("Raleigh", GeoStatus.OK_NC, "Raleigh", "town"),
        ("durhm", GeoStatus.OK_NC, "Durham", "town"),
        ("Danville, VA", GeoStatus.OUTSIDE_NC, "Danville, VA", "town"),
        ("2770 durham", GeoStatus.OK_NC, "Durham", "town"),
        ("00000", GeoStatus.NOT_A_ZIP, "00000", None),
        ("2770", GeoStatus.BAD_LENGTH, "2770", None),
        ("277055", GeoStatus.BAD_LENGTH, "277055", None),
        ("somewhere nice", GeoStatus.UNKNOWN_PLACE, "", None),
        ("", GeoStatus.EMPTY, "", None),
        ("  ?! ", GeoStatus.EMPTY, "", None),
    ],
)
def test_geocode(text: str, status: GeoStatus, label: str, source: str | None) -> None:
    result = geocode(text)
    assert (result.status, result.label, result.source) == (status, label, source)
    assert result.has_coordinates == (status in (GeoStatus.OK_NC, GeoStatus.OUTSIDE_NC))


def test_geocode_prefers_a_real_zip_over_a_town() -> None:
    result = geocode("I live in Cary, zip 27705")
    assert (result.status, result.zip_code, result.city) == (GeoStatus.OK_NC, "27705", "Durham")


def test_geocode_marks_corrected_towns() -> None:
    assert geocode("chapel hil").corrected is True
    assert geocode("chapel hill").corrected is False


def test_status_values_are_stable_strings() -> None:
    assert [s.value for s in GeoStatus] == [
        "ok_nc", "outside_nc", "not_a_zip", "bad_length", "unknown_place", "empty",
    ]  # fmt: skip


def test_lookups_are_fast_after_warm_up() -> None:
    geocode("durhm")  # builds the tables
    messages = ["durhm", "we live in chapel hil nc", "umm i think my zip is 27609", "raliegh"]
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        for message in messages:
            geocode(message)
    per_call_ms = (time.perf_counter() - start) / (runs * len(messages)) * 1000
    assert per_call_ms < 5, f"{per_call_ms:.2f} ms per geocode call"
