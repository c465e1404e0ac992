"""A noisy copy of a message, as typed in a hurry on a phone (issue 12: typos).

Deterministic: the same text always gives the same copy, so two models are compared on the
same noise. Per message: apostrophes are lost, common words become phone abbreviations (u, ur,
pls, wat, dr, thx), and about one word in five of four letters or more gets one slip: two
letters swapped, a letter dropped or a letter doubled. Digits are left alone (a ZIP code with a
slip is another ZIP code, not a typo of the same one).
"""

from __future__ import annotations

import hashlib
import random
import re

ABBREVIATIONS = {
    "you": "u",
    "your": "ur",
    "you're": "ur",
    "please": "pls",
    "what": "wat",
    "doctor": "dr",
    "thanks": "thx",
    "are": "r",
    "because": "bc",
    "tomorrow": "tmrw",
}
SLIP_RATE = 0.2
MIN_SLIP_LENGTH = 4
_WORD = re.compile(r"[A-Za-z']+")


def _slip(word: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    return word[:position] + word[position] + word[position:]


def noisy(text: str) -> str:
    """The message with phone-keyboard noise; seeded by the text itself."""
    rng = random.Random(hashlib.sha256(text.encode("utf-8")).digest())

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        short = ABBREVIATIONS.get(word.lower())
        if short:
            return short
        word = word.replace("'", "")
        if len(word) >= MIN_SLIP_LENGTH and rng.random() < SLIP_RATE:
            return _slip(word, rng)
        return word

    return _WORD.sub(replace, text.replace("\u2019", "'"))
