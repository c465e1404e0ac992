"""Street addresses placed with the U.S. Census Bureau's one-line-address geocoder.

Two callers. The location search (:func:`bot.geo.locate`) sends a visitor's address only when the
operator set ``CENSUS_GEOCODER_ENABLED`` (``Settings.census_geocoder_enabled``), and then only the
address part of the message (from the house number on, phone numbers and e-mail addresses
removed). The operator's ``python -m bot.locations geocode`` places the locations' own, public
addresses. Both use a short timeout; any problem (timeout, HTTP error, odd answer, no match)
gives None and the caller keeps what it had. The address is never logged, by this module or by
urllib3's request lines.

Answer format (documented by the Census Bureau, "Census Geocoder" API): ``result.addressMatches``
is a list, best first, each with ``matchedAddress`` ("4600 SILVER HILL RD, WASHINGTON, DC,
20233"), ``coordinates.x`` (longitude) and ``coordinates.y`` (latitude), and
``addressComponents`` (``city``, ``state``, ``zip``, ...).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Protocol

import requests

from bot.distance import validate_coordinates
from bot.settings import Settings
from bot.zip_codes import display_name, find_street_address

log = logging.getLogger(__name__)

BENCHMARK = "Public_AR_Current"
MAX_ADDRESS_CHARS = 100

_PHONE_OR_EMAIL_RE = re.compile(
    r"\S+@\S+|(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)", re.IGNORECASE
)
_END_OF_ADDRESS_RE = re.compile(r"[\n!?;]")
_ZIP_AT_END_RE = re.compile(r"^.*?(?<!\d)\d{5}(?:-\d{4})?(?!\d)")
_DIRECTIONS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})


class HttpGetter(Protocol):
    """What we need from ``requests`` (the module or a ``requests.Session``): ``get``."""

    def get(self, url: str, *, params: dict[str, str], timeout: tuple[float, float]) -> Any: ...


@dataclass(frozen=True)
class AddressMatch:
    """The Census geocoder's best match for an address."""

    matched_address: str  # as the Census Bureau spells it: "2301 ERWIN RD, DURHAM, NC, 27705"
    latitude: float
    longitude: float
    state: str | None  # two-letter code, when the answer gives one
    zip_code: str | None
    city: str | None = None

    @property
    def label(self) -> str:
        """The matched address as a person writes it: "2301 Erwin Rd, Durham, NC 27705"."""
        parts = [part.strip() for part in self.matched_address.split(",") if part.strip()]
        if len(parts) >= 3 and re.fullmatch(r"[A-Z]{2}", parts[-2]) and parts[-1].isdigit():
            return ", ".join([*map(_words_cased, parts[:-2]), f"{parts[-2]} {parts[-1]}"])
        return ", ".join(map(_words_cased, parts))


def _words_cased(text: str) -> str:
    return " ".join(w if w in _DIRECTIONS else display_name(w) for w in text.split())


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
    """Place the street address in a visitor's message; None when off, unsure or failing.

    Sends nothing unless ``settings.census_geocoder_enabled`` (default: from the environment)
    and the text holds a street address. ``http`` defaults to ``requests``; tests pass a fake.
    """
    settings = settings or Settings.from_env()
    if not settings.census_geocoder_enabled:
        return None
    fragment = address_fragment(text)
    if fragment is None:
        return None
    return lookup_address(fragment, settings, http)


def lookup_address(
    address: str, settings: Settings | None = None, http: HttpGetter | None = None
) -> AddressMatch | None:
    """Ask the Census geocoder for a one-line address; the best match, or None.

    Does not look at ``census_geocoder_enabled``: callers decide whether this address may be
    sent. Never raises for network or data problems: it logs a warning (without the address)
    and returns None.
    """
    settings = settings or Settings.from_env()
    client: HttpGetter = http if http is not None else requests
    params = {"address": address, "benchmark": BENCHMARK, "format": "json"}
    _hide_query_strings_in_urllib3_log()
    # requests applies a timeout to connecting and to each read separately: half each keeps the
    # usual call (connect, one short answer) within the setting, below the action server's limit
    half = settings.census_timeout_seconds / 2
    try:
        response = client.get(settings.census_geocoder_url, params=params, timeout=(half, half))
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
            city=display_name(str(components["city"])) if components.get("city") else None,
        )
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


class _QueryStringFilter(logging.Filter):
    """Cuts the query string (the address) from urllib3's DEBUG request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                arg.split("?", 1)[0] + "?[query removed]"
                if isinstance(arg, str) and "address=" in arg
                else arg
                for arg in record.args
            )
        return True


_QUERY_STRING_FILTER = _QueryStringFilter()


def _hide_query_strings_in_urllib3_log() -> None:
    # urllib3 logs each request's path and query at DEBUG level (e.g. `rasa run actions --debug`)
    urllib3_log = logging.getLogger("urllib3.connectionpool")
    if _QUERY_STRING_FILTER not in urllib3_log.filters:
        urllib3_log.addFilter(_QUERY_STRING_FILTER)
