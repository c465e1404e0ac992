"""Emergency rule layer: recognise a possible stroke (sudden, new facial droop or weakness).

The intent classifier is statistical and can be unsure; this layer is a small set of explicit
rules that the Rasa adapter applies after classification, so a low-confidence intent can never
out-vote it. It is deliberately biased towards safety for *new* symptoms, and deliberately quiet
for *longstanding* paralysis (since birth, "for 6 years", "after Bell's palsy 2 years ago"),
which is what this assistant is for and must never get 911 text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Verdict(str, Enum):
    EMERGENCY = "emergency"
    LONGSTANDING = "longstanding"
    NONE = "none"


@dataclass(frozen=True)
class SafetyAssessment:
    verdict: Verdict
    reason: str

    @property
    def is_emergency(self) -> bool:
        return self.verdict is Verdict.EMERGENCY


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several|many|some|a couple of)"
_PERSON = r"(?:my|his|her|their|your|the|our)"

# Trouble speaking: alarming together with another cue (a face sign, a time, "his speech").
_SPEECH_SIGNS = _rx(
    r"\bslurr?(?:ed|s)?\b",
    r"\bslurry\b",
    r"\b(?:can'?t|cannot|can not|unable to|trouble|hard to|struggling to)\s+(?:talk|speak|get (?:his|her|my|the) words out)",
)

# Signs of a stroke that are alarming on their own, whatever the face does.
_STROKE_SIGNS = _rx(
    r"\bslurring\b",
    r"\b(?:arm|hand|leg)s?\b[^.?!]{0,25}\b(?:weak|numb|limp|dead|heavy|tingl\w*|won'?t move|can'?t (?:lift|move))",
    r"\b(?:weak|numb|limp|heavy)\w*\s+(?:left |right )?(?:arm|hand|leg)",
    r"\b(?:can'?t|cannot|unable to)\s+(?:lift|move|raise|feel)\s+(?:my|his|her|their|the|your)\s+(?:left |right )?(?:arm|hand|leg)",
    r"\b(?:having|has|had|is having|might be having|think (?:i'?m|he'?s|she'?s|they'?re|i am|he is|she is) having)\s+a\s+stroke\b",
    r"\bis (?:this|it|that) a stroke\b",
    r"\bstroke (?:symptoms?|signs?)\b[^.?!]{0,20}\b(?:now|today|right now)\b",
    # Spanish: stroke ("derrame cerebral", "ictus")
    r"\bderrame cerebral\b",
    r"\bictus\b",
)

# Facial droop, weakness or numbness (the symptom itself, old or new).
_FACE_SIGNS = _rx(
    r"\bdroop\w*",
    r"\bsagg?(?:ing|ed|s|y)?\b",
    r"\bnumb\w*",
    r"\bweak\w*",
    r"\bcrooked\b",
    r"\blopsided\b",
    r"\bparaly[sz]\w*",
    r"\bpalsy\b",
    r"\bfell\b|\bfallen\b|\bfalling\b",
    r"\b(?:can'?t|cannot|can not|won'?t|unable to)\s+(?:move|smile|close|feel|blink)",
    r"\b(?:face|mouth|lip|smile|eye(?:lid)?|cheek|side)\b[^.?!]{0,20}\b(?:went|goes|gone|is going|dropp\w*|stopped working|not moving|isn'?t moving|frozen|slack|uneven|pulling)",
    r"\bcara\b",
)

# Words that place the start of symptoms now or in the last day or so.
_RECENT_ONSET = _rx(
    r"\bright now\b",
    r"\bjust now\b",
    r"\bjust\s+(?:started|began|happened|noticed|woke|now|went|became|got)\b",
    r"\btoday\b",
    r"\btonight\b",
    r"\bthis (?:morning|afternoon|evening)\b",
    r"\blast night\b",
    r"\byesterday\b",
    rf"\b{_NUM}\s+(?:minutes?|mins?|hours?|hrs?)\s+ago\b",
    r"\b(?:in|within|for|over) the (?:last|past) (?:few )?(?:minutes?|hours?|hour)\b",
    r"\bwoke up\b",
    r"\bwhen (?:i|he|she|they) woke\b",
    r"\bis happening\b|\bhappening (?:now|right now)\b",
    r"\bde repente\b|\bahora\b|\bhoy\b",
)

# Words that say the onset was sudden or is under way, without a time of day.
_SUDDEN = _rx(
    r"\bsudden(?:ly)?\b",
    r"\ball of a sudden\b",
    r"\bout of nowhere\b",
    r"\bout of the blue\b",
    r"\bstarted (?:to )?(?:droop|sag|go numb|feel numb|feel weak|slur)\w*",
    r"\bbegan (?:to )?(?:droop|sag)\w*",
    r"\bis (?:now )?(?:drooping|sagging|going numb|getting weak\w*)\b",
    r"\b(?:new|newly)\s+(?:\w+\s+)?(?:droop|weakness|numbness|paralysis)",
)

# Duration or origin that makes it longstanding (the reason people come to this page).
_LONGSTANDING = _rx(
    r"\bsince (?:birth|(?:i|he|she|they) (?:was|were) (?:born|a baby|a child|little|young|small|\d+))\b",
    r"\bborn (?:with|without)\b",
    r"\bat birth\b",
    r"\bcongenital\b",
    r"\bm[oö]e?bi?[ue]s\b|\bmobius\b|\bmoebius\b",
    rf"\b(?:for|over|about|almost|nearly|past)\s+(?:the (?:last|past)\s+)?{_NUM}\s+(?:years?|yrs?|months?|mos?|weeks?)\b",
    rf"\b{_NUM}\s+(?:years?|yrs?|months?|weeks?)\s+(?:ago|now|already|back)\b",
    r"\b(?:last|this past|past) (?:year|month|spring|summer|fall|autumn|winter)\b",
    r"\bin (?:19|20)\d\d\b",
    r"\b(?:in|since|back in|last|this past)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    r"\bever since\b",
    r"\b(?:whole|entire) life\b|\ball (?:my|his|her|their) li(?:fe|ves)\b",
    r"\blong[- ]?standing\b|\bfor a long time\b|\bfor years\b|\bfor ages\b",
    r"\bchronic\b",
)


def assess(text: str) -> SafetyAssessment:
    """Classify a visitor message as a possible emergency, longstanding paralysis, or neither.

    EMERGENCY when stroke signs appear (slurred speech, arm weakness, "having a stroke"), or a
    facial droop/weakness is described as sudden or recent, unless the message dates the problem
    to long ago without also saying something changed now.
    """
    if not text or not text.strip():
        return SafetyAssessment(Verdict.NONE, "empty")
    normalized = text.replace("\u2019", "'").replace("\u2018", "'")
    stroke = bool(_STROKE_SIGNS.search(normalized))
    speech = bool(_SPEECH_SIGNS.search(normalized))
    face = bool(_FACE_SIGNS.search(normalized))
    recent = bool(_RECENT_ONSET.search(normalized))
    sudden = bool(_SUDDEN.search(normalized))
    longstanding = bool(_LONGSTANDING.search(normalized))

    if longstanding:
        # "Since birth, but this morning the other side started drooping" is new and urgent;
        # "it suddenly happened 3 years ago" is not.
        if recent and (face or stroke or speech):
            return SafetyAssessment(Verdict.EMERGENCY, "new symptoms on top of an old condition")
        return SafetyAssessment(Verdict.LONGSTANDING, "dated to long ago")
    if stroke:
        return SafetyAssessment(Verdict.EMERGENCY, "stroke signs")
    if speech and (face or recent or sudden or _mentions_body_now(normalized)):
        return SafetyAssessment(Verdict.EMERGENCY, "trouble speaking with another warning sign")
    if face and (recent or sudden):
        return SafetyAssessment(Verdict.EMERGENCY, "sudden or recent facial symptoms")
    return SafetyAssessment(Verdict.NONE, "no emergency signs")


# The names of the condition ("paralysis", "palsy") alone describe no symptom: "can tumor surgery
# cause paralysis?" is a question about the page, not a report of something happening.
_CONDITION_NAMES = re.compile(r"\bparaly[sz]\w*|\bpalsy\b", re.IGNORECASE)


def mentions_symptoms(text: str) -> bool:
    """Whether the text describes a facial, speech or stroke symptom (old or new)."""
    normalized = _CONDITION_NAMES.sub(" ", (text or "").replace("\u2019", "'"))
    return any(pattern.search(normalized) for pattern in (_FACE_SIGNS, _STROKE_SIGNS, _SPEECH_SIGNS))


_BODY_NOW = re.compile(rf"\b{_PERSON}\s+(?:face|speech|arm|mouth)\b", re.IGNORECASE)


def _mentions_body_now(text: str) -> bool:
    return bool(_BODY_NOW.search(text))
