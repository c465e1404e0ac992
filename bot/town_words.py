"""The words the town matcher (bot/towns.py) needs besides the towns themselves.

U.S. state names, the North Carolina towns whose names are ordinary words or people's names,
the cues that introduce a place ("live in", "near"), filler words, and English words that are
one typo from a town. Plain data: no imports, no lookups.
"""

from __future__ import annotations

STATE_NAMES: dict[str, str] = {
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
WORD_TOWNS = _words(
    "advance alliance almond ash atlantic aurora bath boomer broadway calypso climax coats "
    "comfort como council earl ether faith falcon fountain gates gulf harmony king liberty "
    "maiden maple marble micro oriental pinnacle rex sapphire speed star stem supply toast "
    "trinity turkey vale waves welcome wise woodland tuxedo candor early"
) | {"high point", "state road", "west end", "deep run", "white oak", "red oak", "new hill"}
# NC towns that are also common first names or surnames ("my son Todd"): allowed after a
# plain "in" too ("I'm in Kelly"), besides the contexts above.
NAME_TOWNS = _words(
    "alexander alexis bailey bennett cameron dana davis edward franklin garland gibson grover "
    "hamilton harris jackson julian kelly lynn marshall merritt norman olivia otto simpson sims "
    "sophia spencer stacy stella terrell todd vaughan wade wallace webster willard boone dover enfield lee "
    "milton"
)
# The one list of NC town names that are also ordinary words or people's names: the geocoder
# needs a cue for them, and the spaCy entity ruler (bot/nlp_build.py) never tags them in free text.
AMBIGUOUS_TOWN_NAMES = WORD_TOWNS | NAME_TOWNS
STRONG_CUES = (
    ("live", "in"), ("living", "in"), ("located", "in"), ("moved", "to"), ("near",),
    ("close", "to"), ("outside", "of"), ("outside",), ("around",), ("town", "of"),
    ("city", "of"), ("were", "in"), ("im", "in"), ("am", "in"),
)  # fmt: skip
WEAK_CUES = (("in",), ("from",))
# Words that may surround a town when the message is "just the town".
FILLERS = _words(
    "i im m we re were live living in near from around the city town of my our its it s is am "
    "at um umm uh hmm well so ok okay actually think guess maybe just outside close to by area "
    "located currently stay staying on a an hi hello yes yeah sure"
)
# Frequent English words within one typo of an NC town ("carry" ~ Cary, "seven" ~ Severn),
# found by running the 20,000 most frequent English words through the matcher: never read
# as misspelt towns.
NOT_TYPOS = _words(
    "anger angrier booze borne boston branch bunny burner butler butter button candle candles "
    "cannon canon canyon carry carton cashier diver dunno entice grand grande granny killing "
    "landing lands linen makers mansion mario marry mason robbing roman ropes rover scott "
    "scouts seven sever severe smokes stakes stale stoked stones stores strokes teacher "
    "teaches toner tuner visas warned"
)
