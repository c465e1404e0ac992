"""One-slip misspellings of the stroke words are put right; real words are left alone."""

import pytest

from bot.safety import Verdict, assess
from bot.typos import correct


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("droping", "drooping"),  # a letter dropped
        ("slured", "slurred"),
        ("numbb", "numb"),  # doubled
        ("mouht", "mouth"),  # swapped
        ("smiel", "smile"),
        ("sudenly", "suddenly"),
        ("torcda", "torcida"),  # Spanish
        ("xhueca", "chueca"),  # the key next to it
    ],
)
def test_one_slip_is_put_right(typed: str, meant: str) -> None:
    assert correct(typed) == meant


@pytest.mark.parametrize(
    "word", ["week", "weeks", "drop", "dropping", "wear", "our", "ours", "cada", "diner", "bunch"]
)
def test_real_words_one_slip_from_a_stroke_word_are_left_alone(word: str) -> None:
    assert correct(word) == word


def test_a_hurried_stroke_message_with_typos_is_still_an_emergency() -> None:
    assert (
        assess("my husbands face is droping and his speach is slured since lunch").verdict
        is Verdict.EMERGENCY
    )


def test_a_typo_does_not_turn_an_old_case_into_an_alarm() -> None:
    assert (
        assess("my face has been paralized for 3 yeras, can surgery help?").verdict is not Verdict.EMERGENCY
    )
