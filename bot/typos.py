"""Phone-keyboard slips in the words the stroke rules key on: "droping", "slured", "numbb", "chuca".

A visitor typing in a hurry about a stroke makes typos, and a missed keyword must not mean a
missed emergency. :func:`correct` puts back the intended word when a token is one slip away from
one of the words below (a letter dropped, doubled, swapped with its neighbour, or replaced by a
key next to it on a QWERTY keyboard) and is not itself a word: "week" stays "week" although it is
one letter from "weak", because it is in the English word list. The word lists come from
spacy-lookups-data (the lemma tables already used to build the spaCy pipeline); without them only
the sign words themselves are protected.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

# Sign words the patterns in bot/safety.py depend on, English and Spanish (folded).
SIGN_WORDS = (
    "droop droopy drooping drooped droops crooked lopsided uneven slurred slurring slurs slurry garbled "
    "gibberish jumbled mumbling numb numbness tingling tingly weak weakness paralyzed paralysed sagging "
    "saggy drooling confused confusion dizzy headache blurry vision double speech talking talk words "
    "face mouth smile cheek eyelid side sudden suddenly minutes hours morning breakfast lunch dinner "
    "tonight yesterday today started woke hanging swallow balance stroke drunk funny weird crooked "
    "cara boca chueca chueco torcida torcido caida caido brazo pierna dormido dormida palabras arrastra "
    "habla hablar derrame repente minutos horas manana desde entumido entumida adormecido adormecida "
    "hormigueo mareado mareada confundido confundida "
    # and the time words of bot/onset.py
    "years months weeks since birth born palsy accident surgery afternoon evening ago "
    "anos meses semanas nacimiento nacio hace ahorita despertar "
    "left right lift cant wont walk walking speak hand minute hour"
).split()

# Common words one slip from a sign word that the lemma tables do not list (checked against
# spacy-lookups-data's word frequencies): "cada" is not "caida", "ours" is not "hours".
NOT_SLIPS = frozenset("our ours yours aos ans bon ont wal cada caixa habia naci".split())

_QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    key: {
        _QWERTY[r][c]
        for r in range(max(0, row - 1), min(3, row + 2))
        for c in range(max(0, col - 1), col + 2)
        if c < len(_QWERTY[r]) and (r, c) != (row, col)
    }
    for row, keys in enumerate(_QWERTY)
    for col, key in enumerate(keys)
}
_TOKEN = re.compile(r"[a-z]+")


def correct(folded: str) -> str:
    """The (folded) text with one-slip misspellings of the sign words put right."""
    slips = _slips()
    return _TOKEN.sub(lambda m: slips.get(m.group(0), m.group(0)), folded)


def warm_up() -> None:
    """Build the table of slips ahead of the first message (it takes about a second)."""
    _slips()


def _edits(word: str) -> set[str]:
    """Spellings one slip away: a letter dropped, doubled, swapped, or a neighbouring key."""
    out = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i] + word[i:])  # doubled
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped
        if len(word) >= 4:
            out.add(word[:i] + word[i + 1 :])  # dropped
        if len(word) >= 5:
            for key in _NEIGHBOURS.get(word[i], ()):
                out.add(word[:i] + key + word[i + 1 :])  # neighbouring key
    out.discard(word)
    return out


@lru_cache(maxsize=1)
def _slips() -> dict[str, str]:
    known = _known_words() | set(SIGN_WORDS) | NOT_SLIPS
    slips: dict[str, str] = {}
    ambiguous: set[str] = set()
    for word in SIGN_WORDS:
        if len(word) < 4:
            continue
        for variant in _edits(word):
            if variant in known:
                continue
            if slips.get(variant, word) != word:
                ambiguous.add(variant)
            slips[variant] = word
    for variant in ambiguous:
        del slips[variant]
    return slips


def _known_words() -> frozenset[str]:
    """English and Spanish word forms from spacy-lookups-data's lemma tables (empty without it).

    Read once, when the slips are first built (about a second), and not kept.
    """
    words: set[str] = set()
    try:
        data = resources.files("spacy_lookups_data") / "data"
        for name in ("en_lemma_lookup.json.gz", "es_lemma_lookup.json.gz"):
            with gzip.open(data / name) as handle:
                table = json.load(handle)
            words.update(table)
            words.update(value for value in table.values() if isinstance(value, str))
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(w.lower() for w in words)
