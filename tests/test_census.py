"""Census street-address geocoder (bot.census) and the clinic search's address step
(bot.geo.locate, bot.clinic_search.search_text). Every HTTP call is faked: this machine cannot
reach the Census service, and no test sends anything anywhere."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from typing import Any

import pytest
import requests
from sqlalchemy.engine import Engine

import bot.clinic_search as clinic_search
from bot import census
from bot.census import (
    AddressMatch,
    address_fragment,
    geocode_address,
    looks_like_street_address,
    lookup_address,
)
from bot.distance import haversine_miles
from bot.geo import GeoStatus, geocode, locate
from bot.locations import Location, LocationRepository, session_scope
from bot.settings import Settings


def answer(matched: str, x: float, y: float, city: str, state: str, zip_code: str) -> dict[str, Any]:
    """A one-line-address answer in the shape the Census Geocoder API documentation gives
    (result.input, result.addressMatches[].matchedAddress / coordinates.x, .y /
    addressComponents / tigerLine). WRITTEN BY HAND FROM THAT DOCUMENTATION, NOT RECORDED: the
    coordinates are illustrative points near the named street, not the service's answer."""
    return {
        "result": {
            "input": {
                "benchmark": {"id": "4", "benchmarkName": "Public_AR_Current", "isDefault": False},
                "address": {"address": matched},
            },
            "addressMatches": [
                {
                    "tigerLine": {"side": "L", "tigerLineId": "0"},
                    "coordinates": {"x": x, "y": y},
                    "addressComponents": {
                        "fromAddress": "", "toAddress": "", "preQualifier": "", "preDirection": "",
                        "preType": "", "streetName": "", "suffixType": "", "suffixDirection": "",
                        "suffixQualifier": "", "city": city, "state": state, "zip": zip_code,
                    },
                    "matchedAddress": matched,
                }
            ],
        }
    }  # fmt: skip


ERWIN = answer("2301 ERWIN RD, DURHAM, NC, 27705", -78.93676, 36.00706, "DURHAM", "NC", "27705")
MORGAN = answer("300 W MORGAN ST, DURHAM, NC, 27701", -78.9030, 35.9970, "DURHAM", "NC", "27701")
MORGAN_POINT = (35.9970, -78.9030)
OTHER_STATE = answer("300 W MORGAN ST, DURHAM, NH, 03824", -70.93, 43.13, "DURHAM", "NH", "03824")
# The documented answer when nothing matches: an empty list.
NO_MATCH: dict[str, Any] = {"result": {"input": {}, "addressMatches": []}}


class FakeResponse:
    def __init__(self, payload: Any, status: int = 200) -> None:
        self.payload = payload
        self.status = status

    def raise_for_status(self) -> None:
        if self.status >= 400:
            raise requests.HTTPError(f"{self.status} error")

    def json(self) -> Any:
        if isinstance(self.payload, Exception):
            raise self.payload
        return self.payload


