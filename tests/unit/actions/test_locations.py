"""The location search's actions (actions/locations.py), run in-process with a Tracker built inline.

The locations are the test's own (tests/support/locations.py), not the shipped seed.
"""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.locations import ActionFindLocations, ValidateLocationForm
from tests.support.actions import DOMAIN, make_tracker, run

pytestmark = pytest.mark.usefixtures("triangle_locations")


def test_find_locations_as_text_for_rest_and_shell() -> None:
    messages, events = run(
        ActionFindLocations(), make_tracker("27705", "inform_location", slots={"location_query": "27705"})
    )
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "Durham" in text and "about" in text and "919-684-4114" in text
    assert {"event": "slot", "timestamp": None, "name": "location_query", "value": None} in events


def test_find_locations_as_cards_for_the_widget() -> None:
    tracker = make_tracker("27609", "inform_location", slots={"location_query": "27609"}, channel="socketio")
    messages, _ = run(ActionFindLocations(), tracker)
    payload = messages[0]["custom"]["data"]
    assert payload["type"] == "location_results"
    assert payload["intro"] == "Here are the nearest locations to 27609 (Raleigh), by straight-line distance:"
    assert payload["locations"][0]["name"] == "Duke Raleigh Hospital"
    assert payload["note"] == "To make an appointment, call 919-684-4114."


def test_find_locations_words_come_from_the_domain_it_is_sent() -> None:
    domain = {**DOMAIN, "responses": {**DOMAIN["responses"], "utter_location_call": [{"text": "Call us."}]}}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("27705", "inform_location", slots={"location_query": "27705"})
    asyncio.run(ActionFindLocations().run(dispatcher, tracker, domain))
    assert dispatcher.messages[0]["text"].endswith("\nCall us.")


def test_find_locations_from_browser_coordinates() -> None:
    entities = [{"entity": "latitude", "value": 35.99}, {"entity": "longitude", "value": -78.94}]
    messages, _ = run(ActionFindLocations(), make_tracker("/share_location", "share_location", entities))
    assert "nearest locations to you" in messages[0]["text"]


def test_find_locations_with_broken_coordinates_says_so() -> None:
    entities = [{"entity": "latitude", "value": "<script>"}, {"entity": "longitude", "value": 999}]
    messages, _ = run(ActionFindLocations(), make_tracker("/share_location", "share_location", entities))
    assert messages[0]["text"].startswith("Sorry, I couldn't read that location.\nPlease try a 5-digit")


def test_location_validation_accepts_a_place() -> None:
    dispatcher = CollectingDispatcher()
    result = ValidateLocationForm().validate_location_query(
        "we live in durham", dispatcher, make_tracker(), DOMAIN
    )
    assert result == {"location_query": "we live in durham"}
    assert dispatcher.messages == []


def test_location_validation_gives_a_second_chance_then_the_phone_line() -> None:
    form = ValidateLocationForm()
    first = CollectingDispatcher()
    result = form.validate_location_query(
        "00000", first, make_tracker(slots={"location_attempts": 0}), DOMAIN
    )
    assert result == {"location_query": None, "location_attempts": 1}
    assert first.messages[0]["text"] == (
        'Sorry, "00000" isn\'t a ZIP code I know.\n'
        'Please try a 5-digit ZIP code or a town name, like "27705" or "Raleigh".'
    )

    second = CollectingDispatcher()
    result = form.validate_location_query(
        "abcde", second, make_tracker(slots={"location_attempts": 1}), DOMAIN
    )
    assert result["location_attempts"] == 2
    assert second.messages[0]["text"] == (
        "Sorry, I couldn't find \"abcde\" in North Carolina. Let's stop here for now: please call "
        "919-684-4114 and the team can tell you where to be seen."
    )
    required = asyncio.run(
        form.required_slots(["location_query"], second, make_tracker(slots={"location_attempts": 2}), DOMAIN)
    )
    assert required == []


def test_a_misspelt_town_starts_the_form_filled() -> None:
    extracted = asyncio.run(
        ValidateLocationForm().extract_location_query(
            CollectingDispatcher(), make_tracker("we live in durhm", "inform_location"), DOMAIN
        )
    )
    assert extracted == {"location_query": "we live in durhm"}
