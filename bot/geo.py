"""Offline geocoding (ZIP codes and North Carolina towns) and straight-line distances.

All place data comes from the ``zipcodes`` package, which bundles every U.S. ZIP code with its
city, state and centroid (data from GeoNames, CC BY). Nothing here touches the network.

Lookup tables are built on first use and cached for the life of the process: the action server
calls :func:`geocode` once per message, so after the first call a lookup takes well under a
millisecond for a ZIP and a few milliseconds at most for a misspelt town.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from statistics import fmean

import zipcodes

EARTH_RADIUS_MILES = 3958.8
HOME_STATE = "NC"

# ---------------------------------------------------------------------------------------------
# Distances


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle ("as the crow flies") distance in statute miles between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def describe_distance(miles: float) -> str:
    """Say a straight-line distance the way a person would: "about 12 miles".

    Under 1 mile is "less than 1 mile"; up to 100 miles rounds to the nearest mile; beyond that
    to the nearest 10 miles, since a ZIP centroid is no more precise than that anyway.
    """
    if not math.isfinite(miles) or miles < 0:
        raise ValueError(f"distance must be a finite, non-negative number, got {miles!r}")
    if miles < 1:
        return "less than 1 mile"
    rounded = round(miles) if miles < 100 else int(round(miles, -1))
    return "about 1 mile" if rounded == 1 else f"about {rounded} miles"


def validate_coordinates(lat: object, lon: object) -> tuple[float, float]:
    """Check a latitude/longitude pair (e.g. from the browser) and return it as floats.

    Accepts numbers or numeric strings. Raises ``ValueError`` for anything else: None,
    booleans, other types, non-numeric strings, NaN or infinity, latitude outside [-90, 90]
    or longitude outside [-180, 180].
    """
    return _coordinate(lat, "latitude", 90.0), _coordinate(lon, "longitude", 180.0)


def _as_float(value: object) -> float | None:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _coordinate(value: object, name: str, bound: float) -> float:
    number = _as_float(value)
    if number is None or not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r:.40}")
    if not -bound <= number <= bound:
        raise ValueError(f"{name} must be between {-bound:g} and {bound:g}, got {number:g}")
    return number


# ---------------------------------------------------------------------------------------------
# Results


class ZipStatus(str, Enum):
    """What :func:`parse_zip` found in a text."""

    NC = "nc"  # a real ZIP code in North Carolina
    OUTSIDE_NC = "outside_nc"  # a real ZIP code in another state or territory
    NOT_A_ZIP = "not_a_zip"  # five digits that are not a ZIP code (00000, 99999)
    BAD_LENGTH = "bad_length"  # a number of 3-4 or 6-8 digits: a mistyped ZIP
    NO_ZIP = "no_zip"  # no number that could be meant as a ZIP code


@dataclass(frozen=True)
class ZipResult:
    """A ZIP code found in a text. ``zip_code`` is the 5-digit ZIP (or the bad digits)."""

    status: ZipStatus
    zip_code: str | None = None
    city: str | None = None
    state: str | None = None
    latitude: float | None = None
    longitude: float | None = None


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


class GeoStatus(str, Enum):
    """Outcome of :func:`geocode`; the caller turns it into a friendly message."""

    OK_NC = "ok_nc"  # a place in North Carolina: coordinates are set
    OUTSIDE_NC = "outside_nc"  # a real place in another state: coordinates are set
    NOT_A_ZIP = "not_a_zip"  # five digits that are no ZIP code
    BAD_LENGTH = "bad_length"  # digits of the wrong length for a ZIP code
    UNKNOWN_PLACE = "unknown_place"  # text, but no ZIP or town recognised in it
    EMPTY = "empty"  # nothing but whitespace or punctuation


@dataclass(frozen=True)
class GeoResult:
    """Where a message points to.

    ``label`` is what to show the user: "27705 (Durham)", "Raleigh", "94110 (San Francisco, CA)",
    "Danville, VA", the offending digits for ``not_a_zip``/``bad_length``, and "" otherwise.
    ``latitude``/``longitude`` are set exactly when ``status`` is ``ok_nc`` or ``outside_nc``.
    ``source`` is "zip", "town" or None. ``corrected`` is True when a misspelt town was matched,
    so the caller can say "I took that as Durham".
    """

    status: GeoStatus
    label: str
    latitude: float | None = None
    longitude: float | None = None
    zip_code: str | None = None
    city: str | None = None
    state: str | None = None
    source: str | None = None
    corrected: bool = False

    @property
    def has_coordinates(self) -> bool:
        """True when the result can be used to look for the nearest location."""
        return self.latitude is not None and self.longitude is not None


# ---------------------------------------------------------------------------------------------
# ZIP codes

_PHONE_RE = re.compile(r"(?<![\d-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
_STREET_SUFFIXES = (
    "road|rd|street|st|avenue|ave|av|boulevard|blvd|drive|dr|lane|ln|way|court|ct|circle|cir"
    "|place|pl|parkway|pkwy|highway|hwy|trail|trl|terrace|ter|loop|pike|square|sq|plaza"
)
# Words that show the digits are not a house number ("27705 and i live on main st").
_NOT_STREET_WORDS = "and|or|i|im|my|is|it|its|the|on|in|at|live|living|near|zip|code|but|we"
_STREET_ADDRESS_RE = re.compile(
    rf"(?<![\d.-])(?P<number>\d{{1,6}})[a-z]?\s+"
    rf"(?:(?!(?:{_NOT_STREET_WORDS})\b)[a-z0-9'.-]+\s+){{1,4}}?"
    rf"(?P<suffix>{_STREET_SUFFIXES})\b\.?",
    re.IGNORECASE,
)
_ZIP_RE = re.compile(r"(?<![\d.])(?P<zip>\d{5})(?:-\d{4}|\d{4})?(?![\d]|\.\d)")
_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?![\d]|\.\d)")


def find_street_address(text: str) -> str | None:
    """Return the street-address part of a text ("2301 Erwin Rd"), or None.

    A house number followed by up to four words and a street suffix (Rd, Street, Ave, ...).
    """
    match = _STREET_ADDRESS_RE.search(text)
    return match.group(0) if match else None


def _blank_out(text: str, pattern: re.Pattern[str], group: str | int = 0) -> str:
    """Replace each match (or one group of it) by spaces, keeping the other offsets."""

    def spaces(match: re.Match[str]) -> str:
        start, end = match.span(group)
        inner = match.group(0)
        offset = match.start()
        return inner[: start - offset] + " " * (end - start) + inner[end - offset :]

    return pattern.sub(spaces, text)


@lru_cache(maxsize=4096)
def _zip_record(zip_code: str) -> dict[str, object] | None:
    matches = zipcodes.matching(zip_code)
    return matches[0] if matches else None


def parse_zip(text: str) -> ZipResult:
    """Find a ZIP code in free text and classify it.

    Accepts "27705", "27705-1234" and "umm i think my zip is 27609". Phone numbers and the
    house number of a street address are ignored. The first real ZIP wins; otherwise the first
    5-digit number is reported as ``not_a_zip``, or the first number of 3-4 or 6-8 digits as
    ``bad_length``.
    """
    cleaned = _blank_out(text, _PHONE_RE)
    cleaned = _blank_out(cleaned, _STREET_ADDRESS_RE, "number")
    first_unreal: str | None = None
    for match in _ZIP_RE.finditer(cleaned):
        digits = match.group("zip")
        record = _zip_record(digits)
        if record is None:
            first_unreal = first_unreal or digits
            continue
        state = str(record["state"])
        return ZipResult(
            status=ZipStatus.NC if state == HOME_STATE else ZipStatus.OUTSIDE_NC,
            zip_code=digits,
            city=_display_name(str(record["city"])),
            state=state,
            latitude=float(str(record["lat"])),
            longitude=float(str(record["long"])),
        )
    if first_unreal is not None:
        return ZipResult(status=ZipStatus.NOT_A_ZIP, zip_code=first_unreal)
    for match in _NUMBER_RE.finditer(cleaned):
        if 3 <= len(match.group(0)) <= 8:
            return ZipResult(status=ZipStatus.BAD_LENGTH, zip_code=match.group(0))
    return ZipResult(status=ZipStatus.NO_ZIP)


# ---------------------------------------------------------------------------------------------
# Towns

_STATES: dict[str, str] = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "DC": "district of columbia",
    "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho", "IL": "illinois",
    "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
    "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york",
    "NC": "north carolina", "ND": "north dakota", "OH": "ohio", "OK": "oklahoma",
    "OR": "oregon", "PA": "pennsylvania", "RI": "rhode island", "SC": "south carolina",
    "SD": "south dakota", "TN": "tennessee", "TX": "texas", "UT": "utah", "VT": "vermont",
    "VA": "virginia", "WA": "washington", "WV": "west virginia", "WI": "wisconsin",
    "WY": "wyoming", "PR": "puerto rico",
}  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# NC towns whose names are everyday English words or phrases: matched only when the message is
# just the town, or the town is followed by "NC", or introduced by "live in", "near", ...
# ("thanks in advance" must not find Advance, NC). Checked against an English frequency list.
_WORD_TOWNS = _words(
    "advance alliance almond ash atlantic aurora bath boomer broadway calypso climax coats "
    "comfort como council earl ether faith falcon fountain gates gulf harmony king liberty "
    "maiden maple marble micro oriental pinnacle rex sapphire speed star stem supply toast "
    "trinity turkey vale waves welcome wise woodland tuxedo candor early"
) | {"high point", "state road", "west end", "deep run", "white oak", "red oak", "new hill"}
# NC towns that are also common first names or surnames ("my son Todd"): allowed after a
# plain "in" too ("I'm in Kelly"), besides the contexts above.
_NAME_TOWNS = _words(
    "alexander alexis bailey bennett cameron dana davis edward franklin garland gibson grover "
    "hamilton harris jackson julian kelly lynn marshall merritt norman olivia otto simpson sims "
    "sophia spencer stacy stella terrell todd vaughan wade wallace webster willard boone dover enfield lee "
    "milton"
)
# The one list of NC town names that are also ordinary words or people's names: the geocoder
# needs a cue for them, and the spaCy entity ruler (bot/nlp_build.py) never tags them in free text.
AMBIGUOUS_TOWN_NAMES = _WORD_TOWNS | _NAME_TOWNS
_STRONG_CUES = (
    ("live", "in"), ("living", "in"), ("located", "in"), ("moved", "to"), ("near",),
    ("close", "to"), ("outside", "of"), ("outside",), ("around",), ("town", "of"),
    ("city", "of"), ("were", "in"), ("im", "in"), ("am", "in"),
)  # fmt: skip
_WEAK_CUES = (("in",), ("from",))
# Words that may surround a town when the message is "just the town".
_FILLERS = _words(
    "i im m we re were live living in near from around the city town of my our its it s is am "
    "at um umm uh hmm well so ok okay actually think guess maybe just outside close to by area "
    "located currently stay staying on a an hi hello yes yeah sure"
)
# Frequent English words within one typo of an NC town ("carry" ~ Cary, "seven" ~ Severn),
# found by running the 20,000 most frequent English words through the matcher: never read
# as misspelt towns.
_NOT_TYPOS = _words(
    "anger angrier booze borne boston branch bunny burner butler butter button candle candles "
    "cannon canon canyon carry carton cashier diver dunno entice grand grande granny killing "
    "landing lands linen makers mansion mario marry mason robbing roman ropes rover scott "
    "scouts seven sever severe smokes stakes stale stoked stones stores strokes teacher "
    "teaches toner tuner visas warned"
)
_STREET_WORDS = frozenset(_STREET_SUFFIXES.split("|"))
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.IGNORECASE)
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
    return " ".join(_TOKEN_RE.findall(name.lower().replace("'", "")))


def _display_name(name: str) -> str:
    """Title-case a zipcodes city name, keeping hyphens: "winston-salem" -> "Winston-Salem"."""
    return "-".join(" ".join(w.capitalize() for w in part.split(" ")) for part in name.split("-"))


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
            names[key] = _display_name(raw)
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
def _nc_towns_by_initial() -> dict[str, list[tuple[str, _Town]]]:
    buckets: dict[str, list[tuple[str, _Town]]] = defaultdict(list)
    for key, town in _nc_towns().items():
        if key not in _WORD_TOWNS and key not in _NAME_TOWNS:
            buckets[key[0]].append((key, town))
    return dict(buckets)


@lru_cache(maxsize=64)
def _state_towns(state: str) -> dict[str, _Town]:
    return _build_towns(zipcodes.filter_by(state=state))


@lru_cache(maxsize=1)
def _state_name_keys() -> dict[tuple[str, ...], str]:
    keys = {tuple(name.split()): code for code, name in _STATES.items()}
    keys[("n", "c")] = HOME_STATE
    keys[("n", "carolina")] = HOME_STATE
    return keys


def warm_up() -> None:
    """Build the lookup tables now (about 0.35 s) rather than on the first user's message."""
    _nc_towns_by_initial()
    _zip_record("27705")


