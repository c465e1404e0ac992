"""North Carolina towns (and towns of other states, when the state is named) in free text.

Town names and centres come from the ``zipcodes`` package (GeoNames data, CC BY): a town is the
set of ZIP codes sharing its city name, placed at the mean of their centroids. Matching is
tolerant of case, punctuation and small typos (``rapidfuzz``); the word lists it relies on are
in :mod:`bot.town_words`. Nothing here touches the network.

Lookup tables are built on first use and cached for the life of the process: after the first
call a lookup takes a few milliseconds at most for a misspelt town.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean

import zipcodes
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.town_words import (
    AMBIGUOUS_TOWN_NAMES,
    FILLERS,
    NAME_TOWNS,
    NOT_TYPOS,
    STATE_NAMES,
    STRONG_CUES,
    WEAK_CUES,
    WORD_TOWNS,
)
from bot.zip_codes import HOME_STATE, STREET_WORDS, display_name


@dataclass(frozen=True)
class TownResult:
    """A town found in a text, with its approximate centre (mean of its ZIP centroids)."""

    name: str  # canonical name, e.g. "Chapel Hill"
    state: str  # two-letter code, "NC" unless the text named another state
    latitude: float
    longitude: float
    zip_codes: tuple[str, ...]
    matched_text: str  # the words of the message that matched, e.g. "chapel hil"
    corrected: bool  # True when a misspelling was corrected ("durhm" -> "Durham")


TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.IGNORECASE)
_MAX_TOWN_WORDS = 4


@dataclass(frozen=True)
class _Town:
    name: str
    state: str
    latitude: float
    longitude: float
    zip_codes: tuple[str, ...]


@dataclass(frozen=True)
class _Token:
    norm: str
    text: str
    start: int
    end: int
    after_comma: bool


@dataclass(frozen=True)
class _Candidate:
    town: _Town
    start: int
    end: int
    context: int  # 2: followed by a state, 1: after a location cue, 0: neither
    exact: bool
    matched_text: str

    def rank(self) -> tuple[int, int, int, int]:
        return (self.context, int(self.exact), self.end - self.start, -self.start)


def _key(name: str) -> str:
    """Normalised lookup key: lower case, hyphens and punctuation as spaces, single spaces."""
    return " ".join(TOKEN_RE.findall(name.lower().replace("'", "")))


# Short names in everyday use (Fuquay-Varina is "Fuquay" to most people).
_SHORT_NAMES = {"fuquay varina": "fuquay"}


def _aliases(key: str) -> set[str]:
    """Other spellings people use: Mt/Mount, St/Saint, McAdenville/Mc Adenville, short names."""
    keys = {key}
    if key in _SHORT_NAMES:
        keys.add(_SHORT_NAMES[key])
    for long, short in (("mount ", "mt "), ("saint ", "st ")):
        if key.startswith(long):
            keys.add(short + key[len(long) :])
    if key.startswith("mc "):
        keys.add("mc" + key[3:])
    return keys


def _build_towns(records: Iterable[dict[str, object]]) -> dict[str, _Town]:
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    names: dict[str, str] = {}
    for record in records:
        raw = str(record["city"])
        key = _key(raw)
        grouped[key].append(record)
        # "Winston Salem" and "Winston-salem" are one town: prefer the hyphenated spelling.
        if key not in names or "-" in raw:
            names[key] = display_name(raw)
    towns: dict[str, _Town] = {}
    for key, group in grouped.items():
        standard = [r for r in group if r["zip_code_type"] == "STANDARD" and r["active"]]
        centroids = standard or group
        town = _Town(
            name=names[key],
            state=str(group[0]["state"]),
            latitude=round(fmean(float(str(r["lat"])) for r in centroids), 4),
            longitude=round(fmean(float(str(r["long"])) for r in centroids), 4),
            zip_codes=tuple(sorted(str(r["zip_code"]) for r in group)),
        )
        for alias in _aliases(key):
            towns.setdefault(alias, town)
    return towns


@lru_cache(maxsize=1)
def _nc_towns() -> dict[str, _Town]:
    return _build_towns(zipcodes.filter_by(state=HOME_STATE))


@lru_cache(maxsize=1)
def _nc_towns_by_initial() -> dict[str, tuple[list[str], list[_Town]]]:
    """Typo candidates by first letter: the lookup keys and, at the same index, their towns."""
    buckets: dict[str, tuple[list[str], list[_Town]]] = defaultdict(lambda: ([], []))
    for key, town in _nc_towns().items():
        if key not in AMBIGUOUS_TOWN_NAMES:
            keys, towns = buckets[key[0]]
            keys.append(key)
            towns.append(town)
    return dict(buckets)


@lru_cache(maxsize=64)
def _state_towns(state: str) -> dict[str, _Town]:
    return _build_towns(zipcodes.filter_by(state=state))


@lru_cache(maxsize=1)
def _state_name_keys() -> dict[tuple[str, ...], str]:
    keys = {tuple(name.split()): code for code, name in STATE_NAMES.items()}
    keys[("n", "c")] = HOME_STATE
    keys[("n", "carolina")] = HOME_STATE
    return keys


def warm_up() -> None:
    """Build the lookup tables now (about 0.35 s) rather than on the first user's message."""
    _nc_towns_by_initial()


