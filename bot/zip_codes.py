"""ZIP codes and street addresses in a visitor's free text, placed offline.

ZIP data comes from the ``zipcodes`` package, which bundles every U.S. ZIP code with its city,
state and centroid (data from GeoNames, CC BY). Nothing here touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import zipcodes

HOME_STATE = "NC"


class ZipStatus(str, Enum):
    """What :func:`parse_zip` found in a text."""

    NC = "nc"  # a real ZIP code in North Carolina
    OUTSIDE_NC = "outside_nc"  # a real ZIP code in another state or territory
    NOT_A_ZIP = "not_a_zip"  # five digits that are not a ZIP code (00000, 99999)
    BAD_LENGTH = "bad_length"  # a number of 3-4 or 6-8 digits: a mistyped ZIP
    NO_ZIP = "no_zip"  # no number that could be meant as a ZIP code


@dataclass(frozen=True)
class ZipResult:
    """A ZIP code found in a text. ``zip_code`` is the 5-digit ZIP (or the bad digits)."""

    status: ZipStatus
    zip_code: str | None = None
    city: str | None = None
    state: str | None = None
    latitude: float | None = None
    longitude: float | None = None


_PHONE_RE = re.compile(r"(?<![\d-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
_STREET_SUFFIXES = (
    "road|rd|street|st|avenue|ave|av|boulevard|blvd|drive|dr|lane|ln|way|court|ct|circle|cir"
    "|place|pl|parkway|pkwy|highway|hwy|trail|trl|terrace|ter|loop|pike|square|sq|plaza"
)
# Street types, lower case: a town name followed by one of them is a street ("Wake Forest Road").
STREET_WORDS = frozenset(_STREET_SUFFIXES.split("|"))
# Words that show the digits are not a house number ("27705 and i live on main st").
_NOT_STREET_WORDS = "and|or|i|im|my|is|it|its|the|on|in|at|live|living|near|zip|code|but|we"
_STREET_ADDRESS_RE = re.compile(
    rf"(?<![\d.-])(?P<number>\d{{1,6}})[a-z]?\s+"
    rf"(?:(?!(?:{_NOT_STREET_WORDS})\b)[a-z0-9'.-]+\s+){{1,4}}?"
    rf"(?P<suffix>{_STREET_SUFFIXES})\b\.?",
    re.IGNORECASE,
)
_ZIP_RE = re.compile(r"(?<![\d.])(?P<zip>\d{5})(?:-\d{4}|\d{4})?(?![\d]|\.\d)")
_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?![\d]|\.\d)")


def find_street_address(text: str) -> str | None:
    """Return the street-address part of a text ("2301 Erwin Rd"), or None.

    A house number followed by up to four words and a street suffix (Rd, Street, Ave, ...).
    """
    match = _STREET_ADDRESS_RE.search(text)
    return match.group(0) if match else None


def display_name(name: str) -> str:
    """Title-case a zipcodes city name, keeping hyphens: "winston-salem" -> "Winston-Salem"."""
    return "-".join(" ".join(w.capitalize() for w in part.split(" ")) for part in name.split("-"))


def _blank_out(text: str, pattern: re.Pattern[str], group: str | int = 0) -> str:
    """Replace each match (or one group of it) by spaces, keeping the other offsets."""

    def spaces(match: re.Match[str]) -> str:
        start, end = match.span(group)
        inner = match.group(0)
        offset = match.start()
        return inner[: start - offset] + " " * (end - start) + inner[end - offset :]

    return pattern.sub(spaces, text)


@lru_cache(maxsize=4096)
def zip_record(zip_code: str) -> dict[str, object] | None:
    """The ``zipcodes`` record of a 5-digit ZIP code (city, state, lat, long, type...), or None."""
    matches = zipcodes.matching(zip_code)
    return matches[0] if matches else None


def parse_zip(text: str) -> ZipResult:
    """Find a ZIP code in free text and classify it.

    Accepts "27705", "27705-1234" and "umm i think my zip is 27609". Phone numbers and the
    house number of a street address are ignored. The first real ZIP wins; otherwise the first
    5-digit number is reported as ``not_a_zip``, or the first number of 3-4 or 6-8 digits as
    ``bad_length``.
    """
    cleaned = _blank_out(text, _PHONE_RE)
    cleaned = _blank_out(cleaned, _STREET_ADDRESS_RE, "number")
    first_unreal: str | None = None
    for match in _ZIP_RE.finditer(cleaned):
        digits = match.group("zip")
        record = zip_record(digits)
        if record is None:
            first_unreal = first_unreal or digits
            continue
        state = str(record["state"])
        return ZipResult(
            status=ZipStatus.NC if state == HOME_STATE else ZipStatus.OUTSIDE_NC,
            zip_code=digits,
            city=display_name(str(record["city"])),
            state=state,
            latitude=float(str(record["lat"])),
            longitude=float(str(record["long"])),
        )
    if first_unreal is not None:
        return ZipResult(status=ZipStatus.NOT_A_ZIP, zip_code=first_unreal)
    for match in _NUMBER_RE.finditer(cleaned):
        if 3 <= len(match.group(0)) <= 8:
            return ZipResult(status=ZipStatus.BAD_LENGTH, zip_code=match.group(0))
    return ZipResult(status=ZipStatus.NO_ZIP)
