"""Cleaning visitor text, spotting unreadable input, other languages and personal data."""

import pytest

from bot.language import guess_non_english
from bot.redaction import EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, redact_text, redact_value
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


@pytest.mark.parametrize(
    "text,language",
    [
        ("hola", "Spanish"),
        ("Mi hijo tiene parálisis facial, ¿puede ayudar la cirugía?", "Spanish"),
        ("Bonjour, je voudrais un rendez-vous", "French"),
        ("Ich habe eine Lähmung im Gesicht", "German"),
        ("我想预约", "another language"),
        ("disculpe, no hablo bien ingles", "Spanish"),
        ("Con tôi muốn đặt lịch hẹn", "Vietnamese"),
    ],
)
def test_other_languages_are_recognised(text: str, language: str) -> None:
    assert guess_non_english(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "what is smile surgery",
        "reasons a persons facial nerve stops working",
        "is the surgery de novo",
        "hi",
        "Moebius syndrome in my son",
    ],
)
def test_english_is_not_flagged(text: str) -> None:
    assert guess_non_english(text) is None


@pytest.mark.parametrize(
    "raw",
    [
        "919-555-0134",
        "(919) 555-0134",
        "919.555.0134",
        "919 555 0134",
        "9195550134",
        "+1 919 555 0134",
        "1-919-555-0134",
        "555-0134",
        "919-555-0134 ext. 12",
    ],
)
def test_us_phone_numbers_are_redacted(raw: str) -> None:
    redacted = redact_text(f"call me at {raw} please")
    assert PHONE_PLACEHOLDER in redacted
    assert "555" not in redacted


def test_emails_are_redacted() -> None:
    redacted = redact_text("write to jane.doe+smile@example.co.uk or bob@mail.org")
    assert redacted.count(EMAIL_PLACEHOLDER) == 2
    assert "@" not in redacted.replace(EMAIL_PLACEHOLDER, "")


@pytest.mark.parametrize(
    "text",
    [
        "my zip is 27705",
        "call 919-684-4114",
        "stages 9-12 months apart",
        "born in 2019",
        '/share_location{"latitude": 35.99123, "longitude": -78.94123}',
    ],
)
def test_non_personal_numbers_are_kept(text: str) -> None:
    assert redact_text(text) == text


def test_redact_value_walks_nested_structures() -> None:
    value = {"text": "mail me a@b.com", "list": ["919-555-0134", 5], "n": 1.5}
    assert redact_value(value) == {
        "text": f"mail me {EMAIL_PLACEHOLDER}",
        "list": [PHONE_PLACEHOLDER, 5],
        "n": 1.5,
    }
