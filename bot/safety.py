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
2. Signs come from readable patterns below (face, speech, limbs and other signs, "having a
   stroke"), English and Spanish; time cues from the small parser in bot/onset.py.
3. Clause by clause: a sign with a time that is now (its own, a time-only clause after it, or a
   time carried from an earlier clause of the sentence) is an emergency, even in a message that
   also has an old date. Speech, limb and other signs are never part of old facial paralysis; a
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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.onset import Cue, find_cues, fold, kinds
from bot.typos import correct


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


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


_NEG = (
    r"(?:(?:not|never) be(?:ing)? able to|no can|can'?t|cant|cannot|can not|won'?t|wont|unable to|could(?:n'?t|nt| not)|not able to|doesn'?t|does not|"
    r"isn'?t|is not|not|barely|hardly|can only|can'?t really)"
)
_FACE_PART = (
    r"(?:face|facial|mouth|lips?|smile|eyes?|eyelids?|lids?|cheeks?|jaw|chin|brow|eyebrows?|forehead|"
    r"side|half|corner)"
)
_FACE_STATE = (
    r"(?:droop\w*|hang\w*|crooked|lopsided|uneven|sag\w*|slant\w*|numb\w*|heavy|tingl\w*|funny|weird|"
    r"strange|off|wrong|slack|(?:isn'?t|isnt|not|no longer) (?:even|straight|symmetric\w*)|dripping|trooping|sunk|sunken|draw\w* up|drawn|(?:feels?|felt|looks?|looked) (?:different|odd)|frozen|twist\w*|pull\w*|dropp?\w*|fell|fall\w*|down|lower|limp|dead|"
    r"asymmetric\w*|(?:not|stopped|quit|isn'?t|wasn'?t|won'?t|wont) (?:working|moving|move|responding)|"
    r"went \w+|gone \w+|going \w+|melt\w*|weak\w*|paraly\w*|stiff|tight|asleep|flat|sideways|crook\w*|"
    r"gone|half (?:smil|frown)\w*|dribbl\w*|leak\w*|novocaine|like (?:the dentist|novocain\w*)|sliding|slid|slipp\w*|"
    r"(?:doesn'?t|don'?t|didn'?t|won'?t|wont|can'?t|cant|isn'?t|not|only|barely|hardly) (?:\w+ )?(?:move|moving|moved|go up|goes up|going up|"
    r"raise|lift|close|closing|shut|work|working|respond\w*|turn up|curl))"
)
# Spanish: a part of the face, then what happened to it (or the other way round).
_ES_FACE_PART = r"(?:cara|boca|labios?|ojos?|parpados?|cachete|mejilla|rostro|sonrisa|lado|mitad)"
_ES_FACE_STATE = (
    r"(?:(?:se (?:le|me) )?va (?:pa|para|hacia|de) (?:un|el|otro) lado|(?:como )?de trapo|sin (?:movimiento|moverse)|durmi\w*|jalad[oa]|jalo|jalando|derretid[oa]|sumid[oa]|hundid[oa]|caid[oa]s?|cae|cayo|cayendo|chuec[oa]|torcid[oa]|desigual|disparej[oa]|torcio|de lado|ladead[oa]|paraliz\w*|dormid[oa]|bajo|"
    r"cuelga|colgando|(?:solo|nomas) de un lado|no (?:se )?(?:le |me )?(?:cierra|sube|mueve)|no (?:puede|puedo) cerrar|"
    r"duerm\w*|durmio|debilidad|debil|adormec\w*|entum\w*|hormigue\w*|colgad[oa]|desviad[oa]|pesad[oa]|rar[oa]|floj[oa]|"
    r"no (?:se )?(?:le |me )?mueve|no (?:la |lo )?(?:puede|puedo) mover|no (?:siente|siento)|babe\w*|baba)"
)

# A facial sign: what this page's visitors describe, old or new.
_FACE_SIGNS = _rx(
    r"\bdroop\w*|\bcrooked\b|\blopsided\b|\bsagg?(?:ing|ed|s|y)\b|\bslant\w*|\bdrool\w*|\bonly (?:half|one side)\b|\bnovocain\w*",
    r"\bone[- ]sided (?:smile|face|mouth|grin)\b|\bhalf (?:a |my |his |her |their )?(?:smile|face)\b(?! (?:surgery|procedure))|"
    r"\b(?:dribbl\w*|leak\w*|spill\w*|(?:falling|fell|falls|coming|came|running|ran|runs|dripping|drips|dropping|drops|leaked|dribbled|spilled) (?:\w+ )?out) (?:\w+ ){0,5}(?:mouth|lips?)\b|\bsonr\w* (?:solo|nomas) de un lado\b",
    rf"\b{_NEG} raise (?:\w+ ){{0,3}}(?:eyebrow|brow)s?\b|\b(?:trouble|difficulty|hard time|problems?) (?:closing|moving|opening|shutting) (?:\w+ ){{0,3}}(?:lips?|mouth|eyes?|eyelids?)\b",
    r"\bno (?:puede|puedo) cerrar (?:bien )?(?:el|los|un|su|mi) (?:ojo|parpado|boca)",
    rf"\b{_FACE_PART}\b(?:\W+\w+){{0,6}}?\W+{_FACE_STATE}(?!\w)",
    rf"\b(?:numb\w*|tingl\w*|weak\w*|heav\w*|paraly\w*|dead|frozen)\b(?:\W+\w+){{0,3}}?\W+{_FACE_PART}\b",
    rf"\b{_NEG} (?:smile|close (?:\w+ )?eyes?|blink|move (?:\w+ ){{0,6}}(?:face|mouth|lips?|eyebrow)|whistle|puff|drink without)",
    rf"\b{_NEG} feel (?:\w+ ){{0,5}}(?:face|cheek|lip|mouth)\b|\b(?:face|cheek|lips?|mouth) (?:\w+ ){{0,3}}(?:feels?|felt) like (?:novocaine|the dentist|\w+ asleep)",
    r"\bfacial (?:weakness|numbness|droop\w*|paraly\w*)\b|\bbell'?s palsy\b|\bpalsy\b|\bparaly\w*",
    rf"\b{_ES_FACE_PART}\b(?:\W+\w+){{0,4}}?\W+{_ES_FACE_STATE}",
    rf"\b{_ES_FACE_STATE}\b(?:\W+\w+){{0,4}}?\W+{_ES_FACE_PART}\b",
    r"\bparali[sz]\w*|\bse (?:le|me) cae la baba\b|\bbabeando\b",
    r"\bno (?:le |me )?(?:puede|puedo|pudo) (?:sonreir|sonreirse|cerrar bien)\b|\bse (?:le|me) (?:sale|salen|escurre) (?:\w+ ){0,3}(?:boca|labios?|un lado)\b",
    r"\btongue\b[^.?!]{0,30}\b(?:to one side|sideways|to the (?:left|right)|off to)\b|"
    r"\bonly (?:the )?(?:left|right|one) side (?:of (?:her|his|my|the) (?:face|mouth|smile) )?(?:worked|moved|moves|works|went up|goes up)\b|"
    r"\bno (?:puede|puedo|pudo) (?:inflar|soplar|silbar)\b|\bse (?:le|me) escapa (?:el aire|el agua|la comida|la bebida)\b",
    r"\b(?:comida|agua|bebida|cafe|baba) se (?:le|me) (?:sale|escurre)\b|\b(?:sale|salen|salir|saliendo|escurre|chorrea)\w* (?:\w+ ){0,4}(?:la|su|mi) boca\b",
)

# Names of the condition: they describe the page's topic, not a symptom being reported now.
_CONDITION_ONLY = re.compile(r"\bbell'?s palsy\b|\bpalsy\b|\bparaly\w*|\bparali[sz]\w*")
_DIAGNOSIS = re.compile(r"\bbell'?s palsy\b|\bpalsy\b|\bparalisis de bell\b")

# Speech trouble.
_SPEECH_SIGNS = _rx(
    r"\bslurr?\w*|\bgarbl\w*|\bgibberish\b|\bjumbl\w*|\bmumbl\w*|\bnonsense\b|\bbabbl\w*",
    r"\b(?:speech|words?|wrds|talk\w*|speak\w*|voice|sentences?|tongue)\b(?:\W+\w+){0,5}?\W+(?:wrong|funny|weird|strange|"
    r"off|mixed|mixed up|scrambled|stuck|thick|mushy|slow|garbled|drunk|messed up|all over|backwards|not right|heavy|"
    r"don'?t (?:make sense|fit)|doesn'?t make sense|not making sense|coming out|twisted|tied)",
    rf"\b{_NEG} (?:talk|speak|say|get (?:\w+ ){{0,2}}(?:words?|wrds|sentences?) out|find (?:\w+ )?words?|form (?:\w+ )?words?|"
    r"make sense|making sense|answer\w*|understand (?:me|him|her|us|what|anything|anyone))",
    r"\b(?:stopped|isn'?t|not|wasn'?t) (?:making sense|talking right|answering)\b|\bmakes? no sense\b",
    r"\b(?:trouble|difficulty|hard time|struggling|problems?)\b(?:\W+\w+){0,2}?\W+(?:talk\w*|speak\w*|speech|words|finding words)",
    r"\b(?:wrong|weird|random) (?:names?|words?)\b|\baphasi\w*|"
    rf"\b{_NEG} (?:tell|say|remember) (?:me |us |you )?(?:his|her|their|my|your|its) (?:own )?(?:name|address|birthday)\b|"
    r"\bse (?:le|me) olvida\w* (?:los nombres|las palabras|como se dice)\b|\bno (?:sabe|se acuerda de) (?:su|como se) (?:nombre|llama)\b",
    r"\bmix\w* up (?:\w+ )?(?:words|names)\b|\bwrong words?\b|\brandom words\b|\bonly sounds\b|\bsound(?:s|ed|ing)? (?:like (?:he|she|they|i)(?:'s| is| are| am)? )?drunk\b",
    r"\bmaking no sense\b|\bnot answering (?:\w+ )?(?:properly|right|questions)\b",
    r"\b(?:words?|speech|talk\w*|voice)\b(?:\W+\w+){0,4}?\W+(?:like soup|slow|slower|sluggish|like (?:he|she|they)(?:'s|'d| has| had| is) (?:had )?\w+ (?:beers|drinks))",
    r"\btongue (?:\w+ ){0,3}(?:too big|thick|heavy|swollen|numb)\b|\bcomes? out (?:as |like )?(?:mush|wrong|garbled|jumbled)\b|"
    rf"\b{_NEG} repeat\b|\bsaying (?:yes|no) to every\w*|\bwhen (?:he|she|i|they) meant\b|"
    r"\b(?:can'?t|cannot|couldn'?t|doesn'?t|isn'?t able to) (?:follow|understand) (?:what (?:i|we|you|he|she|they)(?:'m| am| are| is|'re|'s)? "
    r"(?:saying|asking|telling)|anything|me\b|us\b|simple)",
    r"\bdysarthri\w*|\btripping over (?:\w+ )?words\b|\bisn'?t (?:talking|speaking|answering)\b|\banswering wrong\b|"
    r"\b(?:trouble|difficulty|hard time|problems?) (?:\w+ ){0,2}understanding\b|\bunderstand (?:a word|a thing)\b",
    r"\b(?:had|drank|downed) (?:ten|\d+|a few|too many) (?:beers|drinks|shots)\b(?=.*\b(?:doesn'?t|didn'?t|never|hasn'?t) (?:drink|had))",
    # Spanish
    r"\b(?:le|me) cuesta (?:mucho )?(?:trabajo )?(?:hablar|decir|pronunciar)\b|"
    r"\bno (?:puede|podia|pudo|encuentra|encontraba|puedo) (?:encontrar )?(?:las )?palabras\b|\bhabl\w* (?:muy )?lento\b",
    r"\b(?:habla|hablar|hablando|hablaba|hablo|lengua|palabras)\b(?:\W+\w+){0,3}?\W+(?:arrastrad[oa]s?|enredad[oa]s?|trabad[oa]s?|rar[oa]s?|mal|moch[oa]|pesad[oa]|como borrach[oa])",
    r"\barrastra\w* (?:las )?palabras\b|\bno (?:le|me) salen (?:bien )?(?:las )?palabras\b|\bno se (?:le )?entiende\b|\bbalbuce\w*",
    r"\bno (?:puede|puedo|pudo|podia) (?:hablar|decir)\b|\bhabla\w* como (?:borrach[oa]|si estuviera|tomad[oa])\b|\b(?:dice|decir|diciendo|habla|hablando|dijo) (?:\w+ )?(?:cosas )?sin sentido\b",
    r"\bno (?:le|me|te|se|nos) entiend\w*|\bno (?:me|le|nos) entiende\b|\btrab\w* la lengua\b|\blengua trabada\b|\bse le traba\w*",
)

# Arm, hand or leg weakness, balance, and other signs that point to a stroke on their own.
_BODY_SIGNS = _rx(
    r"\b(?:arm|hand|leg|foot|fingers?|grip)s?\b(?:\W+\w+){0,4}?\W+(?:weak\w*|numb\w*|limp|heavy|dead|tingl\w*|"
    r"asleep|floppy|useless|hanging|(?:won'?t|wouldn'?t|doesn'?t|didn'?t) (?:do what|cooperat\w*|listen|obey)|torpe|stopped working|won'?t hold|wont hold|(?:feels?|felt) (?:weird|funny|strange|off|wrong)|gave out|giving out|gave way|won'?t (?:move|work|lift|grip)|wont (?:move|work|lift|grip)|"
    r"not working|fell|dropp\w*|shak\w*|dragg\w*|like jelly|jelly|fuzzy|clumsy|flop\w*|gone|dead|missing|won'?t work)",
    r"\bgrip (?:is )?(?:gone|weak|weaker)\b|\bhandwriting\b(?:\W+\w+){0,3}?\W+(?:scribble|messy|weird|wrong)|\bbumping into\b",
    rf"\b{_NEG} (?:using|use|hold|holding) (?:\w+ ){{0,2}}(?:arm|hand|leg|fork|cup|spoon|phone|pen)s?\b|\b(?:right|left|one) side (?:\w+ ){{0,2}}(?:seems|is|feels|looks) (?:weak|numb|heavy|limp)",
    r"\b(?:weak\w*|numb\w*|limp|heavy|tingl\w*)\s+(?:\w+ ){0,2}(?:arm|hand|leg|foot|side of (?:the |his |her |my )?body)",
    rf"\b{_NEG} (?:lift|raise|move|feel|hold|grip|use)\s+(?:\w+ ){{0,2}}(?:arms?|harm|hands?|legs?|foot|feet|fork|cup|spoon|phone|pen)",
    r"\bdropp\w* (?:things|stuff|everything|his \w+|her \w+|my \w+|the \w+)\b|\bkeeps? dropping\b",
    r"\bdragg\w* (?:his|her|my|their|the|a|one) (?:foot|leg)\b|\bone side of (?:the |his |her |my |their )?body\b|\bstumbl\w*|\blos(?:ing|t) (?:his |her |my )?balance\b",
    rf"\b{_NEG} (?:walk|stand|get up|keep (?:\w+ )?balance)(?: up| straight)?\b|\boff balance\b|\bveer\w*|\bleaning to one side\b|"
    r"\b(?:almost|nearly) fell\b|\bfell over\b|\bkeeps? falling\b|\bhemipar\w*|\bhemipleg\w*|\bataxi\w*|"
    r"\b(?:left|right|one) side of (?:the |his |her |my |their )?body\b|\bvisual (?:field )?loss\b|\bvision loss\b|\bloss of vision\b",
    rf"\b{_NEG} feel (?:\w+ ){{0,2}}(?:right|left) side\b|\b(?:se )?tropie\w*",
    r"\b(?:keeps?|kept) missing (?:the|her|his|my) (?:cup|glass|mug|fork|spoon|door|step|button|keys?|chair)\b|"
    rf"\b{_NEG} (?:sign|write) (?:his|her|my|their)\b|\b(?:very|really|so|super) (?:drowsy|sleepy)\b|\bhard to wake\b|"
    r"\blost (?:the )?(?:left|right) (?:half|side) of\b|\bno (?:me|nos|le) responde\b|\bmirando fijo\b|\bmirada perdida\b|"
    rf"\b{_NEG} (?:move|feel|lift) (?:\w+ ){{0,2}}(?:left|right) side\b(?! of (?:\w+ ){{0,2}}(?:face|mouth|lips?|cheek|smile|eye|forehead|brow))|\b{_NEG} hold (?:\w+ )?head up\b",
    r"\bclumsy\b|\bno (?:poder|puede|pudo|podia) (?:mover|levantar|sentir|caminar|ver)\b|\bno (?:ve|veo|ver|veia) bien\b|"
    rf"\b{_NEG} swallow\w*|\bconfus\w*|\bdisoriented\b|\b(?:really|very|so|super) dizzy\b|\bdoesn'?t know where\b|\bdazed\b|\bnot responding\b",
    rf"\b{_NEG} see\b|\bblurr?y vision\b|\bdouble vision\b|\bseeing double\b|\blost (?:his |her |my )?(?:vision|sight)\b|"
    r"\bvision\b(?:\W+\w+){0,3}?\W+(?:went|gone|black|dark|blurry)|\bblind in one eye\b",
    r"\b(?:worst|terrible|horrible|awful|severe|splitting|huge|massive|really bad|excruciating|crushing) (?:headache|ha)\b|\bworst (?:headache )?of (?:his|her|my|their) li(?:fe|ves)\b|\bsudden (?:severe |bad |terrible )?headache\b",
    # Spanish
    r"\b(?:debilidad|debilit\w*|entumecimiento|adormecimiento|hormigueo|no siente|durmi\w*|duerm\w*) (?:\w+ ){0,4}(?:brazo|mano|pierna)\b",
    r"\bse (?:le|me) dobl\w* (?:la|su|mi) (?:pierna|rodilla)\b|\b(?:le|me) cuesta (?:mucho )?(?:trabajo )?tragar\b|"
    r"\b(?:medio|la mitad del?) cuerpo\b|\bun lado del cuerpo\b",
    r"\b(?:brazo|mano|pierna|pie|dedos)\b(?:\W+\w+){0,3}?\W+(?:dormid[oa]|debil\w*|entumid[oa]|entumecid[oa]|adormecid[oa]|"
    r"sin fuerza|pesad[oa]|hormigue\w*|no (?:lo |la )?(?:puede |puedo )?(?:mover|levantar|sentir))",
    r"\bno (?:puede|puedo|pudo) (?:levantar|mover|sentir) (?:el|la|su|mi) (?:brazo|mano|pierna)\b|\bse (?:le|me) ca(?:e|en|yo|yeron) (?:las cosas|la taza|el vaso|(?:\w+ ){1,3}de la mano)\b",
    r"\bno mueve (?:el|la|su) (?:brazo|mano|pierna)\b|\bmaread[oa]\b",
    r"\bno (?:siente|siento) bien (?:el|la) (?:brazo|mano|pierna)\b|\b(?:hormiguea|entumio|durmio) (?:\w+ ){0,4}(?:brazo|mano|pierna)\b",
    r"\bno (?:sabe|reconoce) (?:donde|quien|que dia|en que)\b|\bno (?:nos |me |le )?contesta\b|\bno entiende lo que\b|"
    r"\bse quedo (?:viendo|mirando) (?:a la nada|al vacio|fij\w*)\b|\bno (?:se )?(?:puede|pudo|podia) (?:parar|pararse|levantar(?:se)?|caminar)\b|"
    r"\bno (?:puede|puedo|pudo|podia) (?:agarrar|sostener|tomar|apretar|levantar|mover|sentir)\b|"
    r"\bno (?:siente|siento|sentia) (?:bien )?(?:el|la|su|mi) (?:brazo|mano|pierna|cara|pie)\b|"
    r"\barrastra (?:la|su|el) (?:pierna|pie)\b|"
    r"\b(?:brazo|mano|pierna|pie)\b(?:\W+\w+){0,3}?\W+no (?:le |me )?(?:responde|funciona|sirve)\b",
    r"\bconfundid[oa]\b|\bdesorientad[oa]\b|\bborros[oa]\b|\bve doble\b|\bveo doble\b|\bno (?:puede|puedo) ver\b|\bmareo\w*",
    r"\b(?:peor|terrible|horrible|fuerte) dolor de cabeza\b|\bdolor de cabeza (?:horrible|terrible|muy fuerte)\b",
)

# Saying a stroke is happening, in the words people use (not "the risk of having a stroke").
_STROKE_NOW = _rx(
    r"\b(?:am|i'?m|im|is|he'?s|she'?s|are|they'?re|be|been|might be|may be|could be) having (?:a |an )?(?:stroke|mini[- ]?stroke|tia)\b",
    r"\b(?:is|was) (?:this|it|that) (?:a )?(?:stroke|mini[- ]?stroke)\b|\bstroke(?:ing)? out\b",
    r"\b(?:le|me|te) (?:esta|estara) (?:dando|pasando) (?:un |una )?(?:derrame|embolia|ataque|infarto cerebral)\b",
    r"\b(?:es|sera) (?:un |una )?(?:derrame|embolia|ataque cerebral)\?",
)

# Whoever the symptom belongs to: "my face", "mom's mouth", "I can't smile", "she has".
_PERSONAL = re.compile(
    r"\b(?:my|mine|me|his|him|her|their|our|mi|su|sus|nuestro|nuestra|le|tiene|tengo|siento|noto)\b|"
    r"\b(?!(?:what|it|that|there|here|who|where|how|let|one|today|everyone|nobody)'s)\w+'s\b|"
    r"\b(?:mom|mum|dad|mother|father|grandpa|grandma|granny|nana|papa|husband|wife|hubby|hubs|son|daughter|"
    r"sister|brother|aunt|uncle|friend|neighbou?r|coworker|patient|client|resident|mama|abuel[oa]|espos[oa]|hij[oa])\b|"
    r"\b(?:i|he|she|they|we|yo|el|ella)\b(?:'ve|'m|'s| have| has| am| is| are| can'?t| cannot| tiene| tengo| no)"
)

# Saying outright that this is not the old condition.
_THIS_IS_NEW = re.compile(
    r"\b(?:this|it|that) (?:is|'s|feels|looks|seems) (?:\w+ )?(?:new|different)\b|\bnew onset\b|"
    r"\b(?:esto|eso) es (?:nuevo|diferente|otra cosa)\b|\bes (?:algo )?nuevo\b|"
    r"\b(?:was|were|seemed|looked) (?:totally |completely |perfectly )?(?:fine|normal|ok|okay) "
    r"(?:before|earlier|this|at|an hour|yesterday|until|when)|\bnew (?:\w+ )?(?:aphasia|droop\w*|weakness|numbness|"
    r"symptoms?|slurr\w*|confusion)\b|\bnever (?:had|happened) (?:this|that|before)|\bnunca (?:le|me) (?:habia|ha) pasado\b|"
    r"\bestaba (?:bien|normal)\b|\b(?:was|were) at (?:her |his |their )?baseline\b|\bworse than (?:baseline|usual|normal)\b"
)

# Sentences, for a time that dates the whole sentence ("Tonight at dinner he started dropping food,
# and his speech sounds drunk").
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\n")

_PARENTHESES = re.compile(r"\([^)]*\)")
_CONTRAST = re.compile(r"\b(?:but|pero|however|though|although|sin embargo|and now|y ahora)\b")

# Laughing it off: "lol my face drooped when I saw the bill".
_NOT_SERIOUS = re.compile(
    r"\b(?:lol|lmao|haha\w*|jaja\w*|jk|j/k|kidding|joking|bromeando)\b|\U0001F602|\U0001F923"
)

# New change on top of an old condition: "the other side", "now it's worse", "also his arm".
_CHANGE = re.compile(
    r"\b(?:other|opposite|good|new|different|normal) side\b|\bworse\b|\bagain\b|\bnow (?:also|it|his|her|my|the)\b|"
    r"\b(?:also|too|as well)\b|\bdifferent\b|\bspread\w*|\bnew onset\b|\botro lado\b|\bpeor\b|\bde nuevo\b|\btambien\b"
)

# What a stroke description talks about, for the classifier's evidence to count.
_BODY_WORDS = re.compile(
    r"(?<!cross-)(?<!cross )\b(?:face|facial|mouth|lips?|smile|eyes?|cheek|tongue|speech|speak\w*|talk\w*|words?|arm|hand|leg|"
    r"cara|boca|labio|ojo|habla\w*|palabras|brazo|mano|pierna)\b"
)

# A question about strokes or symptoms in general, not about someone in particular.
_GENERAL = re.compile(
    r"\b(?:if (?:you|someone|somebody|a person|your)|(?<!like )someones?|(?<!like )somebody|anyone|a person|people|ppl|always|usually|is it true|"
    r"in general|difference between|how (?:quickly|fast|soon|do you know|can you tell|do you tell|can i tell)|what (?:causes|leads to|can cause|makes)|(?:does|can|will|would|could) (?:the |this |smile |facial )?(?:surgery|procedure|operation|reanimation) (?:\w+ )?(?:help|fix|correct|improve|treat)|should you|what (?:does|do|are|is) "
    r"(?:a |the )?(?:stroke|signs?|symptoms?|warning)|si a alguien|alguien|siempre|en general|la gente|las personas)\b"
)

_STROKE_TOPIC = re.compile(r"\bstrokes?\b|\bderrames?\b|\bembolia\b|\bictus\b")
_GENERAL_WHO = re.compile(
    r"\b(?:someone|somebody|anyone|a person)(?:'s)?\b|\b(?:a )?alguien(?: se)?(?: le)?\b"
)

# A plea for help now, not a question about a topic ("pls help", "what do I do", "ayuda").
_URGENT = re.compile(
    r"^help\b|\bhelp\s*!|\b(?:now|asap|quick|quickly|pls|please|plz)\W+help\W*$|\bhelp (?:pls|please)\b|\b(?:pls|please|someone|somebody) help\b|\bhelp (?:me|him|her|us)\s*(?:!|$)|"
    r"\bemergency\b|\bhurry\b|\bscared\b|\bfreaking out\b|\bpanick\w*|\bwtf\b|\bomg\b|"
    r"\bayuda\b|\bque hago\b|\burgente\b"
)

# Writing about someone else's case: a class, a report, an exam, a hypothetical.
_ACADEMIC = re.compile(
    r"\b(?:studying|homework|exam|school (?:report|project|paper)|writing (?:a|an|my) (?:report|paper|essay|article)|"
    r"research\w*|hypothetical\w*|just curious|for (?:a|my) class|nursing school|emt|cna|tarea|por curiosidad|(?:nursing|medical|med|pa|np) student|(?:i'?m|im) a student|"
    r"(?:to be|being) prepared|(?:just )?in case|por si acaso|si alguna vez|poster|presentation|"
    r"(?:be )?fast (?:means|stands for|acronym)|stands for)\b|\bif\b[^.?!]{0,40}\bever\b"
)

# "If someone's face droops and their arm is weak, is that a stroke?"
_HYPOTHETICAL = re.compile(
    r"\bif (?:someone|somebody|a person|anyone|your|you)(?:'?s)?\b|\bsi (?:a )?alguien\b"
)
# "If my face suddenly drooped, would you want me to come in?"
_CONDITIONAL = re.compile(
    r"\bif (?:my|his|her|your|their|a|someone'?s?) (?:\w+ ){0,2}(?:face|mouth|smile|arm)\b[^.?!]{0,40}\b(?:would|will) (?:you|i|that)\b"
)

# Someone asking whether the assistant's hospital treats a symptom: the calm line is worth it.
_SEEKING = re.compile(
    r"\b(?:can|could|do|does|would|will) (?:you|u|y'?all|your (?:team|clinic|doctors?|surgeons?)) "
    r"(?:\w+ )?(?:help|treat|fix|repair|correct|see|do anything)\b|\bhow (?:do|can|would|does) (?:you|u|one) "
    r"(?:treat|fix|correct|repair|help)\b|\b(?:tratan|atienden|arreglan|ayudan) (?:eso|esto|a)?\b"
)

# Signs described as mild and habitual ("slurs some words", "a bit garbled") by someone asking
# where to get care: with no time at all, the calm line and the answer, not the alarm.
_MILD = re.compile(
    r"\b(?:a (?:little|bit|tad)|a little bit|some words|sometimes|kind of|kinda|slightly|un poco|a veces)\b"
)
_CARE_QUESTION = re.compile(
    r"\bwho (?:should|do|can|would) (?:i|we|he|she|they) (?:see|go to|talk to)\b|\bis (?:that|this|it) (?:bell'?s|something)\b|"
    r"\b(?:can|could|would) (?:surgery|your team|you|u|reanimation|this surgery) help\b|\bshould i be worried\b|"
    r"\b(?:ustedes )?(?:tratan|atienden)\b|\bcon quien (?:lo |la )?(?:llevo|voy)\b|\bdo you (?:treat|help with)\b|"
    r"\bwhat are (?:my|her|his|the|our) options\b|\bbest (?:surgery|treatment|doctor|option)\b|\bwhat kind of (?:clinic|doctor|surgery)\b|"
    r"\b(?:something|anything) (?:you|your \w+) (?:treat|fix|do)\b|\b(?:is|are) (?:you|your \w+) able to\b"
)

_PRESENT_STATE = re.compile(r"is (?:drooping|sagging)$")

# Seeing an old symptom anew ("I noticed in a video today how crooked my smile is", "still
# doesn't blink"): a time next to noticing dates the noticing, not the symptom.
_NOTICED = re.compile(r"\b(?:realiz\w*|video|photos?|pictures?|mirror|still|(?:noticed|saw|see) how)\b")

# A change for the worse ("it looks a lot worse right now").
_WORSE = re.compile(r"\bworse\b|\bpeor\b|\bmore (?:droopy|crooked|numb)\b")

_CLAUSE = re.compile(
    r"(?<=[.!?;\n])\s+|\s*,\s*|\s+(?:but|however|although|though|and|pero|y|y ahora)\s+|\s*[\u2014]\s*"
)
# A clause that only gives the time of what came before: "..., it started at dinner".
_TIME_ONLY = re.compile(r"^(?:it|this|that|which|and it|all|started|began|empezo|comenzo|fue|paso)\b")

_SPANISH_WORDS = re.compile(
    r"\b(?:el|la|los|las|de|que|mi|su|esta|tiene|tengo|cara|boca|brazo|habla|hace|desde|hoy|"
    r"ahora|ayuda|por favor|se|le|no puede|derrame|palabras|mama|papa|esposo|esposa|hijo|hija)\b"
)


@dataclass(frozen=True)
class _Signs:
    face: bool
    speech: bool
    body: bool
    stroke_now: bool

    @property
    def any(self) -> bool:
        return self.face or self.speech or self.body or self.stroke_now

    @property
    def beyond_face(self) -> bool:
        return self.speech or self.body or self.stroke_now


def _signs(folded: str) -> _Signs:
    return _Signs(
        face=bool(_FACE_SIGNS.search(folded)),
        speech=bool(_SPEECH_SIGNS.search(folded)),
        body=bool(_BODY_SIGNS.search(folded)),
        stroke_now=bool(_STROKE_NOW.search(folded)),
    )


def assess(text: str) -> SafetyAssessment:
    """The rules' verdict for one visitor message (see the module docstring)."""
    folded = correct(fold(text))
    spanish = looks_spanish(folded)
    if not folded:
        return SafetyAssessment(Verdict.NONE, "empty")
    signs = _signs(folded)
    found = find_cues(folded)
    cues = {cue.kind for cue in found}
    if not signs.any:
        if cues & {Cue.PAST, Cue.AFTER_EVENT}:
            return SafetyAssessment(Verdict.LONGSTANDING, "dated to the past", spanish)
        if _GENERAL.search(folded) or _STROKE_TOPIC.search(folded) or _ACADEMIC.search(folded):
            return SafetyAssessment(
                Verdict.GENERAL, "a question about strokes or symptoms in general", spanish
            )
        return SafetyAssessment(Verdict.NONE, "no symptom described", spanish)

    dated = bool(cues & {Cue.PAST, Cue.AFTER_EVENT})
    said_new = bool(_THIS_IS_NEW.search(folded))
    sentences = _sentences(folded)
    for part in _clauses_with_times(sentences):
        clause = part.text
        clause_signs = _signs(clause)
        clause_cues = kinds(part.time_words)
        if Cue.RECENT not in clause_cues:
            continue
        if _WORSE.search(clause):
            return SafetyAssessment(Verdict.EMERGENCY, "symptoms getting worse now", spanish)
        if not clause_signs.any:
            continue
        # speech, limb and other signs are never part of old facial paralysis; a facial sign
        # next to an old date is new only when the clause says something changed
        changed = bool(_CHANGE.search(clause))
        new_face = (
            _describes_face(clause, paralysis_counts=True)
            and (not (part.sentence_dated or Cue.PAST in clause_cues) or changed or said_new)
            and not (dated and _NOTICED.search(clause) and not changed)
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
            sentence_cues = kinds(_PARENTHESES.sub(" ", sentence))
            if sentence_cues & {Cue.PAST, Cue.AFTER_EVENT}:
                continue
            beyond_face = _signs(sentence).beyond_face
            sudden_beyond_face = Cue.SUDDEN in sentence_cues and beyond_face and _PERSONAL.search(sentence)
            if Cue.RECENT not in sentence_cues and not sudden_beyond_face and not said_new:
                continue
            new_face = (
                _describes_face(sentence, paralysis_counts=True)
                and (said_new or _CHANGE.search(sentence))
                and not _NOTICED.search(sentence)
            )
            if beyond_face or new_face:
                return SafetyAssessment(Verdict.EMERGENCY, "new signs on top of an old condition", spanish)
        if said_new and signs.beyond_face:
            return SafetyAssessment(Verdict.EMERGENCY, "new signs on top of an old condition", spanish)

    if dated:
        return SafetyAssessment(Verdict.LONGSTANDING, "dated to the past", spanish)
    if _NOT_SERIOUS.search(text.lower()) and not cues & {Cue.RECENT, Cue.SUDDEN}:
        return SafetyAssessment(Verdict.GENERAL, "a joke or an aside, not a symptom now", spanish)
    what_if = (_HYPOTHETICAL.search(folded) and Cue.SUDDEN not in cues) or _CONDITIONAL.search(folded)
    if what_if and Cue.RECENT not in cues and not _URGENT.search(folded):
        return SafetyAssessment(Verdict.GENERAL, "a question about what if", spanish)
    if _ACADEMIC.search(folded) and Cue.RECENT not in cues:
        return SafetyAssessment(Verdict.GENERAL, "a question for study, not about someone now", spanish)
    if (
        _GENERAL.search(folded)
        and Cue.RECENT not in cues
        and not _PERSONAL.search(_GENERAL_WHO.sub(" ", folded))
    ):
        return SafetyAssessment(Verdict.GENERAL, "a question about strokes or symptoms in general", spanish)
    # "my mom's face is drooping, is that something you treat?": a present tense is the only cue,
    # the face the only sign, and the visitor asks about care, so the calm line and the answer
    present_only = bool(found) and all(
        cue.kind is Cue.SUDDEN and _PRESENT_STATE.match(cue.text) for cue in found
    )
    if (
        present_only
        and not signs.beyond_face
        and _CARE_QUESTION.search(folded)
        and not _URGENT.search(folded)
    ):
        return SafetyAssessment(
            Verdict.POSSIBLE, "a facial symptom in the present tense, asking about care", spanish
        )
    if cues & {Cue.RECENT, Cue.SUDDEN} and (
        signs.beyond_face or _describes_face(folded, paralysis_counts=True)
    ):
        return SafetyAssessment(Verdict.EMERGENCY, "a new or sudden symptom", spanish)
    if (
        not signs.stroke_now
        and signs.face
        and _MILD.search(folded)
        and _CARE_QUESTION.search(folded)
        and not _URGENT.search(folded)
    ):
        return SafetyAssessment(
            Verdict.POSSIBLE, "mild signs with no time, asking where to get care", spanish
        )
    if signs.stroke_now or (
        signs.beyond_face
        and (
            _PERSONAL.search(folded) or signs.face or (signs.speech and signs.body) or _URGENT.search(folded)
        )
    ):
        return SafetyAssessment(Verdict.EMERGENCY, "speech, limb or other stroke signs", spanish)
    if _describes_face(folded) and (_URGENT.search(folded) or _shouting(text)):
        return SafetyAssessment(Verdict.EMERGENCY, "a facial symptom and a plea for help", spanish)
    if _describes_face(folded) and (_PERSONAL.search(folded) or _SEEKING.search(folded)):
        return SafetyAssessment(Verdict.POSSIBLE, "a facial symptom with no time", spanish)
    if _describes_face(folded) and not (_GENERAL.search(folded) or _STROKE_TOPIC.search(folded)):
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
        and _BODY_WORDS.search(fold(text))
    ):
        return SafetyAssessment(
            Verdict.EMERGENCY, "the classifier recognised a stroke description", ruled.spanish
        )
    return ruled


@dataclass(frozen=True)
class _Clause:
    text: str
    time_words: str  # its own words, a following time-only clause, a time carried from before
    sentence_dated: bool  # its part of the sentence has a date in the past (outside brackets)


def _clauses_with_times(sentences: list[str]) -> list[_Clause]:
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
            segment_dated = bool(kinds(_PARENTHESES.sub(" ", segment)) & {Cue.PAST, Cue.AFTER_EVENT})
            for i, clause in enumerate(clauses):
                following = clauses[i + 1] if i + 1 < len(clauses) else ""
                attached = following if _TIME_ONLY.match(following) and not _signs(following).any else ""
                own = find_cues(f"{clause} {attached}")
                if any(cue.kind in (Cue.PAST, Cue.AFTER_EVENT) for cue in own):
                    carried = ""
                elif any(cue.kind is Cue.RECENT for cue in own):
                    carried = next(cue.text for cue in own if cue.kind is Cue.RECENT)
                paired.append(_Clause(clause, f"{clause} {attached} {carried}".strip(), segment_dated))
    return paired


def _sentences(folded: str) -> list[str]:
    """Sentences, with a time-only sentence joined to the one before ("... habla lento. Hace una hora.")."""
    out: list[str] = []
    for sentence in _SENTENCE.split(folded):
        if not sentence.strip():
            continue
        time_only = out and len(sentence.split()) <= 6 and not _signs(sentence).any and find_cues(sentence)
        if time_only:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and all(c.isupper() for c in letters)


# The page's topic named as a thing ("your facial paralysis program"), not a symptom.
_TOPIC_NAMES = re.compile(
    r"\b(?:facial )?(?:paralysis|palsy) (?:program|clinic|center|centre|team|surgery|page|support|group|doctors?|website)\b"
)


def _describes_face(folded: str, paralysis_counts: bool = False) -> bool:
    # "paralysis" or "palsy" alone names the page's topic; a droop, numbness or "can't smile" is a
    # symptom. With a time that is now, "my face got paralyzed" describes one too; a diagnosis
    # ("Bell's palsy") never does: someone has already seen a doctor.
    names = _DIAGNOSIS if paralysis_counts else _CONDITION_ONLY
    return bool(_FACE_SIGNS.search(names.sub(" ", _TOPIC_NAMES.sub(" ", folded))))


def looks_spanish(text: str) -> bool:
    """Whether a message reads as Spanish (for the language of the 911 reply)."""
    folded = fold(text)
    words = folded.split()
    return bool(words) and len(_SPANISH_WORDS.findall(folded)) >= max(2, len(words) // 4)
