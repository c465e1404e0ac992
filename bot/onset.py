"""When did it start? A small parser for the time expressions visitors use about symptoms.

The stroke decision (bot/safety.py) turns on one question: is the symptom new, or old? This
module finds the time cues in a message, English and Spanish, and sorts them:

- ``RECENT``: a time that is now or within about a day ("an hour ago", "since breakfast", "at
  dinner", "this morning", "right now", "last night", "hace una hora", "desde esta mañana").
- ``SUDDEN``: onset words without a clock ("suddenly", "woke up with", "started while I was
  watching TV", "de repente"). They make a symptom new unless the message dates it to the past.
- ``PAST``: dates, ages and durations that make it longstanding ("when he was 3", "in 2019",
  "in March of last year", "for 8 months", "since the accident", "since birth", "de nacimiento").

A RECENT cue is dropped when it belongs to something other than a symptom: "my doctor referred me
*today*", "I just found your page", "my appointment is *tonight*". Texts are folded (lower case, no
accents, straight apostrophes) by :func:`fold` before matching.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum


class Cue(str, Enum):
    RECENT = "recent"
    SUDDEN = "sudden"
    PAST = "past"
    # after an event with no date ("since the accident", "she had a stroke"): old unless a time
    # that is now sits in the same sentence ("since the accident last night")
    AFTER_EVENT = "after_event"


@dataclass(frozen=True)
class TimeCue:
    kind: Cue
    text: str
    start: int


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened, spaces collapsed."""
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip()


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


_FEW = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"a few|few|several|a couple(?: of)?|couple(?: of)?|some|like|about|maybe|\d+ or \d+)"
)
_MEALS = r"(?:breakfast|brunch|lunch|lunchtime|dinner|supper|dinnertime|noon|midday)"
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_ES_NUM = (
    r"(?:\d+|un|una|unos|unas|dos|tres|cuatro|cinco|seis|siete|ocho|diez|varios|varias|muchos|muchas|media)"
)
_WHO = r"(?:i|he|she|they|we|you|mom|dad|my \w+|his \w+|her \w+)"
# Everyday events of a day: "since his nap", "after the game", "during the sermon".
_EVENTS = (
    r"(?:nap|shower|bath|walk|run|workout|lunch|dinner|breakfast|supper|coffee|drive|shift|class|game|practice|"
    r"meeting|news|show|movie|sermon|service|party|flight|trip|appointment|visit|errands|commute)"
)

