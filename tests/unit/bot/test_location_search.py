"""Location finder answers, from the visitor's words to the text and cards shown.

The locations are the test's own (tests/support/locations.py: the three reference hospitals at
ZIP-area centroids) in a database of its own, so adding a clinic to seeds/ changes nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.distance import haversine_miles
from bot.geo import geocode
from bot.location_search import LocationReply, Outcome, distance_utterance, search_coordinates, search_text
from bot.locations import Location
from bot.responses import fill, load_responses
from scripts._services import free_port
from tests.support.census import MORGAN, MORGAN_POINT, FakeHttp
from tests.support.locations import location, locations_database

pytestmark = pytest.mark.usefixtures("triangle_locations")

RESPONSES = load_responses()


def answer(text: str) -> LocationReply:
    return search_text(text).reply(RESPONSES)


def test_zip_in_durham_lists_durham_hospitals_nearest_first_with_distance_and_map() -> None:
    assert search_text("27705").outcome is Outcome.FOUND
    reply = answer("27705")
    cards = reply.cards
    assert 1 <= len(cards) <= 3
    assert cards[0]["city"] == "Durham"
    assert re.fullmatch(r"less than 1 mile|about \d+ miles?", cards[0]["distance_text"])
    assert cards[0]["map_url"].startswith("https://www.google.com/maps/search/?api=1&query=")
    text = reply.to_text()
    first, second = text.splitlines()[:2]
    assert first == "Here are the nearest locations to 27705 (Durham), by straight-line distance:"
    assert second.startswith(f"1. **{cards[0]['name']}**, ")
    assert f"({cards[0]['distance_text']} away)\n   Map: https://" in text
    assert text.endswith("\nTo make an appointment, call 919-684-4114.")


def test_sentence_with_a_raleigh_zip() -> None:
    assert answer("umm i think my zip is 27609").cards[0]["name"] == "Duke Raleigh Hospital"


def test_a_town_lists_the_locations_in_that_town() -> None:
    reply = answer("is there one in raleigh?")
    assert reply.intro == "Yes, there is a location in Raleigh:"
    assert [c["city"] for c in reply.cards] == ["Raleigh"]


def test_a_misspelt_town_is_corrected_and_said_so() -> None:
    reply = answer("we live in durhm nc")
    assert reply.intro == f"I took that as Durham. Yes, there are {len(reply.cards)} locations in Durham:"
    assert {c["city"] for c in reply.cards} == {"Durham"}


def test_chapel_hill_nearest_is_in_durham() -> None:
    assert answer("27514").cards[0]["city"] == "Durham"


def test_charlotte_is_told_how_far_it_is() -> None:
    assert search_text("28202").outcome is Outcome.FOUND
    note = answer("28202").note
    assert note.startswith("All of these are in North Carolina's Triangle area, and the closest is about ")
    assert note.endswith(" miles away. To make an appointment, call 919-684-4114.")


def test_outside_north_carolina_says_so_and_shows_the_nearest() -> None:
    reply = answer("94110")
    assert reply.intro.startswith("94110 (San Francisco, CA) is outside North Carolina.")
    assert reply.intro.endswith(f"the closest is {reply.cards[0]['distance_text']} away:")
    assert len(reply.cards) == 1
    assert "919-684-4114" in reply.to_text()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("00000", "isn't a ZIP code"),
        ("1234", "has 4"),
        ("123456", "has 6"),
        ("abcde", "couldn't find"),
        ("", "didn't catch"),
    ],
)
def test_bad_input_gets_a_clear_message_and_how_to_try_again(text: str, expected: str) -> None:
    assert search_text(text).outcome is Outcome.NOT_UNDERSTOOD
    reply = answer(text)
    assert expected in reply.intro
    assert reply.cards == []
    assert reply.to_text() == reply.intro + "\n" + fill(RESPONSES, "utter_location_try_again")


def test_browser_coordinates() -> None:
    result = search_coordinates(35.99, -78.94)
    assert result.outcome is Outcome.FOUND
    reply = result.reply(RESPONSES)
    assert reply.intro == "Here are the nearest locations to you, by straight-line distance:"
    assert reply.cards[0]["city"] == "Durham"


@pytest.mark.parametrize("lat,lon", [("abc", 1), (None, None), (91, 0), (float("nan"), 0)])
def test_bad_coordinates(lat, lon) -> None:
    result = search_coordinates(lat, lon)
    assert result.outcome is Outcome.NOT_UNDERSTOOD
    assert result.reply(RESPONSES).intro == "Sorry, I couldn't read that location."


def test_database_down_gives_the_phone_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@127.0.0.1:{free_port()}/closed")
    result = search_text("27705")
    assert result.outcome is Outcome.UNAVAILABLE
    assert "919-684-4114" in result.reply(RESPONSES).to_text()


def test_widget_payload_has_cards_and_a_call_link() -> None:
    reply = answer("27705")
    payload = reply.to_payload()
    assert payload["type"] == "location_results"
    assert payload["intro"] == reply.intro and payload["note"] == reply.note
    assert payload["tel"] == "tel:+19196844114"
    assert all(card["tel"] == "tel:+19196844114" for card in payload["locations"])


@pytest.mark.parametrize(
    "miles,expected",
    [
        (0.0, "less than 1 mile"),
        (0.99, "less than 1 mile"),
        (1.0, "about 1 mile"),
        (1.49, "about 1 mile"),
        (1.5, "about 2 miles"),
        (12.4, "about 12 miles"),
        (99.4, "about 99 miles"),
        (104.9, "about 100 miles"),
        (236.0, "about 240 miles"),
    ],
)
def test_distances_are_said_as_a_person_would(miles: float, expected: str) -> None:
    assert fill(RESPONSES, distance_utterance(miles)) == expected


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_nonsense_distances_are_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        distance_utterance(bad)


# --- from a street address, through the Census geocoder (faked) ---------------------------------


@pytest.fixture
def two_durham_locations(
    triangle_locations: list[Location], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[Location]]:
    """Two locations of the test's own, at the 27705 and 27704 centroids, in place of the three."""
    rows = [
        location("west-clinic", "West Clinic", "Durham", "27705", "27705"),
        location("north-clinic", "North Clinic", "Durham", "27704", "27704"),
    ]
    with locations_database(tmp_path / "two.db", rows, monkeypatch):
        yield rows


def _miles_from(point: tuple[float, float], locations: list[Location]) -> dict[str, float]:
    return {loc.slug: haversine_miles(*point, loc.latitude, loc.longitude) for loc in locations}


def test_search_measures_from_the_address_when_enabled(
    two_durham_locations: list[Location], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CENSUS_GEOCODER_ENABLED", "true")
    http = FakeHttp(MORGAN)
    monkeypatch.setattr(requests, "get", http.get)
    result = search_text("I'm at 300 W Morgan St, Durham")
    assert len(http.calls) == 1
    expected = _miles_from(MORGAN_POINT, two_durham_locations)
    assert {d.location.slug: d.miles for d in result.locations} == pytest.approx(expected)


def test_search_falls_back_to_the_town_when_the_service_is_down(
    two_durham_locations: list[Location], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CENSUS_GEOCODER_ENABLED", "true")
    http = FakeHttp(requests.ConnectionError("down"))
    monkeypatch.setattr(requests, "get", http.get)
    text = "I'm at 300 W Morgan St, Durham"
    result = search_text(text)
    assert len(http.calls) == 1
    town = geocode(text)
    expected = _miles_from((town.latitude, town.longitude), two_durham_locations)
    assert {d.location.slug: d.miles for d in result.locations} == pytest.approx(expected)
