"""Location finder: from a place (text or coordinates) to the nearest locations, as a reply.

The Rasa action only passes text or coordinates in and sends out what this module returns. The
words are response templates (``utter_location_*`` in responses/en/locations.yml): a search
decides which ones and with which values, and :meth:`SearchResult.reply` fills them. Distances
are straight-line miles; map links are plain Google Maps search URLs (no API key, and the
assistant itself never calls an outside service for them).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping, Optional
from urllib.parse import urlencode

from sqlalchemy.exc import SQLAlchemyError

from bot.distance import rounded_miles, validate_coordinates
from bot.geo import GeoResult, GeoStatus, locate
from bot.locations.models import LocationDistance
from bot.locations.repository import LocationRepository, session_scope
from bot.responses import Responses, Utterance, fill, fill_all
from bot.settings import APPOINTMENT_PHONE, APPOINTMENT_TEL

logger = logging.getLogger(__name__)

MAX_RESULTS = 3
# Beyond this the visitor is told plainly that the locations are far away.
FAR_MILES = 60.0

TRY_AGAIN = Utterance("utter_location_try_again")
CALL = Utterance("utter_location_call")


class Outcome(str, Enum):
    FOUND = "found"  # locations to show
    NOT_UNDERSTOOD = "not_understood"  # bad input: the visitor gets another try
    UNAVAILABLE = "unavailable"  # the database could not be reached


@dataclass(frozen=True)
class SearchResult:
    """What to say: the first line's sentences, the locations found, and the note's sentences."""

    outcome: Outcome
    intro: tuple[Utterance, ...]
    locations: tuple[LocationDistance, ...] = ()
    note: tuple[Utterance, ...] = ()

    def reply(self, responses: Responses, slots: Optional[Mapping[str, Any]] = None) -> LocationReply:
        """The answer with every template filled, for text channels and the widget alike."""
        cards = [
            {
                "name": item.location.name,
                "street": item.location.street,
                "city": item.location.city,
                "state": item.location.state,
                "zip_code": item.location.zip_code,
                "distance_text": fill(responses, distance_utterance(item.miles), slots),
                "map_url": map_url(item.location.name, item.location.address),
                "phone": APPOINTMENT_PHONE,
                "tel": APPOINTMENT_TEL,
            }
            for item in self.locations
        ]
        rows = [
            fill(
                responses,
                Utterance(
                    "utter_location_row",
                    {
                        "number": number,
                        "name": card["name"],
                        "street": card["street"],
                        "city": card["city"],
                        "state": card["state"],
                        "zip_code": card["zip_code"],
                        "distance": card["distance_text"],
                        "map_url": card["map_url"],
                    },
                ),
                slots,
            )
            for number, card in enumerate(cards, start=1)
        ]
        return LocationReply(
            intro=fill_all(responses, self.intro, slots),
            cards=cards,
            rows=rows,
            note=fill_all(responses, self.note, slots),
        )


@dataclass(frozen=True)
class LocationReply:
    """A search result in words: text for rasa shell and REST, cards for the web widget."""

    intro: str
    cards: list[dict]
    rows: list[str]
    note: str = ""

    def to_text(self) -> str:
        """The whole answer as text: the first line, one row per location, then the note."""
        return "\n".join(part for part in (self.intro, *self.rows, self.note) if part)

    def to_payload(self) -> dict:
        """Structured cards for the web widget."""
        return {
            "type": "location_results",
            "intro": self.intro,
            "locations": self.cards,
            "note": self.note,
            "phone": APPOINTMENT_PHONE,
            "tel": APPOINTMENT_TEL,
        }


def distance_utterance(miles: float) -> Utterance:
    """A straight-line distance as a person would say it: "about 12 miles" (see rounded_miles)."""
    rounded = rounded_miles(miles)
    if rounded == 0:
        return Utterance("utter_location_distance_under_one")
    if rounded == 1:
        return Utterance("utter_location_distance_one")
    return Utterance("utter_location_distance_miles", {"miles": rounded})


def map_url(name: str, address: str) -> str:
    """A Google Maps search link for a location (no API key needed)."""
    return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": f"{name}, {address}"})


def search_text(text: str) -> SearchResult:
    """Find locations for a ZIP code or town typed by the visitor."""
    return _search_place(locate(text or ""), text or "")


def search_coordinates(latitude: object, longitude: object) -> SearchResult:
    """Find locations near coordinates sent by the browser ("Use my location")."""
    try:
        lat, lon = validate_coordinates(latitude, longitude)
    except ValueError:
        return SearchResult(
            Outcome.NOT_UNDERSTOOD, (Utterance("utter_location_coordinates_unreadable"),), note=(TRY_AGAIN,)
        )
    return _nearest(lat, lon, Utterance("utter_location_nearest_to_you"))


def _search_place(place: GeoResult, text: str) -> SearchResult:
    if place.status is GeoStatus.OK_NC:
        taken_as = (Utterance("utter_location_taken_as", {"place": place.label}),) if place.corrected else ()
        if place.source == "town":
            result = _in_city(place)
            if result is not None:
                return _with_prefix(result, taken_as)
        return _with_prefix(
            _nearest(
                place.latitude,
                place.longitude,
                Utterance("utter_location_nearest_to_place", {"place": place.label}),
            ),
            taken_as,
        )
    if place.status is GeoStatus.OUTSIDE_NC:
        return _outside_nc(place)
    return SearchResult(Outcome.NOT_UNDERSTOOD, (_problem(place, text),), note=(TRY_AGAIN,))


def _problem(place: GeoResult, text: str) -> Utterance:
    if place.status is GeoStatus.NOT_A_ZIP:
        return Utterance("utter_location_not_a_zip", {"digits": place.label})
    if place.status is GeoStatus.BAD_LENGTH:
        return Utterance("utter_location_zip_length", {"digits": place.label, "count": len(place.label)})
    if place.status is GeoStatus.EMPTY:
        return Utterance("utter_location_nothing_heard")
    return Utterance("utter_location_not_found", {"words": " ".join(text.split())[:40]})


def _with_prefix(result: SearchResult, prefix: tuple[Utterance, ...]) -> SearchResult:
    if not prefix or result.outcome is not Outcome.FOUND:
        return result
    return SearchResult(result.outcome, prefix + result.intro, result.locations, result.note)


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
    locations = tuple(item for item in ranked if item.location.slug in wanted)[:MAX_RESULTS]
    if len(locations) == 1:
        intro = Utterance("utter_location_in_town_one", {"town": place.city})
    else:
        intro = Utterance("utter_location_in_town_many", {"town": place.city, "count": len(locations)})
    return SearchResult(Outcome.FOUND, (intro,), locations, (CALL,))


def _nearest(lat: float, lon: float, intro: Utterance) -> SearchResult:
    locations = _locations_near(lat, lon)
    if not locations:
        return _unavailable()
    note: tuple[Utterance, ...] = (CALL,)
    if locations[0].miles > FAR_MILES:
        note = (Utterance("utter_location_far", {"distance": distance_utterance(locations[0].miles)}), CALL)
    return SearchResult(Outcome.FOUND, (intro,), locations, note)


def _outside_nc(place: GeoResult) -> SearchResult:
    locations = _locations_near(place.latitude, place.longitude)
    if not locations:
        return _unavailable()
    intro = Utterance(
        "utter_location_outside_nc",
        {"place": place.label, "distance": distance_utterance(locations[0].miles)},
    )
    return SearchResult(Outcome.FOUND, (intro,), locations[:1], (CALL,))


def _locations_near(lat: float, lon: float) -> tuple[LocationDistance, ...]:
    """The nearest locations, nearest first; none when the database can't be read."""
    try:
        with session_scope() as session:
            return tuple(LocationRepository(session).nearest(lat, lon, limit=MAX_RESULTS))
    except SQLAlchemyError:
        logger.exception("Location database unavailable")
        return ()


def _unavailable() -> SearchResult:
    return SearchResult(Outcome.UNAVAILABLE, (Utterance("utter_location_unavailable"),))