class FakeHttp:
    """Records requests; answers with a payload or raises an exception."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls: list[tuple[str, dict[str, str], Any]] = []

    def get(self, url: str, *, params: dict[str, str], timeout: Any) -> FakeResponse:
        self.calls.append((url, params, timeout))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer if isinstance(self.answer, FakeResponse) else FakeResponse(self.answer)


@pytest.fixture
def enabled(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("CENSUS_GEOCODER_URL", raising=False)
    monkeypatch.delenv("CENSUS_GEOCODER_TIMEOUT", raising=False)
    return dataclasses.replace(Settings.from_env(), census_geocoder_enabled=True)


# --- the request -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2301 Erwin Rd Durham", True),
        ("I'm at 3643 N. Roxboro Street, Durham NC", True),
        ("3400 Wake Forest Road", True),
        ("27705", False),
        ("Durham", False),
        ("my son is 12", False),
        ("my zip is 27705 and i live on main st", False),
        ("", False),
    ],
)
def test_looks_like_street_address(text: str, expected: bool) -> None:
    assert looks_like_street_address(text) is expected


def test_only_the_address_part_is_sent() -> None:
    text = "Hi, I'm Jane. I live at 2301 Erwin Rd Durham NC 27705, call 919-555-0100! thanks"
    assert address_fragment(text) == "2301 Erwin Rd Durham NC 27705"
    assert address_fragment("no address here") is None


def test_match_is_returned_with_coordinates(enabled: Settings) -> None:
    http = FakeHttp(ERWIN)
    result = geocode_address("2301 Erwin Rd Durham NC", enabled, http)
    assert result == AddressMatch(
        matched_address="2301 ERWIN RD, DURHAM, NC, 27705",
        latitude=36.00706,
        longitude=-78.93676,
        state="NC",
        zip_code="27705",
        city="Durham",
    )
    ((url, params, timeout),) = http.calls
    assert url == enabled.census_geocoder_url
    assert params == {
        "address": "2301 Erwin Rd Durham NC",
        "benchmark": "Public_AR_Current",
        "format": "json",
    }
    # connecting and reading get half each, so the call stays within the setting
    assert timeout == (enabled.census_timeout_seconds / 2, enabled.census_timeout_seconds / 2)


@pytest.mark.parametrize(
    ("matched", "label"),
    [
        ("2301 ERWIN RD, DURHAM, NC, 27705", "2301 Erwin Rd, Durham, NC 27705"),
        ("3643 N ROXBORO ST, DURHAM, NC, 27704", "3643 N Roxboro St, Durham, NC 27704"),
        ("100 1ST AVE, WINSTON-SALEM, NC, 27101", "100 1st Ave, Winston-Salem, NC 27101"),
        ("SOMETHING ODD", "Something Odd"),
    ],
)
def test_label_reads_like_an_address(matched: str, label: str) -> None:
    assert AddressMatch(matched, 36.0, -78.9, "NC", None).label == label


def test_disabled_by_default_makes_no_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CENSUS_GEOCODER_ENABLED", raising=False)
    assert Settings.from_env().census_geocoder_enabled is False
    http = FakeHttp(ERWIN)
    assert geocode_address("2301 Erwin Rd Durham NC", http=http) is None
    assert http.calls == []


def test_text_without_an_address_makes_no_request(enabled: Settings) -> None:
    http = FakeHttp(ERWIN)
    assert geocode_address("Durham", enabled, http) is None
    assert http.calls == []


@pytest.mark.parametrize(
    "answer",
    [
        requests.Timeout("slow"),
        requests.ConnectionError("down"),
        FakeResponse({}, status=503),
        FakeResponse(ValueError("not json")),
        NO_MATCH,
        {"unexpected": True},
        {"result": {"addressMatches": [{"matchedAddress": "X", "coordinates": {"x": "?"}}]}},
        {"result": {"addressMatches": [{"matchedAddress": "X", "coordinates": {"x": 1, "y": 99}}]}},
    ],
)
def test_any_failure_gives_none_and_a_warning(
    enabled: Settings, answer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=census.__name__):
        assert geocode_address("2301 Erwin Rd Durham NC", enabled, FakeHttp(answer)) is None
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "Erwin" not in caplog.text  # the user's address is not logged


def test_urllib3_request_lines_lose_the_address(enabled: Settings, caplog: pytest.LogCaptureFixture) -> None:
    lookup_address("2301 Erwin Rd Durham NC", enabled, FakeHttp(ERWIN))  # installs the filter
    urllib3_log = logging.getLogger("urllib3.connectionpool")
    with caplog.at_level(logging.DEBUG, logger="urllib3.connectionpool"):
        # the call urllib3 makes for each request (connectionpool._make_request)
        urllib3_log.debug(
            '%s://%s:%s "%s %s %s" %s %s', "https", "geocoding.geo.census.gov", 443, "GET",
            "/geocoder/locations/onelineaddress?address=2301+Erwin+Rd&format=json", "HTTP/1.1", 200, 10,
        )  # fmt: skip
    assert "onelineaddress?[query removed]" in caplog.text
    assert "Erwin" not in caplog.text


def test_default_client_is_requests(enabled: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    http = FakeHttp(ERWIN)
    monkeypatch.setattr(requests, "get", http.get)
    result = geocode_address("2301 Erwin Rd Durham NC", enabled)
    assert result is not None and result.zip_code == "27705"
    assert len(http.calls) == 1


def test_operator_lookup_ignores_the_visitor_setting() -> None:
    off = dataclasses.replace(Settings.from_env(), census_geocoder_enabled=False)
    http = FakeHttp(ERWIN)
    assert lookup_address("2301 Erwin Road, Durham, NC 27710", off, http) is not None
    assert http.calls[0][1]["address"] == "2301 Erwin Road, Durham, NC 27710"


# --- the clinic search's address step (bot.geo.locate) -----------------------------------------


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


# --- through the clinic search -----------------------------------------------------------------


def _location(slug: str, city: str, zip_code: str, latitude: float, longitude: float) -> Location:
    return Location(
        slug=slug, name=slug.replace("-", " ").title(), street="1 Test Street", city=city,
        state="NC", zip_code=zip_code, latitude=latitude, longitude=longitude,
        coords_source="test", note="", source="test", verified_on=date(2026, 12, 3),
    )  # fmt: skip


@pytest.fixture
def two_durham_locations(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[Location]:
    """A list of the test's own in a fresh database, used by the clinic search."""
    rows = [
        _location("west-clinic", "Durham", "27705", 36.0218, -78.9478),
        _location("north-clinic", "Durham", "27704", 36.0383, -78.8764),
    ]
    with session_scope(sqlite_engine) as session:
        LocationRepository(session).upsert_many(rows)
    monkeypatch.setattr(clinic_search, "session_scope", lambda: session_scope(sqlite_engine))
    return rows


def _miles_from(point: tuple[float, float], locations: list[Location]) -> dict[str, float]:
    return {loc.slug: haversine_miles(*point, loc.latitude, loc.longitude) for loc in locations}


def test_search_measures_from_the_address_when_enabled(
    two_durham_locations: list[Location], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CENSUS_GEOCODER_ENABLED", "true")
    http = FakeHttp(MORGAN)
    monkeypatch.setattr(requests, "get", http.get)
    result = clinic_search.search_text("I'm at 300 W Morgan St, Durham")
    assert len(http.calls) == 1
    expected = _miles_from(MORGAN_POINT, two_durham_locations)
    assert {d.location.slug: d.miles for d in result.clinics} == pytest.approx(expected)


def test_search_falls_back_to_the_town_when_the_service_is_down(
    two_durham_locations: list[Location], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CENSUS_GEOCODER_ENABLED", "true")
    http = FakeHttp(requests.ConnectionError("down"))
    monkeypatch.setattr(requests, "get", http.get)
    text = "I'm at 300 W Morgan St, Durham"
    result = clinic_search.search_text(text)
    assert len(http.calls) == 1
    town = geocode(text)
    expected = _miles_from((town.latitude, town.longitude), two_durham_locations)
    assert {d.location.slug: d.miles for d in result.clinics} == pytest.approx(expected)
