"""Census street-address geocoder (bot.census). Every HTTP call is faked (tests/support/census.py):
this machine cannot reach the Census service, and no test sends anything anywhere. The clinic
search's address step is in test_geo.py and test_location_search.py."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pytest
import requests

from bot import census
from bot.census import (
    AddressMatch,
    address_fragment,
    geocode_address,
    looks_like_street_address,
    lookup_address,
)
from bot.settings import Settings
from tests.support.census import ERWIN, NO_MATCH, FakeHttp, FakeResponse

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
