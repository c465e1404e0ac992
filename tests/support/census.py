"""Fakes for the U.S. Census geocoder: answers in its documented format and an HTTP client that
records requests. This machine cannot reach the service, and no test sends anything anywhere."""

from __future__ import annotations

from typing import Any

import requests


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
