"""Clinic finder answers, from the visitor's words to the text and cards shown."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy.exc import OperationalError

import bot.clinic_search as clinic_search
from bot.clinic_search import Outcome, search_coordinates, search_text

pytestmark = pytest.mark.usefixtures("seeded_locations")


def test_zip_in_durham_lists_durham_hospitals_nearest_first_with_distance_and_map() -> None:
    result = search_text("27705")
    assert result.outcome is Outcome.FOUND
    cards = result.clinic_cards()
    assert 1 <= len(cards) <= 3
    assert cards[0]["city"] == "Durham"
    assert cards[0]["distance_text"].startswith("about")
    assert cards[0]["map_url"].startswith("https://www.google.com/maps/search/?api=1&query=")
    text = result.to_text()
    assert "919-684-4114" in text and "straight-line" in text


def test_sentence_with_a_raleigh_zip() -> None:
    result = search_text("umm i think my zip is 27609")
    assert result.clinic_cards()[0]["name"] == "Duke Raleigh Hospital"


def test_a_town_lists_the_locations_in_that_town() -> None:
    result = search_text("is there one in raleigh?")
    assert result.intro.startswith("Yes, there is a location in Raleigh")
    assert [c["city"] for c in result.clinic_cards()] == ["Raleigh"]


def test_a_misspelt_town_is_corrected_and_said_so() -> None:
    result = search_text("we live in durhm nc")
    assert result.intro.startswith("I took that as Durham.")
    assert {c["city"] for c in result.clinic_cards()} == {"Durham"}


def test_chapel_hill_nearest_is_in_durham() -> None:
    assert search_text("27514").clinic_cards()[0]["city"] == "Durham"


def test_charlotte_is_told_how_far_it_is() -> None:
    result = search_text("28202")
    assert result.outcome is Outcome.FOUND
    assert "Triangle" in result.note and "919-684-4114" in result.note


def test_outside_north_carolina_says_so_and_shows_the_nearest() -> None:
    result = search_text("94110")
    assert "outside North Carolina" in result.intro
    assert "San Francisco" in result.intro
    assert len(result.clinic_cards()) == 1
    assert "919-684-4114" in result.to_text()


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
    result = search_text(text)
    assert result.outcome is Outcome.NOT_UNDERSTOOD
    assert expected in result.intro
    assert "5-digit ZIP code" in result.to_text()


def test_browser_coordinates() -> None:
    result = search_coordinates(35.99, -78.94)
    assert result.outcome is Outcome.FOUND
    assert result.clinic_cards()[0]["city"] == "Durham"


@pytest.mark.parametrize("lat,lon", [("abc", 1), (None, None), (91, 0), (float("nan"), 0)])
def test_bad_coordinates(lat, lon) -> None:
    assert search_coordinates(lat, lon).outcome is Outcome.NOT_UNDERSTOOD


def test_database_down_gives_the_phone_line(monkeypatch) -> None:
    @contextlib.contextmanager
    def broken():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))
        yield

    monkeypatch.setattr(clinic_search, "session_scope", broken)
    result = search_text("27705")
    assert result.outcome is Outcome.UNAVAILABLE
    assert "919-684-4114" in result.intro


def test_widget_payload_has_cards_and_a_call_link() -> None:
    payload = search_text("27705").to_payload()
    assert payload["type"] == "clinic_results"
    assert payload["tel"] == "tel:+19196844114"
    assert all(card["tel"] == "tel:+19196844114" for card in payload["clinics"])
