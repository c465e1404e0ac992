"""The place in a visitor's message (bot.geo): the offline lookup (ZIP code, then town) and the
Census street-address step, whose HTTP calls are faked (tests/support/census.py)."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

from bot.geo import GeoStatus, geocode, locate
from bot.settings import Settings
from tests.support.census import MORGAN, MORGAN_POINT, NO_MATCH, OTHER_STATE, FakeHttp

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


# --- the location search's address step (bot.geo.locate) -----------------------------------------


def test_an_address_is_placed_exactly_when_enabled(enabled: Settings) -> None:
    http = FakeHttp(MORGAN)
    place = locate("I'm at 300 W Morgan St, Durham", enabled, http)
    assert (place.status, place.source, place.label) == (
        GeoStatus.OK_NC,
        "address",
        "300 W Morgan St, Durham, NC 27701",
    )
    assert (place.latitude, place.longitude) == MORGAN_POINT
    assert (place.city, place.state, place.zip_code) == ("Durham", "NC", "27701")
    assert [params["address"] for _, params, _ in http.calls] == ["300 W Morgan St, Durham"]


@pytest.mark.parametrize(
    "answer",
    [requests.Timeout("slow"), requests.ConnectionError("down"), NO_MATCH, OTHER_STATE],
)
def test_failure_or_doubt_falls_back_to_the_town_or_zip(enabled: Settings, answer: Any) -> None:
    for text in ("I'm at 300 W Morgan St, Durham", "300 W Morgan St, Durham NC 27701"):
        assert locate(text, enabled, FakeHttp(answer)) == geocode(text)
    assert locate("I'm at 300 W Morgan St, Durham", enabled, FakeHttp(answer)).source == "town"


def test_off_by_default_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CENSUS_GEOCODER_ENABLED", raising=False)
    http = FakeHttp(MORGAN)
    text = "I'm at 300 W Morgan St, Durham"
    assert locate(text, http=http) == geocode(text)
    assert http.calls == []


@pytest.mark.parametrize(
    "text",
    [
        "300 W Morgan St",  # no town or ZIP the form would accept: not sent
        "27705",  # no street address
        "Raleigh",
        "123 Main St, Danville, VA",  # outside North Carolina anyway
        "00000",
    ],
)
def test_only_an_address_in_a_known_nc_place_is_sent(enabled: Settings, text: str) -> None:
    http = FakeHttp(MORGAN)
    assert locate(text, enabled, http) == geocode(text)
    assert http.calls == []
