"""Sentences and clauses of a message, each with the words that can date it (for bot/safety.py).

A time dates the signs of its own clause, of a clause that only gives the time of what came before
("..., it started at dinner"), and carries forward within its sentence; a date before "but" does
not date what follows it; and a date in a question about a possible cause dates the cause, not
the symptom (:func:`without_dated_causes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.onset import Cue, find_cues, kinds
from bot.safety_signs import find_signs

# Sentences, for a time that dates the whole sentence ("Tonight at dinner he started dropping food,
# and his speech sounds drunk").
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\n")

PARENTHESES = re.compile(r"\([^)]*\)")
_CONTRAST = re.compile(r"\b(?:but|pero|however|though|although|sin embargo|and now|y ahora)\b")

_CLAUSE = re.compile(
    r"(?<=[.!?;\n])\s+|\s*,\s*|\s+(?:but|however|although|though|and|pero|y|y ahora)\s+|\s*[\u2014]\s*"
)
# A clause that only gives the time of what came before: "..., it started at dinner".
_TIME_ONLY = re.compile(r"^(?:it|this|that|which|and it|all|started|began|empezo|comenzo|fue|paso)\b")


# A question about what may have caused a symptom, up to the end of its clause: "could it be from
# my botox last month", "is this because of the surgery in May", "sera por la vacuna del año pasado".
_CAUSE_QUESTION = re.compile(
    r"\b(?:could|can|might|may|would|is|was|did)\s+(?:it|this|that|these|all this)\s+"
    r"(?:be\s+|have been\s+|come\s+)?"
    r"(?:from|due to|because of|caused by|related to|linked to|a reaction to|a side effect of)\b[^.?!;,]*"
    r"|\b(?:sera|puede ser|podria ser)\s+(?:por|de|a causa de|debido a)\b[^.?!;,]*"
)
# A cause at birth is the condition itself, never only the cause: "is it from birth?".
_BIRTH = re.compile(r"\b(?:birth|born|congenital|nacimiento|naci\w*|congenit\w*)\b")


def without_dated_causes(folded: str) -> str:
    """The message without the questions about a cause that hold a past date and no sign, when a
    time that is now is left: in "my mouth is drooping, it came on suddenly about an hour ago,
    could it be from my botox last month?" the old date is the botox's, not the droop's. Without a
    time that is now nothing is removed ("I've had Bell's palsy, could it be from my flu shot in
    2019?" stays dated)."""
    removed = [m.group(0) for m in _CAUSE_QUESTION.finditer(folded)]
    dated_causes = [
        part
        for part in removed
        if kinds(part) & {Cue.PAST, Cue.AFTER_EVENT} and not find_signs(part).any and not _BIRTH.search(part)
    ]
    if not dated_causes:
        return folded
    rest = folded
    for part in dated_causes:
        rest = rest.replace(part, " ")
    return rest if Cue.RECENT in kinds(rest) else folded


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence and the words that can date it."""

    text: str
    time_words: str  # its own words, a following time-only clause, a time carried from before
    sentence_dated: bool  # its part of the sentence has a date in the past (outside brackets)


def clauses_with_times(sentences: list[str]) -> list[Clause]:
    """Each clause with the words that can date it.

    Its own words; a following time-only clause ("..., it started at dinner"); and a time that is
    now from an earlier clause of the same sentence, unless the clause has a date of its own
    ("just now she can't get up, and her arm is floppy").
    """
    paired = []
    for sentence in sentences:
        carried = ""
        # "Bell's palsy for years, but this morning the right side went numb": a date before a
        # "but" does not date what comes after it
        for segment in _CONTRAST.split(sentence):
            clauses = [c for c in _CLAUSE.split(segment) if c and c.strip()]
            segment_dated = bool(kinds(PARENTHESES.sub(" ", segment)) & {Cue.PAST, Cue.AFTER_EVENT})
            for i, clause in enumerate(clauses):
                following = clauses[i + 1] if i + 1 < len(clauses) else ""
                attached = following if _TIME_ONLY.match(following) and not find_signs(following).any else ""
                own = find_cues(f"{clause} {attached}")
                if any(cue.kind in (Cue.PAST, Cue.AFTER_EVENT) for cue in own):
                    carried = ""
                elif any(cue.kind is Cue.RECENT for cue in own):
                    carried = next(cue.text for cue in own if cue.kind is Cue.RECENT)
                paired.append(Clause(clause, f"{clause} {attached} {carried}".strip(), segment_dated))
    return paired


def split_sentences(folded: str) -> list[str]:
    """Sentences, with a time-only sentence joined to the one before ("... habla lento. Hace una hora.")."""
    out: list[str] = []
    for sentence in _SENTENCE.split(folded):
        if not sentence.strip():
            continue
        time_only = (
            out and len(sentence.split()) <= 6 and not find_signs(sentence).any and find_cues(sentence)
        )
        if time_only:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out