_RECENT = _rx(
    r"\b(?:right|just) now\b",
    r"\b(?:just|has just|have just) (?:woke|got up|started|began|happened|went|fell|dropped|stopped|came on|turned)\b",
    r"\brn\b",
    r"\bas we speak\b",
    rf"\b{_FEW}(?: \w+)? (?:seconds?|secs?|minutes?|mins?|hours?|hrs?|hr)(?: or so)? ago\b",
    r"\b(?:an|a|half an?) (?:hour|hr)\b",
    rf"\b(?:for|in|within|over|during) the (?:last|past) (?:{_FEW} )?(?:minutes?|mins?|hours?|hrs?|hour|day)\b",
    rf"\bfor (?:the )?(?:last |past )?{_FEW} (?:minutes?|mins?|hours?|hrs?)\b",
    r"\b(?:this|dis) (?:morning|am|afternoon|evening|pm)\b",
    r"\b(?:to ?day|tonight|tonite|earlier|last night|overnight|yesterday)\b",
    rf"\b(?:since|at|during|after|before|around|over|by|from) (?:{_MEALS}|church|bedtime|the game|the party)\b",
    r"\b(?:since|at|around|about) \d{1,2}(?::\d\d)? ?(?:a\.?m\.?|p\.?m\.?|o'?clock)\b",
    r"\bsince (?:\d+|one|two|an?|half an?) (?:hours?|hrs?|minutes?|mins?)\b",
    r"\b(?:since|at|around) (?:about|around|approx\w*|like|roughly) \d{1,2}(?::\d\d)?\b(?! (?:years?|yrs?|months?|weeks?))|"
    r"\b(?:since|at|around|about) \d{1,2}:\d\d\b|\bsince (?:approx\w* )?0\d{3}\b",
    r"\bsince (?:we|i|he|she|they) (?:got|came) (?:home|back|up)\b|\bsince (?:i|he|she|they|we) (?:woke|got up)\b",
    r"\b(?:started|began|happened) (?:at|around|about) \d",
    # "since we sat down to eat", "since she got home", "since her nap": an everyday event that
    # day (life events such as the accident or the surgery are AFTER_EVENT below)
    r"\bsince (?:we|i|he|she|they|you) (?:\w+ ){0,2}(?:sat|got|came|went|ate|woke|left|picked|arrived|finished|walked|drove|came in|laid)\b(?! (?:born|a baby|a kid|little|young|\d))",
    rf"\b(?:since|after|during|at|as of|around) (?:the end of )?(?:his|her|my|their|the|our) (?:morning |afternoon |evening |\S+ ){{0,2}}{_EVENTS}\b",
    r"\b(?:since|after|as of) (?:halftime|church|mass|work|school|noon|midday)\b|\bas of (?:\d|this|today|tonight|lunch)",
    r"\bwhen (?:i|we|he|she|they) (?:got|came) (?:home|back|off|out|in)\b|\bwhen (?:i|we) (?:picked|dropped) (?:\w+ )?(?:up|off)\b|"
    r"\bwhen (?:i|we) (?:visited|checked on|stopped by)\b|\b(?:right )?after (?:i|we|he|she|they) (?:got|came) (?:off|home|back|out)\b",
    r"\ba (?:moment|second|sec) ago\b|\bmoments ago\b|\bthis arvo\b|\bsince the (?:morning|afternoon|evening)\b|"
    r"\b(?:right |just )?before (?:i|we) (?:messaged|texted|wrote|called|typed)\b|"
    r"\bjust (?:got|came) (?:back|home|in)\b|\b(?:the|for the|in the) (?:last|past) (?:little )?while\b|\b(?:woke up )?from (?:his|her|my|a) nap\b",
    r"\b(?:around|about) \d{1,2}(?::\d\d)? (?:he|she|i|we|they|my|his|her|mom|dad)\b|\bsince (?:approx\w*\.? |~ ?)?(?:0\d|1[0-8])[0-5]\d\b",
    r"\b(?:was|were|looked|seemed|felt) (?:totally |completely |perfectly )?(?:fine|normal|ok|okay|good) (?:at|this|yesterday|an hour|a few|last night|earlier|when|before|until|this morning|\d)",
    r"\b(?:a (?:little )?while|a bit|half an hour|half hour|a few|few) (?:ago|back)\b|\b(?:in|within|over|for) the (?:last|past) half (?:an )?hour\b",
    rf"\b{_FEW} (?:\w+ )?(?:min|mins|minutes|hrs|hours)\b(?! (?:a day|a week|per|each|every))",
    r"\b(?:during|at|in|after) (?:my|his|her|the|a) (?:workout|nap|shower|bath|meeting|class|shift|practice|hair appointment|game|church service|recess)\b",
    r"\b(?:a|one) day ago\b|\b(?:\d|two|three|a couple|couple of|few) days ago\b",
    # Spanish
    r"\bahorita\b|\bahora mismo\b|\ben este momento\b|\bacaba(?:n|r)? de \w+\b",
    r"\bdesde que (?:se |me |nos )?(?:levant|despert|lleg|volv|regres|sali|comi|cen|almorz|acost|termin)\w*\b|\bdesde la siesta\b|"
    r"\bcuando (?:lo|la|los|las) (?:recogi|fui a \w+|vi)\b|\bcuando fui por (?:el|ella)\b|\b(?:en|durante) (?:la|el) ultim[oa] (?:media hora|hora|rato)\b|\bhace (?:rato|ratito|poco|media hora)\b",
    rf"\bhace (?:como |unos |unas |mas o menos |casi |ya )?(?:un rato|un ratito|ratito|poco|{_ES_NUM} (?:minutos?|mins?|horas?|hora|rato))\b",
    r"\b(?:desde|a) las? \d{1,2}(?::\d\d)?\b(?! (?:anos|meses))|\bdesde (?:el mediodia|la una)\b",
    r"\b(?:desde|en|durante|despues de|antes de) (?:el |la )?(?:desayuno|almuerzo|comida|cena|esta manana|anoche|hoy|ayer|la manana)\b",
    r"\b(?:esta|hoy en la) (?:manana|tarde|noche)\b|\b(?:estaba|estuvo|amanecio) (?:bien|normal|perfecto)\b",
    r"\b(?:hoy|anoche|ayer|hace rato)\b",
)