def nc_town_names() -> list[str]:
    """All North Carolina town names (USPS primary city names), title case, unique, sorted."""
    return sorted({town.name for town in _nc_towns().values()})


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _TOKEN_RE.finditer(text):
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
    if code in _STATES and (token.text.isupper() or token.after_comma or index == len(tokens) - 1):
        return code, 1
    return None, 0


def _cue_before(tokens: Sequence[_Token], index: int, cues: Sequence[tuple[str, ...]]) -> bool:
    before = tuple(t.norm for t in tokens[:index])
    return any(before[-len(cue) :] == cue for cue in cues if len(before) >= len(cue))


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions and swaps of
    neighbouring letters) between a and b, or ``limit + 1`` as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _fuzzy_town(phrase: str) -> _Town | None:
    """The closest NC town within one typo (two for names of 9+ letters), first letter kept.

    Keeping the first letter avoids "over" -> "Dover"; ties go to the town with more ZIP codes.
    """
    if len(phrase) < 5 or not phrase[0].isalpha() or phrase in _NOT_TYPOS:
        return None
    limit = 1 if len(phrase) < 9 else 2
    best: tuple[int, int, _Town] | None = None
    for key, town in _nc_towns_by_initial().get(phrase[0], ()):
        edits = _edit_distance(phrase, key, limit)
        if edits <= limit:
            ranked = (edits, -len(town.zip_codes), town)
            if best is None or ranked[:2] < best[:2]:
                best = ranked
    return best[2] if best else None


