"""The spaCy pipeline's entity ruler: which words it tags as a ZIP code or a town."""

from bot.nlp_build import entity_patterns
from bot.town_words import AMBIGUOUS_TOWN_NAMES


def _town_phrases() -> set[str]:
    return {
        " ".join(token["LOWER"] for token in p["pattern"]) for p in entity_patterns() if p["label"] == "city"
    }


def test_ordinary_towns_are_tagged() -> None:
    assert {"durham", "raleigh", "chapel hill", "wake forest"} <= _town_phrases()


def test_towns_that_are_ordinary_words_or_names_are_never_tagged_in_free_text() -> None:
    # one list for the ruler and the geocoder: "I have faith", "my son Todd", "thanks in advance"
    assert {"faith", "todd", "advance", "boone"} <= AMBIGUOUS_TOWN_NAMES
    assert not _town_phrases() & AMBIGUOUS_TOWN_NAMES


def test_a_zip_code_is_one_five_digit_token() -> None:
    zips = [p for p in entity_patterns() if p["label"] == "zip_code"]
    assert zips == [{"label": "zip_code", "pattern": [{"TEXT": {"REGEX": r"^\d{5}$"}}]}]