_SUDDEN = _rx(
    r"\bsudden(?:ly)?\b|\ball of a sudden\b|\bout of (?:nowhere|the blue)\b|\bsuddently\b",
    r"\b(?:woke|wake|waking|woken) (?:up )?(?:with|and|to find|this|today|n)\b",
    r"\bwhen (?:i|he|she|they|we|\w+) (?:woke|got) up\b",
    r"\b(?:just|has just|have just) (?:started|began|happened|noticed|now|went|became|got|turned)\b",
    r"\b(?:started|began|starting|beginning|came on|kicked in)\b(?! when (?:i|he|she|they) (?:was|were))",
    r"\bis (?:now )?(?:drooping|sagging|going numb|getting (?:weak|worse|numb)\w*|happening)\b",
    r"\bhappening (?:now|again)\b|\bkeeps? (?:getting|dropping|slurring)\b",
    r"\bwhile (?:i|he|she|they|we) (?:was|were) \w+ing\b|\bwhile (?:eating|watching|driving|talking|walking)\b",
    r"\b(?:new|newly)\b(?! (?:patients?|appointments?|doctors?|clinic|referral|insurance|york|jersey|hampshire|mexico|hanover|bern|england|to (?:this|the|your)))",
    r"\bjust (?:\w+ed|went|fell|stopped|got|became|came|woke|began|started|happened|noticed|dropped|brought|found|saw|heard|said)\b",
    r"\b(?:in the shower|at the gym|on (?:a|the) (?:zoom|video|phone|facetime) call|video call\w*|mid[- ]?conversation|"
    r"in the middle of|right in front of|came home (?:\w+ ){0,3}with)\b",
    # Spanish
    r"\bde (?:repente|golpe|la nada|pronto)\b|\brepentinamente\b|\bsubitamente\b",
    r"\bal (?:despertar|levantarse|levantarme)\b|\bse desperto\b|\bme desperte\b|\bamanecio\b|\bamaneci\b",
    r"\b(?:empezo|empece|comenzo|le dio|me dio|le esta dando|me esta dando)\b",
    r"\bmientras \w+(?:amos|aba|ia|ian|aban)\b|\b(?:en la regadera|en la ducha|en (?:la )?misa|en la iglesia|estaba viendo|estabamos|llego de \w+ con|de la escuela con)\b",
)