def nc_town_names() -> list[str]:
    """All North Carolina town names (USPS primary city names), title case, unique, sorted."""
    return sorted({town.name for town in _nc_towns().values()})


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in TOKEN_RE.finditer(text):
        raw = match.group(0)
        tokens.append(
            _Token(
                norm=raw.lower().replace("'", ""),
                text=raw,
                start=match.start(),
                end=match.end(),
                after_comma="," in text[previous_end : match.start()],
            )
        )
        previous_end = match.end()
    return tokens


def _state_after(tokens: Sequence[_Token], index: int) -> tuple[str | None, int]:
    """A state named at tokens[index:], as (code, number of tokens), or (None, 0).

    "nc" and full state names count in any case; another two-letter code only when written in
    capitals, after a comma, or as the last word ("Danville VA"), so "raleigh in the morning"
    does not read as Raleigh, Indiana.
    """
    if index >= len(tokens):
        return None, 0
    norms = tuple(t.norm for t in tokens[index : index + 3])
    for length in (3, 2, 1):
        code = _state_name_keys().get(norms[:length]) if len(norms) >= length else None
        if code:
            return code, length
    token = tokens[index]
    code = token.norm.upper()
    if code == HOME_STATE:
        return code, 1
    if code in STATE_NAMES and (token.text.isupper() or token.after_comma or index == len(tokens) - 1):
        return code, 1
    return None, 0


def _cue_before(tokens: Sequence[_Token], index: int, cues: Sequence[tuple[str, ...]]) -> bool:
    before = tuple(t.norm for t in tokens[:index])
    return any(before[-len(cue) :] == cue for cue in cues if len(before) >= len(cue))


def _fuzzy_town(phrase: str) -> _Town | None:
    """The closest NC town within one typo (two for names of 9+ letters), first letter kept.

    A typo is an inserted, missing or wrong letter or two neighbouring letters swapped (optimal
    string alignment distance). Keeping the first letter avoids "over" -> "Dover"; ties go to
    the town with more ZIP codes.
    """
    if len(phrase) < 5 or not phrase[0].isalpha() or phrase in NOT_TYPOS:
        return None
    keys, towns = _nc_towns_by_initial().get(phrase[0], ([], []))
    limit = 1 if len(phrase) < 9 else 2
    close = process.extract(phrase, keys, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if not close:
        return None
    _, _, index = min(close, key=lambda found: (found[1], -len(towns[found[2]].zip_codes), found[2]))
    return towns[index]


def _is_whole_message(tokens: Sequence[_Token], start: int, end: int, state_len: int) -> bool:
    rest = [t.norm for t in tokens[:start]] + [t.norm for t in tokens[end + state_len :]]
    return all(word in FILLERS for word in rest)


def _candidates(tokens: Sequence[_Token], text: str) -> list[_Candidate]:
    nc_towns = _nc_towns()
    found: list[_Candidate] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + _MAX_TOWN_WORDS, len(tokens)) + 1):
            words = [t.norm for t in tokens[start:end]]
            if any(w.isdigit() for w in words) or all(w in FILLERS for w in words):
                continue
            if end < len(tokens) and tokens[end].norm in STREET_WORDS:
                continue  # "Erwin Rd", "Wake Forest Road": a street, not a town
            phrase = " ".join(words)
            state, state_len = _state_after(tokens, end)
            whole = _is_whole_message(tokens, start, end, state_len)
            strong_cue = _cue_before(tokens, start, STRONG_CUES)
            cue = strong_cue or _cue_before(tokens, start, WEAK_CUES)
            matched = text[tokens[start].start : tokens[end - 1].end]
            context = 2 if state else int(cue)

            if state and state != HOME_STATE:
                town = _state_towns(state).get(phrase)
                if town:
                    found.append(_Candidate(town, start, end, context, True, matched))
                    continue
                # "Durham, or Raleigh": not a state after all
                state, state_len, context = None, 0, int(cue)
                whole = _is_whole_message(tokens, start, end, state_len)

            town = nc_towns.get(phrase)
            if town is not None:
                if phrase in WORD_TOWNS:
                    allowed = whole or state == HOME_STATE or strong_cue
                elif phrase in NAME_TOWNS:
                    allowed = whole or state == HOME_STATE or cue
                else:
                    allowed = True
                if allowed:
                    found.append(_Candidate(town, start, end, context, True, matched))
                continue

            if whole or state == HOME_STATE or cue:
                fuzzy = _fuzzy_town(phrase)
                if fuzzy is not None:
                    found.append(_Candidate(fuzzy, start, end, context, False, matched))
    return found


def find_town(text: str) -> TownResult | None:
    """Find a town named in free text, tolerant of case, punctuation and small typos.

    North Carolina first: "durhm", "raleigh nc", "Raleigh, NC", "chapel hil", "we live in durham
    nc", "durham north carolina", "Wake Forest". A town in another state is found only when the
    state follows it ("Danville, VA") and only spelt exactly. Town names that are ordinary words
    ("Faith", "Star", "Advance") match only if the message is just the town, or "NC" follows,
    or a cue such as "live in" or "near" precedes them. Street names ("Wake Forest Road") are
    skipped. Returns None when nothing matches.
    """
    tokens = _tokenize(text)
    candidates = _candidates(tokens, text)
    if not candidates:
        return None
    best = max(candidates, key=_Candidate.rank)
    return TownResult(
        name=best.town.name,
        state=best.town.state,
        latitude=best.town.latitude,
        longitude=best.town.longitude,
        zip_codes=best.town.zip_codes,
        matched_text=best.matched_text,
        corrected=not best.exact,
    )
