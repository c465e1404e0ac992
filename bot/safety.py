"""Stroke safety: is this message a possible stroke happening now, an unknown onset, or old?

Three outcomes (``Verdict``):

- ``EMERGENCY``: stroke signs that are new ("since breakfast", "woke up with", "an hour ago",
  "suddenly"), or signs beyond the face (slurred or garbled speech, a weak arm, sudden confusion
  or vision loss) with nothing dating them to the past. The reply is "Call 911 now", first.
- ``POSSIBLE``: a facial symptom of the visitor or someone they name ("my face droops") with no
  time at all. The reply is one calm line (if this is new or came on suddenly, call 911 now) and
  then the answer to the question.
- ``LONGSTANDING`` (dated to the past: "when he was 3", "in March of last year", "for 8 months",
  "since the accident"), ``GENERAL`` (a question about strokes or symptoms in general, a study
  question, a joke) and ``NONE`` (no symptom): no 911 text at all. These people are the ones the
  page is for.

How the decision is made (``assess`` for the rules, ``decide`` to add the classifier), in order:

1. The text is folded (lower case, no accents) and one-slip misspellings of the sign and time
   words are put right (bot/typos.py: "droping", "slured", "torcda").
2. Signs come from readable patterns (bot/safety_signs.py: face, speech, limbs and other signs,
   "having a stroke"), English and Spanish; time cues from the small parser in bot/onset.py.
3. Clause by clause: a sign with a time that is now (its own, a time-only clause after it, or a
   time carried from an earlier clause of the sentence) is an emergency, even in a message that
   also has an old date. A past date in a question about a cause dates the cause, not the
   symptom, when the message also gives a time that is now ("drooping since an hour ago, could it
   be from my botox last month?"). Speech, limb and other signs are never part of old facial paralysis; a
   facial sign next to an old date counts only when the clause says what changed ("the other
   side", "now also", "esto es nuevo"), and a date before "but" does not date what follows.
4. An old condition with new signs in a sentence of their own ("Bell's palsy since 2019. Since
   halftime he's confused and his arm is weak"), or said outright to be new, is an emergency.
5. Otherwise any past date makes the message longstanding: "it came on suddenly in 2019", "woke
   up from surgery in March of last year with that side paralyzed".
6. Jokes, study questions, hypotheticals and questions about strokes in general are general.
7. A sign with a recent or sudden cue is an emergency; speech, limb or other signs of someone
   are an emergency with no time at all ("he's talking gibberish and his face looks crooked"),
   unless they are described as mild and habitual by someone asking where to get care ("slurs a
   bit ... who should he see?"), which gets the calm line; a facial sign with no time is
   possible.
8. ``decide``: the classifier's ``emergency`` intent (trained on ~300 stroke descriptions and ~220
   hard negatives) turns only a NONE (the rules saw no sign, no date, nothing general) into an
   emergency, when it is at least ``CLASSIFIER_MIN_CONFIDENCE`` sure and the message names a face,
   speech or a limb. It never overrules a date, a general question or the calm line.

Why the rules decide and the classifier only adds (BENCHMARKS.md, "Stroke safety"): on the dev
sets, which the old rules had not seen, the classifier alone caught 99% of new-onset messages
but raised an alarm on about one hard negative in five, because old and new paralysis use the
same words and only the time differs; the time parser is what tells them apart. Letting the
classifier also overrule the calm line added 2 points of recall on unseen messages but turned
three in four "possible" cases into full alarms, so it only fills in where the rules see nothing.

This module is the entry point and holds the decision; the patterns it reads live beside it:
bot/safety_signs.py (what is described), bot/safety_clauses.py (which time dates which sign) and
bot/safety_context.py (whose symptom, how urgent, what kind of question).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.onset import Cue, find_cues, fold, kinds
from bot.safety_clauses import PARENTHESES, clauses_with_times, split_sentences, without_dated_causes
from bot.safety_context import (
    ACADEMIC,
    BODY_WORDS,
    CARE_QUESTION,
    CHANGE,
    CONDITIONAL,
    GENERAL,
    GENERAL_WHO,
    HYPOTHETICAL,
    MILD,
    NOT_SERIOUS,
    NOTICED,
    PARALYZED_NOW,
    PERSONAL,
    PRESENT_STATE,
    SEEKING,
    STROKE_TOPIC,
    THIS_IS_NEW,
    URGENT,
    WORSE,
    looks_spanish,
)
from bot.safety_signs import describes_face, find_signs
from bot.typos import correct

__all__ = [
    "CLASSIFIER_MIN_CONFIDENCE",
    "SafetyAssessment",
    "Verdict",
    "assess",
    "decide",
    "looks_spanish",
]


class Verdict(str, Enum):
    EMERGENCY = "emergency"
    POSSIBLE = "possible"
    LONGSTANDING = "longstanding"
    GENERAL = "general"  # a question about strokes or symptoms in general
    NONE = "none"  # nothing the rules recognise: the classifier may still add evidence


@dataclass(frozen=True)
class SafetyAssessment:
    verdict: Verdict
    reason: str
    spanish: bool = False

    @property
    def is_emergency(self) -> bool:
        return self.verdict is Verdict.EMERGENCY


# The classifier alone turns a message into an emergency only when it is this sure.
CLASSIFIER_MIN_CONFIDENCE = 0.8


def assess(text: str) -> SafetyAssessment:
    """The rules' verdict for one visitor message (see the module docstring)."""
    folded = without_dated_causes(correct(fold(text)))
    spanish = looks_spanish(folded)
    if not folded:
        return SafetyAssessment(Verdict.NONE, "empty")
    signs = find_signs(folded)
    found = find_cues(folded)
    cues = {cue.kind for cue in found}
    if not signs.any:
        if cues & {Cue.PAST, Cue.AFTER_EVENT}:
            return SafetyAssessment(Verdict.LONGSTANDING, "dated to the past", spanish)
        if GENERAL.search(folded) or STROKE_TOPIC.search(folded) or ACADEMIC.search(folded):
            return SafetyAssessment(
                Verdict.GENERAL, "a question about strokes or symptoms in general", spanish
            )
        return SafetyAssessment(Verdict.NONE, "no symptom described", spanish)

    dated = bool(cues & {Cue.PAST, Cue.AFTER_EVENT})
    said_new = bool(THIS_IS_NEW.search(folded))
    sentences = split_sentences(folded)
    for part in clauses_with_times(sentences):
        clause = part.text
        clause_signs = find_signs(clause)
        clause_cues = kinds(part.time_words)
        if Cue.RECENT not in clause_cues:
            continue
        if WORSE.search(clause):
            return SafetyAssessment(Verdict.EMERGENCY, "symptoms getting worse now", spanish)
        if not clause_signs.any:
            continue
        # speech, limb and other signs are never part of old facial paralysis; a facial sign
        # next to an old date is new only when the clause says something changed
        changed = bool(CHANGE.search(clause))
        new_face = (
            describes_face(clause, paralysis_counts=True)
            and (not (part.sentence_dated or Cue.PAST in clause_cues) or changed or said_new)
            and not (dated and NOTICED.search(clause) and not changed)
            # in a message with an old date, a time carried from another clause does not make a
            # facial sign new unless the message says what changed
            and not (dated and Cue.RECENT not in kinds(clause) and not (changed or said_new))
        )
        if clause_signs.beyond_face or new_face:
            return SafetyAssessment(Verdict.EMERGENCY, "a symptom with a time that is now", spanish)

    # An old condition and, in a sentence of its own, something new: "Bell's palsy in 2019. Since
    # this morning everything looks doubled and she can't walk straight."
    if dated:
        for sentence in sentences:
            # "(16, Moebius since birth)": background in brackets does not date the sentence
            sentence_cues = kinds(PARENTHESES.sub(" ", sentence))
            if sentence_cues & {Cue.PAST, Cue.AFTER_EVENT}:
                continue
            beyond_face = find_signs(sentence).beyond_face
            sudden_beyond_face = Cue.SUDDEN in sentence_cues and beyond_face and PERSONAL.search(sentence)
            if Cue.RECENT not in sentence_cues and not sudden_beyond_face and not said_new:
                continue
            new_face = (
                describes_face(sentence, paralysis_counts=True)
                and (said_new or CHANGE.search(sentence))
                and not NOTICED.search(sentence)
            )
            if beyond_face or new_face:
                return SafetyAssessment(Verdict.EMERGENCY, "new signs on top of an old condition", spanish)
        if said_new and signs.beyond_face:
            return SafetyAssessment(Verdict.EMERGENCY, "new signs on top of an old condition", spanish)

    if dated:
        return SafetyAssessment(Verdict.LONGSTANDING, "dated to the past", spanish)
    if NOT_SERIOUS.search(text.lower()) and not cues & {Cue.RECENT, Cue.SUDDEN}:
        return SafetyAssessment(Verdict.GENERAL, "a joke or an aside, not a symptom now", spanish)
    what_if = (HYPOTHETICAL.search(folded) and Cue.SUDDEN not in cues) or CONDITIONAL.search(folded)
    if what_if and Cue.RECENT not in cues and not URGENT.search(folded):
        return SafetyAssessment(Verdict.GENERAL, "a question about what if", spanish)
    if ACADEMIC.search(folded) and Cue.RECENT not in cues:
        return SafetyAssessment(Verdict.GENERAL, "a question for study, not about someone now", spanish)
    if (
        GENERAL.search(folded)
        and Cue.RECENT not in cues
        and not PERSONAL.search(GENERAL_WHO.sub(" ", folded))
    ):
        return SafetyAssessment(Verdict.GENERAL, "a question about strokes or symptoms in general", spanish)
    # "my mom's face is drooping, is that something you treat?": a present tense is the only cue,
    # the face the only sign, and the visitor asks about care, so the calm line and the answer
    present_only = bool(found) and all(
        cue.kind is Cue.SUDDEN and PRESENT_STATE.match(cue.text) for cue in found
    )
    if present_only and not signs.beyond_face and CARE_QUESTION.search(folded) and not URGENT.search(folded):
        return SafetyAssessment(
            Verdict.POSSIBLE, "a facial symptom in the present tense, asking about care", spanish
        )
    if cues & {Cue.RECENT, Cue.SUDDEN} and (
        signs.beyond_face or describes_face(folded, paralysis_counts=True)
    ):
        return SafetyAssessment(Verdict.EMERGENCY, "a new or sudden symptom", spanish)
    if (
        not signs.stroke_now
        and signs.face
        and MILD.search(folded)
        and CARE_QUESTION.search(folded)
        and not URGENT.search(folded)
    ):
        return SafetyAssessment(
            Verdict.POSSIBLE, "mild signs with no time, asking where to get care", spanish
        )
    if signs.stroke_now or (
        signs.beyond_face
        and (PERSONAL.search(folded) or signs.face or (signs.speech and signs.body) or URGENT.search(folded))
    ):
        return SafetyAssessment(Verdict.EMERGENCY, "speech, limb or other stroke signs", spanish)
    if describes_face(folded) and (URGENT.search(folded) or _shouting(text)):
        return SafetyAssessment(Verdict.EMERGENCY, "a facial symptom and a plea for help", spanish)
    if (describes_face(folded) or PARALYZED_NOW.search(folded)) and (
        PERSONAL.search(folded) or SEEKING.search(folded)
    ):
        return SafetyAssessment(Verdict.POSSIBLE, "a facial symptom with no time", spanish)
    if describes_face(folded) and not (GENERAL.search(folded) or STROKE_TOPIC.search(folded)):
        return SafetyAssessment(Verdict.POSSIBLE, "a facial symptom described with no time", spanish)
    return SafetyAssessment(Verdict.GENERAL, "a symptom named in a general question", spanish)


def decide(text: str, emergency_confidence: float = 0.0) -> SafetyAssessment:
    """The final verdict: the rules, plus the classifier's ``emergency`` confidence as evidence.

    The classifier only turns a NONE (nothing the rules recognise) into an emergency, and only
    when the message talks about a face, speech or a limb: it never overrules a date in the past,
    a general question, or the calm line for a symptom with no time.
    """
    ruled = assess(text)
    if (
        ruled.verdict is Verdict.NONE
        and emergency_confidence >= CLASSIFIER_MIN_CONFIDENCE
        and BODY_WORDS.search(fold(text))
    ):
        return SafetyAssessment(
            Verdict.EMERGENCY, "the classifier recognised a stroke description", ruled.spanish
        )
    return ruled


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and all(c.isupper() for c in letters)