_PAST = _rx(
    r"\b(?:since|from|at) birth\b|\bsince (?:i|he|she|they) (?:was|were) born\b|\bborn (?:with|w/|without|unable|not able|missing|by|via|through|after)\b|\bat first\b",
    r"\bin the (?:fall|spring|summer|winter)\b(?! (?:of this year))",
    r"\bcongenital\b|\bm[o]e?bi?[ue]s\b|\bmoebius\b",
    rf"\b(?:for|over|about|almost|nearly|past|going on|like|after)\s+(?:the (?:last|past)\s+)?{_FEW}\s+(?:years?|yrs?|months?|mos?|mnths?|weeks?|wks?|decades?)\b",
    rf"\b{_FEW}\s+(?:years?|yrs?|months?|mos?|mnths?|weeks?|wks?|decades?)\s+(?:ago|now|already|back|later|on|since)\b",
    r"(?<!no )\bhx\b|(?<!no )\bhistory of\b|"
    rf"\b(?:it'?s |has )?been (?:exactly |about |almost |nearly |over )?{_FEW} (?:years?|yrs?|months?)\b",
    r"\b(?:years|months|decades|weeks) (?:ago|back|later|now)\b|\bfor (?:years|ages|decades|months|a long time|a while|so long)\b",
    r"\b(?:a|such a|so) long time\b|\bfor good\b|\bforever\b|\blong-?time\b",
    r"\b(?:last|this past|past|previous) (?:year|month|week|spring|summer|fall|autumn|winter|christmas)\b",
    r"\b(?:in|since|back in|around|circa) (?:19|20)\d\d\b|\b(?:19|20)\d\d\b",
    rf"\b(?:in|since|back in|last|this past|early|late) {_MONTHS}\b|\b{_MONTHS} (?:of )?(?:last year|\d{{4}})\b",
    r"\bwhen (?:i|he|she|they|we|\w+) (?:was|were) (?:born|a baby|a child|a kid|a teen\w*|little|young|small|\d+|"
    r"(?:in|at) (?:school|college|high school|middle school|grade school|elementary|kindergarten|preschool|daycare|"
    r"university|uni|the army|the military|boot camp|\d+(?:st|nd|rd|th)? grade|grade \w+))",
    r"\b(?:as|since) (?:a|an) (?:baby|child|kid|toddler|infant|teen\w*|newborn)\b|\b(?:at|since) age \d+\b",
    r"\bsince (?:childhood|high school|college|that day|forever)\b",
    r"\bsince (?:i|he|she|they|we) (?:was|were) (?!born\b)\w+",
    r"\b(?:for )?as long as (?:i|we|he|she|they) (?:can|could) remember\b|\bborn (?:like|this|that) (?:way|that)\b|\bborn that way\b",
    r"\b(?:anniversary|\d+(?:st|nd|rd|th) (?:year|anniversary))\b|\bcumpl\w* \w+ anos\b",
    r"\bde (?:bebe|chiquit[oa]|pequen[oa]|nin[oa]|joven|adolescente)\b|\bahora tengo \d+\b|"
    r"\bin (?:high school|middle school|college|grade school|elementary school|kindergarten)\b|\b(?:i'?m|he'?s|she'?s|is|am) \d+ now\b",
    r"\bnaci\w* asi\b|\bdesde que (?:era|eramos|tenia|estaba) \w+|\bdesde los \d+\b|\bya tengo \d+\b",
    rf"\b(?:been|had it|have had it|has had it) (?:for )?{_FEW} (?:years?|yrs?|months?|mos?|weeks?)\b",
    rf"\b{_FEW} (?:years?|yrs?|months?) after\b|\b(?:will )?always (?:droop\w*|been|had|has|be)\b",
    r"\b(?:an|my|his|her|their|from an?) old (?:\w+ )?(?:injury|bite|palsy|stroke|surgery|accident|trauma|bell'?s)\b",
    r"\bever since\b|\b(?:whole|entire) li(?:fe|ves)\b|\ball (?:my|his|her|their) li(?:fe|ves)\b",
    r"\b\d+[- ]?(?:year|yr|month)[- ]old (?:facial )?(?:paralysis|palsy|injury|condition|case|weakness)\b|"
    r"\blong[- ]?(?:standing|term)\b|\bchronic\b|\bpermanent\w*\b|\bold (?:injury|paralysis|palsy|stroke)\b|"
    r"\b(?:paralysis|palsy|injury|condition|weakness) is (?:\d+|a few|many|several) (?:years?|yrs?|months?|decades?) old\b",
    r"\bnever (?:came back|recovered|got better|returned|improved|fully)\b|\bdidn'?t (?:recover|come back|get better)\b",
    r"\b(?:stroke|bell'?s palsy) survivor\b|\bsurvived (?:a|his|her|my) stroke\b",
    # Spanish
    r"\bnaci\w* con\b|\bde nacimiento\b|\bdesde (?:que )?naci\w*\b|\bdesde (?:bebe|chiquit[oa]|pequen[oa]|nin[oa]|joven)\b",
    rf"\bhace (?:como |unos |unas |mas de |casi |ya )?{_ES_NUM} (?:anos?|meses|mes|semanas|decadas?)\b|"
    r"\ba los \d+(?: anos)?\b|\bya tiene \d+\b|\bdesde hace (?:\w+ ){{0,2}}(?:anos|meses|tiempo|mucho)\b",
    r"\bhace (?:anos|mucho|tiempo|meses)\b|\bel ano pasado\b|\bel mes pasado\b|\btoda (?:la|su|mi) vida\b",
    r"\bcongenit\w*\b|\bllev\w* (?:ya )?(?:\d+|un|una|dos|tres|varios|muchos) (?:anos?|meses|mes|semanas)\b",
    r"\bya van \d+ (?:semanas|meses|anos|dias)\b|\bdespues de (?:la|su|mi) (?:operacion|cirugia)\b|\b(?:semanas|meses|dias) (?:de|despues de) (?:operad[oa]|la operacion|la cirugia)\b",
    r"\bcuando (?:era|tenia|nacio)\b",
)

