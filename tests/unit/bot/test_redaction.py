"""Personal data taken out of what is stored (bot.redaction)."""

import pytest

from bot.redaction import EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, redact_text, redact_value


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
