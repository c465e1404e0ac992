"""Redact personal data that visitors type (phone numbers, e-mail addresses) before storage."""

from __future__ import annotations

import re
from typing import Any

PHONE_PLACEHOLDER = "[phone number removed]"
EMAIL_PLACEHOLDER = "[e-mail removed]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# US numbers: 919-555-0134, (919) 555-0134, 919.555.0134, 919 555 0134, 9195550134,
# +1 919 555 0134, 1-919-555-0134; also 7-digit 555-0134. The public appointment line is kept.
_PHONE = re.compile(
    r"(?<![\w.])"
    r"(?:\+?1[\s.\-]?)?"
    r"(?:\(\d{3}\)\s?|\d{3}[\s.\-]?)?"
    r"\d{3}[\s.\-]?\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?"
    r"(?![\w])"
)
_KEEP = {"9196844114", "19196844114"}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _replace_phone(match: re.Match[str]) -> str:
    raw = match.group(0)
    digits = _digits(raw)
    if digits in _KEEP:
        return raw
    if len(digits) < 7:
        return raw
    return PHONE_PLACEHOLDER


def redact_text(text: str) -> str:
    """Replace e-mail addresses and phone numbers in ``text`` with placeholders."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    return _PHONE.sub(_replace_phone, text)


def redact_value(value: Any) -> Any:
    """Redact every string inside a JSON-like value (dicts, lists, strings)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item) for item in value]
    return value
