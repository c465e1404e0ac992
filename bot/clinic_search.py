"""Clinic finder: from a place (text or coordinates) to the nearest locations, as messages.

The Rasa action only passes text or coordinates in and sends out what this module returns.
Distances are straight-line miles; map links are plain Google Maps search URLs (no API key, and
the assistant itself never calls an outside service for them).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlencode

from sqlalchemy.exc import SQLAlchemyError

from bot.geo import GeoResult, GeoStatus, describe_distance, geocode, validate_coordinates
from bot.locations.models import LocationDistance
from bot.locations.repository import LocationRepository, session_scope
from bot.settings import APPOINTMENT_PHONE, APPOINTMENT_TEL

logger = logging.getLogger(__name__)

MAX_RESULTS = 3
# Beyond this the visitor is told plainly that the locations are far away.
FAR_MILES = 60.0
TRY_AGAIN = 'Please try a 5-digit ZIP code or a town name, like "27705" or "Raleigh".'


class Outcome(str, Enum):
    FOUND = "found"  # locations to show
    NOT_UNDERSTOOD = "not_understood"  # bad input: the visitor gets another try
    UNAVAILABLE = "unavailable"  # the database could not be reached


@dataclass(frozen=True)
class SearchResult:
    outcome: Outcome
    intro: str
    clinics: list[LocationDistance] = field(default_factory=list)
    note: str = ""

    def clinic_cards(self) -> list[dict]:
        return [
            {
                "name": item.location.name,
                "street": item.location.street,
                "city": item.location.city,
                "state": item.location.state,
                "zip_code": item.location.zip_code,
                "distance_text": describe_distance(item.miles),
                "map_url": map_url(item.location.name, item.location.address),
                "phone": APPOINTMENT_PHONE,
                "tel": APPOINTMENT_TEL,
            }
            for item in self.clinics
        ]

    def to_text(self) -> str:
        """The whole answer as text (rasa shell, REST)."""
        parts = [self.intro]
        for number, card in enumerate(self.clinic_cards(), start=1):
            parts.append(
                f"{number}. **{card['name']}**, {card['street']}, {card['city']}, "
                f"{card['state']} {card['zip_code']} ({card['distance_text']} away)\n"
                f"   Map: {card['map_url']}"
            )
        if self.note:
            parts.append(self.note)
        return "\n".join(parts)

    def to_payload(self) -> dict:
        """Structured cards for the web widget."""
        return {
            "type": "clinic_results",
            "intro": self.intro,
            "clinics": self.clinic_cards(),
            "note": self.note,
            "phone": APPOINTMENT_PHONE,
            "tel": APPOINTMENT_TEL,
        }


def map_url(name: str, address: str) -> str:
    """A Google Maps search link for a location (no API key needed)."""
    return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": f"{name}, {address}"})


def search_text(text: str) -> SearchResult:
    """Find locations for a ZIP code or town typed by the visitor."""
    return _search_place(geocode(text or ""), text or "")


def search_coordinates(latitude: object, longitude: object) -> SearchResult:
    """Find locations near coordinates sent by the browser ("Use my location")."""
    try:
        lat, lon = validate_coordinates(latitude, longitude)
    except ValueError:
        return SearchResult(Outcome.NOT_UNDERSTOOD, "Sorry, I couldn't read that location.", note=TRY_AGAIN)
    return _nearest(lat, lon, "Here are the nearest locations to you")


def _search_place(place: GeoResult, text: str) -> SearchResult:
    if place.status is GeoStatus.OK_NC:
        heard = f"I took that as {place.label}. " if place.corrected else ""
        if place.source == "town":
            result = _in_city(place)
            if result is not None:
                return _with_prefix(result, heard)
        return _with_prefix(
            _nearest(place.latitude, place.longitude, f"Here are the nearest locations to {place.label}"),
            heard,
        )
    if place.status is GeoStatus.OUTSIDE_NC:
        return _outside_nc(place)
    return SearchResult(Outcome.NOT_UNDERSTOOD, _problem(place, text), note=TRY_AGAIN)


def _problem(place: GeoResult, text: str) -> str:
    if place.status is GeoStatus.NOT_A_ZIP:
        return f'Sorry, "{place.label}" isn\'t a ZIP code I know.'
    if place.status is GeoStatus.BAD_LENGTH:
        return f'A ZIP code has 5 digits, and "{place.label}" has {len(place.label)}.'
    if place.status is GeoStatus.EMPTY:
        return "I didn't catch a place there."
    shown = " ".join(text.split())[:40]
    return f'Sorry, I couldn\'t find "{shown}" in North Carolina.'


def _with_prefix(result: SearchResult, prefix: str) -> SearchResult:
    if not prefix or result.outcome is not Outcome.FOUND:
        return result
    return SearchResult(result.outcome, prefix + result.intro, result.clinics, result.note)


def _in_city(place: GeoResult) -> SearchResult | None:
    try:
        with session_scope() as session:
            repo = LocationRepository(session)
            in_town = repo.in_city(place.city or "")
            if not in_town:
                return None
            ranked = repo.nearest(place.latitude, place.longitude, limit=len(repo.all()))
    except SQLAlchemyError:
        logger.exception("Location database unavailable")
        return _unavailable()
    wanted = {loc.slug for loc in in_town}
    clinics = [item for item in ranked if item.location.slug in wanted][:MAX_RESULTS]
    count = "is a location" if len(clinics) == 1 else f"are {len(clinics)} locations"
    return SearchResult(
        Outcome.FOUND,
        f"Yes, there {count} in {place.city}:",
        clinics,
        _call_note(),
    )


def _nearest(lat: float, lon: float, intro: str) -> SearchResult:
    try:
        with session_scope() as session:
            clinics = LocationRepository(session).nearest(lat, lon, limit=MAX_RESULTS)
    except SQLAlchemyError:
        logger.exception("Location database unavailable")
        return _unavailable()
    if not clinics:
        return _unavailable()
    note = _call_note()
    if clinics[0].miles > FAR_MILES:
        note = (
            f"All of these are in North Carolina's Triangle area, and the closest is "
            f"{describe_distance(clinics[0].miles)} away. " + note
        )
    return SearchResult(Outcome.FOUND, f"{intro}, by straight-line distance:", clinics, note)


def _outside_nc(place: GeoResult) -> SearchResult:
    found = _nearest(place.latitude, place.longitude, "")
    if found.outcome is not Outcome.FOUND:
        return found
    closest = found.clinics[0]
    intro = (
        f"{place.label} is outside North Carolina. Our locations are in North Carolina's "
        f"Triangle area; the closest is {describe_distance(closest.miles)} away:"
    )
    return SearchResult(Outcome.FOUND, intro, found.clinics[:1], _call_note())


def _call_note() -> str:
    return f"To make an appointment, call {APPOINTMENT_PHONE}."


def _unavailable() -> SearchResult:
    return SearchResult(
        Outcome.UNAVAILABLE,
        f"Sorry, I can't look up locations right now. Please call {APPOINTMENT_PHONE} "
        "and the team can tell you where to be seen.",
    )
