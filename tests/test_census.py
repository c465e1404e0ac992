"""Census street-address geocoder: every HTTP call is faked, nothing leaves the machine."""

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
)
from bot.settings import Settings

MATCH = {
    "result": {
        "input": {"address": {"address": "2301 Erwin Rd Durham NC"}},
        "addressMatches": [
            {
                "matchedAddress": "2301 ERWIN RD, DURHAM, NC, 27705",
                "coordinates": {"x": -78.93676, "y": 36.00706},
                "addressComponents": {"city": "DURHAM", "state": "NC", "zip": "27705"},
            }
        ],
    }
}
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
        self.calls: list[tuple[str, dict[str, str], float]] = []

    def get(self, url: str, *, params: dict[str, str], timeout: float) -> FakeResponse:
        self.calls.append((url, params, timeout))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer if isinstance(self.answer, FakeResponse) else FakeResponse(self.answer)


@pytest.fixture
def enabled(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("CENSUS_GEOCODER_URL", raising=False)
    monkeypatch.delenv("CENSUS_GEOCODER_TIMEOUT", raising=False)
    return dataclasses.replace(Settings.from_env(), census_geocoder_enabled=True)


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
    http = FakeHttp(MATCH)
    result = geocode_address("2301 Erwin Rd Durham NC", enabled, http)
    assert result == AddressMatch(
        matched_address="2301 ERWIN RD, DURHAM, NC, 27705",
        latitude=36.00706,
        longitude=-78.93676,
        state="NC",
        zip_code="27705",
    )
    ((url, params, timeout),) = http.calls
    assert url == enabled.census_geocoder_url
    assert params == {
        "address": "2301 Erwin Rd Durham NC",
        "benchmark": "Public_AR_Current",
        "format": "json",
    }
    assert timeout == enabled.census_timeout_seconds


def test_disabled_by_default_makes_no_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CENSUS_GEOCODER_ENABLED", raising=False)
    http = FakeHttp(MATCH)
    assert geocode_address("2301 Erwin Rd Durham NC", http=http) is None
    assert http.calls == []


def test_text_without_an_address_makes_no_request(enabled: Settings) -> None:
    http = FakeHttp(MATCH)
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


def test_default_client_is_requests(enabled: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    http = FakeHttp(MATCH)
    monkeypatch.setattr(requests, "get", http.get)
    result = geocode_address("2301 Erwin Rd Durham NC", enabled)
    assert result is not None and result.zip_code == "27705"
    assert len(http.calls) == 1