_AFTER_EVENT = _rx(
    r"\b(?:since|after|from) (?:(?:the|his|her|my|their|that|a|an) (?:\w+ ){0,3}|(?:\w+ )?)(?:accident|crash|surgery|operation|injury|fall|"
    r"tumou?r|stroke|bell'?s|infection|delivery|birth|chemo|radiation|cancer|removal|procedure)\b",
    # "she had a little stroke overnight" is a stroke now, not an old one
    r"\b(?:had|has had|suffered|survived|recovering from|recovered from) (?:a|an|his|her|my|the) (?:\w+ )?(?:stroke|tia|bell'?s palsy|surgery|operation)\b"
    r"(?! (?:\w+ )?(?:overnight|today|tonight|this (?:morning|afternoon|evening)|last night|just now|earlier|an? (?:hour|few minutes|minute)|\d+ (?:minutes?|mins?|hours?|hrs?)))",
    r"(?<!is that )(?<!is this )(?<!is it )\b(?:from|after|due to|caused by|because of) (?:\w+ )?(?:facial )?(?:paralysis|palsy|bell'?s)\b",
    r"\bpost[- ]?op\b|\b\d+ (?:days?|weeks?|wks?|months?) (?:out|post[- ]?op|after surgery)\b|"
    r"\b(?:from|after) (?:my|his|her|the) (?:\w+ ){0,3}(?:transfer|graft|reanimation)\b|\bafter (?:\w+ )?(?:botox|injections?)\b",
    r"\bsal\w* de (?:la |su |mi )?(?:cirugia|operacion|quirofano)\b|\bpor la anestesia\b|"
    r"\bdesde (?:el|la|su|mi) (?:accidente|cirugia|operacion|derrame|parto|tumor|embolia)\b|\b(?:tuvo|tuve) un (?:derrame|accidente|ictus)\b",
)