def _is_whole_message(tokens: Sequence[_Token], start: int, end: int, state_len: int) -> bool:
    rest = [t.norm for t in tokens[:start]] + [t.norm for t in tokens[end + state_len :]]
    return all(word in _FILLERS for word in rest)


def _candidates(tokens: Sequence[_Token], text: str) -> list[_Candidate]:
    nc_towns = _nc_towns()
    found: list[_Candidate] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + _MAX_TOWN_WORDS, len(tokens)) + 1):
            words = [t.norm for t in tokens[start:end]]
            if any(w.isdigit() for w in words) or all(w in _FILLERS for w in words):
                continue
            if end < len(tokens) and tokens[end].norm in _STREET_WORDS:
                continue  # "Erwin Rd", "Wake Forest Road": a street, not a town
            phrase = " ".join(words)
            state, state_len = _state_after(tokens, end)
            whole = _is_whole_message(tokens, start, end, state_len)
            strong_cue = _cue_before(tokens, start, _STRONG_CUES)
            cue = strong_cue or _cue_before(tokens, start, _WEAK_CUES)
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
                if phrase in _WORD_TOWNS:
                    allowed = whole or state == HOME_STATE or strong_cue
                elif phrase in _NAME_TOWNS:
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


# ---------------------------------------------------------------------------------------------
# Combined


