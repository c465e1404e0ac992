"""North Carolina towns in a message, typos included, and their coordinates (bot.towns)."""

from __future__ import annotations

import pytest

from bot.towns import find_town, nc_town_names

# --- towns -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "town", "corrected"),
    [
        ("Durham", "Durham", False),
        ("durhm", "Durham", True),
        ("raleigh nc", "Raleigh", False),
        ("Raleigh, NC", "Raleigh", False),
        ("raliegh", "Raleigh", True),
        ("chapel hil", "Chapel Hill", True),
        ("we live in durham nc", "Durham", False),
        ("durham north carolina", "Durham", False),
        ("Wake Forest", "Wake Forest", False),
        ("I live near Apex", "Apex", False),
        ("Winston-Salem", "Winston-Salem", False),
        ("winston salem nc", "Winston-Salem", False),
        ("Mt Airy", "Mount Airy", False),
        ("2301 Erwin Rd Durham", "Durham", False),  # Erwin (NC) is the street here
        ("3400 Wake Forest Road, Raleigh", "Raleigh", False),
        ("I live in durham but work in raleigh", "Durham", False),
        ("Durham, or Raleigh", "Durham", False),
        ("raleigh in the morning", "Raleigh", False),
        # typos: swapped neighbours count once; names of 9+ letters allow two
        ("winston slaem", "Winston-Salem", True),
        ("fayettvile", "Fayetteville", True),
        ("wilmingotn", "Wilmington", True),
        ("rocky mont nc", "Rocky Mount", True),
    ],
)
def test_find_town_in_nc(text: str, town: str, corrected: bool) -> None:
    result = find_town(text)
    assert result is not None
    assert (result.name, result.state, result.corrected) == (town, "NC", corrected)


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [("Danville, VA", "Danville", "VA"), ("danville virginia", "Danville", "VA"),
     ("Durham NH", "Durham", "NH"), ("atlanta ga", "Atlanta", "GA")],
)  # fmt: skip
def test_find_town_elsewhere_needs_the_state(text: str, town: str, state: str) -> None:
    result = find_town(text)
    assert result is not None
    assert (result.name, result.state) == (town, state)


@pytest.mark.parametrize(
    "text",
    [
        "thanks in advance",
        "I have faith",
        "the star of the show",
        "my son Todd",
        "the high point of my day",
        "carry",  # one typo from Cary, but an English word
        "seven",  # one typo from Severn
        "over there",  # one typo from Dover, first letter differs
        "the chapel",
        "where is the nearest clinic",
        "what about surgery near me",
        "hello",
        "Atlanta",  # outside NC without a state: not guessed
        "",
    ],
)
def test_find_town_ignores_ordinary_words(text: str) -> None:
    assert find_town(text) is None


@pytest.mark.parametrize(
    ("text", "town"),
    [("Faith", "Faith"), ("faith nc", "Faith"), ("I live in Faith", "Faith"),
     ("Star, NC", "Star"), ("I'm in Kelly", "Kelly"), ("I live in High Point", "High Point")],
)  # fmt: skip
def test_word_towns_match_when_clearly_meant(text: str, town: str) -> None:
    result = find_town(text)
    assert result is not None and result.name == town


def test_town_coordinates_are_the_mean_of_standard_zip_centroids() -> None:
    cary = find_town("Cary")
    assert cary is not None
    # STANDARD Cary ZIPs: 27511, 27513, 27518, 27519 (27512 is PO boxes)
    assert cary.latitude == pytest.approx((35.7641 + 35.7956 + 35.7299 + 35.8072) / 4, abs=1e-4)
    assert cary.longitude == pytest.approx((-78.7786 - 78.7941 - 78.7735 - 78.887) / 4, abs=1e-4)
    assert "27513" in cary.zip_codes


def test_nc_town_names() -> None:
    names = nc_town_names()
    assert names == sorted(set(names))
    assert 700 < len(names) < 800
    for expected in ("Durham", "Raleigh", "Chapel Hill", "Cary", "Winston-Salem", "Wake Forest"):
        assert expected in names
    assert "Winston Salem" not in names
    assert all(name == name.strip() and name[0].isupper() for name in names)
