"""Cleaning visitor text and spotting unreadable input (bot.text_checks)."""

import pytest

from bot.text_checks import Special, classify_special, normalize


def test_normalize_removes_control_characters_and_collapses_space() -> None:
    text, cut = normalize("hi\x00\x07 there\n\n\tfriend\u200b", 100)
    assert text == "hi there friend"
    assert not cut


def test_normalize_caps_a_10000_character_message() -> None:
    text, cut = normalize("word " * 2000, 1000)
    assert cut
    assert len(text) <= 1000


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_is_special(text: str) -> None:
    assert classify_special(text) is Special.EMPTY


@pytest.mark.parametrize("text", ["😀😀", "!!!", "👍 🙏", "???"])
def test_symbols_only_is_special(text: str) -> None:
    assert classify_special(text) is Special.SYMBOLS_ONLY


@pytest.mark.parametrize("text", ["hi", "<script>alert(1)</script>", "27705"])
def test_ordinary_text_is_not_special(text: str) -> None:
    assert classify_special(text) is None
