"""Where a visitor's message points to: a ZIP code, a town, or (when enabled) a street address.

:func:`geocode` works offline (:mod:`bot.zip_codes`, :mod:`bot.towns`); :func:`locate`, used by
the location search, also places a street address with the U.S. Census geocoder (:mod:`bot.census`)
when the operator turned it on, and falls back to :func:`geocode` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.census import HttpGetter, geocode_address, looks_like_street_address
from bot.settings import Settings
from bot.towns import TOKEN_RE, find_town
from bot.zip_codes import HOME_STATE, ZipStatus, parse_zip


class GeoStatus(str, Enum):
    """Outcome of :func:`geocode`; the caller turns it into a friendly message."""

    OK_NC = "ok_nc"  # a place in North Carolina: coordinates are set
    OUTSIDE_NC = "outside_nc"  # a real place in another state: coordinates are set
    NOT_A_ZIP = "not_a_zip"  # five digits that are no ZIP code
    BAD_LENGTH = "bad_length"  # digits of the wrong length for a ZIP code
    UNKNOWN_PLACE = "unknown_place"  # text, but no ZIP or town recognised in it
    EMPTY = "empty"  # nothing but whitespace or punctuation


@dataclass(frozen=True)
class GeoResult:
    """Where a message points to.

    ``label`` is what to show the user: "27705 (Durham)", "Raleigh", "94110 (San Francisco, CA)",
    "Danville, VA", "300 W Morgan St, Durham, NC 27701" (a street address placed by the Census
    geocoder), the offending digits for ``not_a_zip``/``bad_length``, and "" otherwise.
    ``latitude``/``longitude`` are set exactly when ``status`` is ``ok_nc`` or ``outside_nc``.
    ``source`` is "zip", "town", "address" or None. ``corrected`` is True when a misspelt town
    was matched, so the caller can say "I took that as Durham".
    """

    status: GeoStatus
    label: str
    latitude: float | None = None
    longitude: float | None = None
    zip_code: str | None = None
    city: str | None = None
    state: str | None = None
    source: str | None = None
    corrected: bool = False

    @property
    def has_coordinates(self) -> bool:
        """True when the result can be used to look for the nearest location."""
        return self.latitude is not None and self.longitude is not None


def geocode(text: str) -> GeoResult:
    """Turn a user's message into a place, offline: a real ZIP first, then a town, then the problem.

    See :class:`GeoStatus` for the outcomes. A message holding both a bad number and a town
    ("2770 durham") resolves to the town.
    """
    if not TOKEN_RE.search(text or ""):
        return GeoResult(status=GeoStatus.EMPTY, label="")
    found_zip = parse_zip(text)
    if found_zip.status in (ZipStatus.NC, ZipStatus.OUTSIDE_NC):
        in_nc = found_zip.status is ZipStatus.NC
        place = found_zip.city if in_nc else f"{found_zip.city}, {found_zip.state}"
        return GeoResult(
            status=GeoStatus.OK_NC if in_nc else GeoStatus.OUTSIDE_NC,
            label=f"{found_zip.zip_code} ({place})",
            latitude=found_zip.latitude,
            longitude=found_zip.longitude,
            zip_code=found_zip.zip_code,
            city=found_zip.city,
            state=found_zip.state,
            source="zip",
        )
    town = find_town(text)
    if town is not None:
        in_nc = town.state == HOME_STATE
        return GeoResult(
            status=GeoStatus.OK_NC if in_nc else GeoStatus.OUTSIDE_NC,
            label=town.name if in_nc else f"{town.name}, {town.state}",
            latitude=town.latitude,
            longitude=town.longitude,
            city=town.name,
            state=town.state,
            source="town",
            corrected=town.corrected,
        )
    if found_zip.status is ZipStatus.NOT_A_ZIP:
        return GeoResult(status=GeoStatus.NOT_A_ZIP, label=found_zip.zip_code or "")
    if found_zip.status is ZipStatus.BAD_LENGTH:
        return GeoResult(status=GeoStatus.BAD_LENGTH, label=found_zip.zip_code or "")
    return GeoResult(status=GeoStatus.UNKNOWN_PLACE, label="")


def locate(text: str, settings: Settings | None = None, http: HttpGetter | None = None) -> GeoResult:
    """Like :func:`geocode`, but a street address is placed exactly when the operator enabled
    the Census geocoder (``CENSUS_GEOCODER_ENABLED``).

    Only a message that :func:`geocode` already places in North Carolina (by its ZIP code or
    town) and that holds a street address is sent, so the form's offline check and the search
    agree on what was understood. When the geocoder is off, fails, finds nothing or answers with
    another state, the ZIP code or town in the text is used. ``settings`` and ``http`` are for
    tests (defaults: the environment and ``requests``).
    """
    place = geocode(text)
    if place.status is not GeoStatus.OK_NC or not looks_like_street_address(text):
        return place
    match = geocode_address(text, settings, http)
    if match is None or match.state != HOME_STATE:
        return place
    return GeoResult(
        status=GeoStatus.OK_NC,
        label=match.label,
        latitude=match.latitude,
        longitude=match.longitude,
        zip_code=match.zip_code,
        city=match.city,
        state=HOME_STATE,
        source="address",
    )
