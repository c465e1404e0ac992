"""Which FAQ topic a follow-up that leans on the previous answer is about.

"Who does that?", "how long does that take?", "tell me more about the second one" name no topic:
they are about the answer the visitor just read. The model recognises them as one intent
(`ask_followup`); this module says what they ask (`kind`) and which topic answers that after a
given topic (`followup_topic`). The links follow the page: the care team answers "who", the
results timeline answers "how long" unless a topic has its own, the two kinds of surgery are
"the first one" and "the second one".
"""

from __future__ import annotations

import re
from enum import Enum

from bot.onset import fold


class Kind(str, Enum):
    WHO = "who"
    WHO_NOT = "who_not"
    WHY = "why"
    HOW_LONG = "how_long"
    FIRST = "first"
    SECOND = "second"
    MORE = "more"


# Checked in this order: "who does the second one" asks about the second one. English and Spanish,
# matched without accents ("¿quién lo hace?", "cuanto tarda eso").
_KINDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.FIRST, re.compile(r"\b(first|1st|muscle|primer[ao]?|1r[ao]|musculo)\b")),
    (
        Kind.SECOND,
        re.compile(
            r"\b(second|2nd|other one|last one|nerve|graft"
            r"|segund[ao]|2d[ao]|la otra|el otro|nervios?|injertos?)\b"
        ),
    ),
    (
        Kind.WHO_NOT,
        re.compile(r"\bwho (isn'?t|is not|can'?t|cannot|shouldn'?t|doesn'?t)\b|\bquien(es)? no\b"),
    ),
    (
        Kind.WHO,
        re.compile(
            r"\b(who|whom|which (doctors?|specialists?|people)|what kind of doctor"
            r"|quien(es)?|que (doctor|doctora|especialista|medico)s?|que tipo de (doctor|medico))\b"
        ),
    ),
    (
        Kind.HOW_LONG,
        re.compile(
            r"\b(how long|how soon|how much time|how many (days|weeks|months|years)"
            r"|when (will|do|does|can)"
            r"|cuanto (tiempo|tarda|dura|demora)|cuantos (dias|semanas|meses|anos)"
            r"|cuando (voy|se|puedo|va))\b"
        ),
    ),
    (
        Kind.WHY,
        re.compile(r"\b(why|how come|what for|for what reason|para que)\b|^\W*por que\b|\bpor que\W*$"),
    ),
)

# What "the first one" and "the second one" are after a topic that lists two things.
_ORDINALS: dict[str, dict[Kind, str]] = {
    "faq/types": {Kind.FIRST: "faq/muscle_transfer", Kind.SECOND: "faq/nerve_transfer"},
    "faq/approach_factors": {Kind.FIRST: "faq/muscle_transfer", Kind.SECOND: "faq/nerve_transfer"},
    "faq/stages": {Kind.FIRST: "faq/stages", Kind.SECOND: "faq/stage_gap"},
    # after one of the two kinds, "and the first one?" is still about the pair
    "faq/muscle_transfer": {Kind.FIRST: "faq/muscle_transfer", Kind.SECOND: "faq/nerve_transfer"},
    "faq/nerve_transfer": {Kind.FIRST: "faq/muscle_transfer", Kind.SECOND: "faq/nerve_transfer"},
}
# Where a topic's own follow-up lives when it is not the general one.
_OWN: dict[str, dict[Kind, str]] = {
    "faq/stages": {Kind.HOW_LONG: "faq/stage_gap", Kind.WHY: "faq/approach_factors"},
    "faq/stage_gap": {Kind.HOW_LONG: "faq/stage_gap"},
    "faq/early_evaluation": {Kind.HOW_LONG: "faq/early_evaluation"},
    "faq/consultation_prep": {Kind.WHO: "faq/team"},
}
# "Tell me more": the topic the page goes on to after this one.
_MORE: dict[str, str] = {
    "faq/what_is": "faq/types",
    "faq/causes": "faq/types",
    "faq/types": "faq/approach_factors",
    "faq/muscle_transfer": "faq/stages",
    "faq/nerve_transfer": "faq/early_evaluation",
    "faq/stages": "faq/stage_gap",
    "faq/stage_gap": "faq/results_timeline",
    "faq/approach_factors": "faq/early_evaluation",
    "faq/early_evaluation": "faq/candidate",
    "faq/vs_facelift": "faq/what_is",
    "faq/outcomes": "faq/results_timeline",
    "faq/results_timeline": "faq/rehabilitation",
    "faq/candidate": "faq/not_candidate",
    "faq/not_candidate": "faq/candidate",
    "faq/children": "faq/muscle_transfer",
    "faq/consultation_prep": "faq/photos",
    "faq/photos": "faq/consultation_prep",
    "faq/team": "faq/rehabilitation",
    "faq/eyes": "faq/team",
    "faq/rehabilitation": "faq/team",
    "faq/expertise": "faq/team",
    "faq/ranking": "faq/expertise",
    "faq/told_nothing_can_be_done": "faq/candidate",
}
_GENERAL: dict[Kind, str] = {
    Kind.WHO: "faq/team",
    Kind.WHO_NOT: "faq/not_candidate",
    Kind.HOW_LONG: "faq/results_timeline",
}


def kind(text: str) -> Kind:
    """What a follow-up asks: who (or who not), how long, why, the first or second thing, or more."""
    folded = fold(text)
    for name, pattern in _KINDS:
        if pattern.search(folded):
            return name
    return Kind.MORE


def followup_topic(previous_topic: str | None, text: str) -> str | None:
    """The topic that answers ``text`` after ``previous_topic``; None when there was no topic."""
    if not previous_topic:
        return None
    asked = kind(text)
    if asked in (Kind.FIRST, Kind.SECOND):
        return _ORDINALS.get(previous_topic, {}).get(asked) or _MORE.get(previous_topic, previous_topic)
    own = _OWN.get(previous_topic, {}).get(asked)
    if own:
        return own
    if asked is Kind.MORE:
        return _MORE.get(previous_topic, previous_topic)
    if asked is Kind.WHY:
        # "why?" asks for the reason behind what was just said: that answer holds it
        return previous_topic
    return _GENERAL[asked]


def related_topics(topic: str) -> frozenset[str]:
    """The topic itself and every topic a follow-up leads to from it or back to it.

    When the model is unsure which topic a message is about, one of these, right after ``topic``
    was shown, is the likely reading: the conversation is still on that part of the page.
    """
    return _RELATED.get(topic, frozenset()) | {topic}


def _links() -> dict[str, frozenset[str]]:
    pairs = [(a, b) for table in (_ORDINALS, _OWN) for a, targets in table.items() for b in targets.values()]
    pairs += list(_MORE.items())
    related: dict[str, set[str]] = {}
    for a, b in pairs:
        related.setdefault(a, set()).add(b)
        related.setdefault(b, set()).add(a)
    return {topic: frozenset(others) for topic, others in related.items()}


_RELATED = _links()