# Events that are not symptoms: a time next to them says nothing about when symptoms began.
_OTHER_EVENT = re.compile(
    r"\b(?:referr?ed|refer|diagnos\w*|learn\w*|search\w*|googl\w*|emailed|mentioned|writing|wondering|"
    r"(?:was|were|been|got|get) told|(?:doctor|dr|doc|they|neurolog\w*|surgeon|specialist|nurse) told|"
    r"(?:found|find|came across|saw|seen|see|seeing|read|reading|looking (?:at|for|into|up)) (?:\w+ ){0,3}"
    r"(?:page|site|website|clinic|program|article|videos?|post|ad|info\w*|bill|price|billboard|commercial|flyer|photos?|pictures?|doctor|dr|doc|neurolog\w*|surgeon|specialist|you)|"
    r"asked|asking|(?:read|reading|heard|hearing|ask) (?:about|of|up|if|whether|why|how|what)|"
    r"call(?:ed|ing)? (?:your|the|ur|to) (?:office|clinic|line|number|hospital|scheduler|doctor)|(?:got|had|a|the) call from|"
    r"called (?:me |us )?back|book\w*|schedul\w*|(?<!hair )appointment|appt|consult\w*|check-?up|"
    r"visit (?:to|with)|(?:doctor|clinic|office) visit|visited (?:the|my|a|your) (?:doctor|dr|clinic|neurolog\w*|surgeon|site|page|website)|"
    r"met (?:with )?(?:the|my|a|your|dr)|meet(?:ing)? (?:with )?(?:the|my|a|your|dr|other)|"
    r"(?:talked|spoke|spoken|talk|speak) (?:to|with) (?:the|my|a|your|dr|doctor|surgeon|neurolog\w*|nurse|team|office|someone)|"
    r"surgery is|surgery was|operation is|got (?:the|a) referral|reaching out|"
    r"(?:he'?s|hes|she'?s|shes|i'?m|im|they'?re|is|are) (?:fine|ok|okay|good|normal)$|"
    r"cumpl\w*|anniversary|aniversario|family visiting|visiting (?:hours|with|family)|going to (?:a|an|the|my|see|visit|meet)|support group|"
    r"(?:doctor|dr|doc|neurolog\w*|surgeon|physician|specialist|pediatrician|nurse|ent|"
    r"dentist|optometrist|ophthalmologist) (?:said|says|explained|confirmed)|(?:medico|doctor|doctora) (?:dijo|me dijo)|"
    r"cita|me dijeron|le dijeron|encontre|lei|llame a|busque)\b"
)
# A past-tense "woke up" from an operation is how people describe old paralysis.
_WOKE_FROM = re.compile(
    r"\b(?:woke|wake|waking|woken) up (?:from|after) (?:\w+ ){0,2}(?:surgery|operation|anesthesia|procedure|coma)"
)


def find_cues(text: str) -> list[TimeCue]:
    """Every time cue in the (folded) text, in order, with non-symptom times dropped."""
    folded = fold(text)
    cues = []
    patterns = (
        (Cue.RECENT, _RECENT),
        (Cue.SUDDEN, _SUDDEN),
        (Cue.PAST, _PAST),
        (Cue.AFTER_EVENT, _AFTER_EVENT),
    )
    for kind, pattern in patterns:
        for match in pattern.finditer(folded):
            if kind is Cue.RECENT and _belongs_to_other_event(folded, match.start()):
                continue
            # "tonight's episode", "this morning's appointment": the time of a thing, not of a symptom
            if kind is Cue.RECENT and folded.startswith("'s", match.end()):
                continue
            if kind in (Cue.SUDDEN, Cue.RECENT) and _WOKE_FROM.search(
                folded, match.start(), match.end() + 40
            ):
                continue
            cues.append(TimeCue(kind, match.group(0), match.start()))
    return sorted(cues, key=lambda cue: cue.start)


def _belongs_to_other_event(folded: str, start: int) -> bool:
    # the six words before the time ("referred me today", "found your page just now") or the
    # three after it ("this morning I read an article")
    before = folded[max(0, start - 60) : start].split()[-6:]
    after = re.split(r"[,.;!?]", folded[start:], maxsplit=1)[0].split()[1:5]
    return bool(_OTHER_EVENT.search(" ".join(before)) or _OTHER_EVENT.search(" ".join(after[:4])))


def kinds(text: str) -> set[Cue]:
    """The kinds of time cue present in the text."""
    return {cue.kind for cue in find_cues(text)}


def onset_is_now(answer: str) -> bool:
    """Whether an answer to "when did it start?" puts the start now or within about a day."""
    found = kinds(answer)
    return bool(found & {Cue.RECENT, Cue.SUDDEN}) and not found & {Cue.PAST, Cue.AFTER_EVENT}
