"""Optional street-address geocoding with the U.S. Census Bureau's one-line-address geocoder.

Off unless ``CENSUS_GEOCODER_ENABLED`` is set (``Settings.census_geocoder_enabled``): it sends
part of the user's message to an outside service. When on, only the address fragment of the
message is sent (from the house number on, phone numbers and e-mail addresses removed), with a
short timeout. Any problem (disabled, timeout, HTTP error, odd answer, no match) gives None and
the caller falls back to the ZIP code or town in the text (:func:`bot.geo.geocode`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Protocol

import requests

from bot.geo import find_street_address, validate_coordinates
from bot.settings import Settings

log = logging.getLogger(__name__)

BENCHMARK = "Public_AR_Current"
MAX_ADDRESS_CHARS = 100

_PHONE_OR_EMAIL_RE = re.compile(
    r"\S+@\S+|(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)", re.IGNORECASE
)
_END_OF_ADDRESS_RE = re.compile(r"[\n!?;]")
_ZIP_AT_END_RE = re.compile(r"^.*?(?<!\d)\d{5}(?:-\d{4})?(?!\d)")


class HttpGetter(Protocol):
    """What we need from ``requests`` (the module or a ``requests.Session``): ``get``."""

    def get(self, url: str, *, params: dict[str, str], timeout: float) -> Any: ...


@dataclass(frozen=True)
class AddressMatch:
    """The Census geocoder's best match for an address."""

    matched_address: str  # as the Census Bureau spells it: "2301 ERWIN RD, DURHAM, NC, 27705"
    latitude: float
    longitude: float
    state: str | None  # two-letter code, when the answer gives one
    zip_code: str | None


def looks_like_street_address(text: str) -> bool:
    """True for text holding a house number, a street name and a street type.

    "2301 Erwin Rd Durham" and "I'm at 3643 N. Roxboro Street" are addresses; "27705",
    "Durham" and "my son is 12" are not.
    """
    return find_street_address(text) is not None


def address_fragment(text: str) -> str | None:
    """The part of ``text`` that would be sent: from the house number to the ZIP code (or the
    end of the sentence), phone numbers and e-mail addresses removed, at most 100 characters."""
    start = find_street_address(text)
    if start is None:
        return None
    rest = text[text.index(start) + len(start) :]
    rest = _END_OF_ADDRESS_RE.split(rest, maxsplit=1)[0]
    rest = _PHONE_OR_EMAIL_RE.sub(" ", rest)
    zip_end = _ZIP_AT_END_RE.match(rest)  # an address ends with its ZIP code when it has one
    rest = start + (zip_end.group(0) if zip_end else rest)
    return " ".join(rest.split())[:MAX_ADDRESS_CHARS].strip(" ,")


def geocode_address(
    text: str, settings: Settings | None = None, http: HttpGetter | None = None
) -> AddressMatch | None:
    """Look up a street address with the Census geocoder; None when off, unsure or failing.

    ``http`` defaults to the ``requests`` module; tests pass a fake. Never raises for
    network or data problems: it logs a warning (without the address) and returns None.
    """
    settings = settings or Settings.from_env()
    if not settings.census_geocoder_enabled:
        return None
    fragment = address_fragment(text)
    if fragment is None:
        return None
    client: HttpGetter = http if http is not None else requests
    params = {"address": fragment, "benchmark": BENCHMARK, "format": "json"}
    try:
        response = client.get(
            settings.census_geocoder_url, params=params, timeout=settings.census_timeout_seconds
        )
        response.raise_for_status()
        payload = response.json()
    except requests.Timeout:
        log.warning("Census geocoder timed out after %.1f s", settings.census_timeout_seconds)
        return None
    except (requests.RequestException, ValueError) as error:
        log.warning("Census geocoder failed: %s", type(error).__name__)
        return None
    match = _best_match(payload)
    if match is None:
        log.warning("Census geocoder found no usable match")
    return match


def _best_match(payload: object) -> AddressMatch | None:
    try:
        matches = payload["result"]["addressMatches"]  # type: ignore[index]
        first = matches[0]
        latitude, longitude = validate_coordinates(first["coordinates"]["y"], first["coordinates"]["x"])
        components = first.get("addressComponents") or {}
        return AddressMatch(
            matched_address=str(first["matchedAddress"]),
            latitude=latitude,
            longitude=longitude,
            state=str(components["state"]) if components.get("state") else None,
            zip_code=str(components["zip"]) if components.get("zip") else None,
        )
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
