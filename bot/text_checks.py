"""Cleaning and sorting raw visitor text before it reaches the classifier."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

_WHITESPACE = re.compile(r"\s+")
# Markup pasted into the chat (<img ...>, <script>...) is not something to classify.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]", re.UNICODE)


class Special(str, Enum):
    """Messages that need a fixed reply instead of classification."""

    EMPTY = "empty"
    SYMBOLS_ONLY = "symbols_only"  # emoji, punctuation, stray symbols: nothing to read


def normalize(text: str | None, max_chars: int) -> tuple[str, bool]:
    """Return (clean text, was_truncated).

    Control characters and HTML-like tags are dropped (newlines and tabs become spaces),
    whitespace is collapsed and
    the text is cut at ``max_chars`` so a 10,000-character paste cannot slow the classifier.
    """
    if not text:
        return "", False
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in "\n\r\t":
            kept.append(" ")
        elif category in {"Cc", "Cf", "Cs", "Co", "Cn"} and char != "\u200d":
            continue
        else:
            kept.append(char)
    cleaned = _WHITESPACE.sub(" ", _TAG.sub(" ", "".join(kept))).strip()
    if len(cleaned) <= max_chars:
        return cleaned, False
    cut = cleaned[:max_chars]
    # prefer to cut at a word boundary
    if " " in cut[-40:]:
        cut = cut[: cut.rfind(" ")]
    return cut, True


def classify_special(text: str) -> Special | None:
    """Return the kind of message that has nothing to classify, or None for ordinary text."""
    if not text or not text.strip():
        return Special.EMPTY
    if not _LETTER_OR_DIGIT.search(text):
        return Special.SYMBOLS_ONLY
    return None