def geocode(text: str) -> GeoResult:
    """Turn a user's message into a place: a real ZIP first, then a town, then the problem.

    See :class:`GeoStatus` for the outcomes. A message holding both a bad number and a town
    ("2770 durham") resolves to the town.
    """
    if not _TOKEN_RE.search(text or ""):
        return GeoResult(status=GeoStatus.EMPTY, label="")
    found_zip = parse_zip(text)
    if found_zip.status in (ZipStatus.NC, ZipStatus.OUTSIDE_NC):
        in_nc = found_zip.status is ZipStatus.NC
        place = found_zip.city if in_nc else f"{found_zip.city}, {found_zip.state}"
        return GeoResult(
            status=GeoStatus.OK_NC if in_nc else GeoStatus.OUTSIDE_NC,
            label=f"{found_zip.zip_code} ({place})",
            latitude=found_zip.latitude,
            longitude=found_zip.longitude,
            zip_code=found_zip.zip_code,
            city=found_zip.city,
            state=found_zip.state,
            source="zip",
        )
    town = find_town(text)
    if town is not None:
        in_nc = town.state == HOME_STATE
        return GeoResult(
            status=GeoStatus.OK_NC if in_nc else GeoStatus.OUTSIDE_NC,
            label=town.name if in_nc else f"{town.name}, {town.state}",
            latitude=town.latitude,
            longitude=town.longitude,
            city=town.name,
            state=town.state,
            source="town",
            corrected=town.corrected,
        )
    if found_zip.status is ZipStatus.NOT_A_ZIP:
        return GeoResult(status=GeoStatus.NOT_A_ZIP, label=found_zip.zip_code or "")
    if found_zip.status is ZipStatus.BAD_LENGTH:
        return GeoResult(status=GeoStatus.BAD_LENGTH, label=found_zip.zip_code or "")
    return GeoResult(status=GeoStatus.UNKNOWN_PLACE, label="")
