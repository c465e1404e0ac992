"""The stroke signs bot/safety.py looks for: face, speech, limbs and other signs, "having a stroke".

Readable patterns over folded text (``bot.onset.fold``, then ``bot.typos.correct``), English and
Spanish. They say only what a message describes, not when: the time is bot/onset.py's, the
decision bot/safety.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
    r"asymmetric\w*|(?:not|stopped|quit|isn'?t|wasn'?t|won'?t|wont) (?:working|moving|move|responding|wrinkling)|"
    r"went \w+|gone \w+|going \w+|melt\w*|weak\w*|paraly\w*|stiff|tight|asleep|flat|sideways|crook\w*|"
    r"gone|half (?:smil|frown)\w*|dribbl\w*|leak\w*|novocaine|like (?:the dentist|novocain\w*)|sliding|slid|slipp\w*|"
    r"(?:doesn'?t|don'?t|didn'?t|won'?t|wont|can'?t|cant|isn'?t|not|only|barely|hardly) (?:\w+ )?(?:move|moving|moved|go up|goes up|going up|"
    r"raise|lift|close|closing|shut|work|working|respond\w*|turn up|curl|wrinkl\w*|frown\w*))"
)
# Spanish: a part of the face, then what happened to it (or the other way round).
# "face" too: Spanglish ("his face se ve chueca")
_ES_FACE_PART = r"(?:cara|boca|labios?|ojos?|parpados?|cachete|mejilla|rostro|sonrisa|lado|mitad|face)"
_ES_FACE_STATE = (
    r"(?:(?:se (?:le|me) )?va (?:pa|para|hacia|de) (?:un|el|otro) lado|(?:como )?de trapo|sin (?:movimiento|moverse)|durmi\w*|jalad[oa]|jalo|jalando|derretid[oa]|sumid[oa]|hundid[oa]|caid[oa]s?|cae|cayo|cayendo|chuec[oa]|torcid[oa]|desigual|disparej[oa]|torcio|de lado|ladead[oa]|paraliz\w*|dormid[oa]|bajo|"
    r"cuelga|colgando|(?:solo|nomas) de un lado|no (?:se )?(?:le |me )?(?:cierra|sube|mueve)|no (?:puede|puedo) cerrar|"
    r"duerm\w*|durmio|debilidad|debil|adormec\w*|entum\w*|hormigue\w*|colgad[oa]|desviad[oa]|pesad[oa]|rar[oa]|floj[oa]|"
    r"no (?:se )?(?:le |me )?mueve|no (?:la |lo )?(?:puede|puedo) mover|no (?:siente|siento)|babe\w*|baba)"
)

# "no puedo mover la mitad de la cara": the face, not a limb (the face patterns above see it).
_ES_NOT_FACE = r"(?!(?:\s+\w+){0,4}\s+(?:cara|rostro|boca|labios?|ojos?|parpados?|cejas?|frente|sonrisa|cachetes?|mejillas?)\b)"

# A facial sign: what this page's visitors describe, old or new.
_FACE_SIGNS = _rx(
    r"\bdroop\w*|\bcrooked\b|\blopsided\b|\bsagg?(?:ing|ed|s|y)\b|\bslant\w*|\bdrool\w*|\bonly (?:half|one side)\b|\bnovocain\w*",
    r"\bone[- ]sided (?:smile|face|mouth|grin)\b|\bhalf (?:a |my |his |her |their )?(?:smile|face)\b(?! (?:surgery|procedure))|"
    r"\b(?:dribbl\w*|leak\w*|spill\w*|(?:falling|fell|falls|coming|came|running|ran|runs|dripping|drips|dropping|drops|leaked|dribbled|spilled) (?:\w+ )?out) (?:\w+ ){0,5}(?:mouth|lips?)\b|\bsonr\w* (?:solo|nomas) de un lado\b",
    rf"\b{_NEG} raise (?:\w+ ){{0,3}}(?:eyebrow|brow)s?\b|\b(?:trouble|difficulty|hard time|problems?) (?:closing|moving|opening|shutting) (?:\w+ ){{0,3}}(?:lips?|mouth|eyes?|eyelids?)\b",
    r"\bno (?:puede|puedo) cerrar (?:bien )?(?:el|los|un|su|mi) (?:ojo|parpado|boca)",
    rf"\b{_FACE_PART}\b(?:\W+\w+){{0,6}}?\W+{_FACE_STATE}(?!\w)",
    rf"\b(?:numb\w*|tingl\w*|weak\w*|heav\w*|paraly\w*|dead|frozen)\b(?:\W+\w+){{0,3}}?\W+{_FACE_PART}\b",
    r"\b(?:heavy|numb|tingl\w*|weird|funny|strange|odd|dead) (?:feeling|sensation) (?:in|on|over|down) (?:\w+ ){0,4}"
    r"(?:face|cheek|mouth|lips?|half|side)\b",
    rf"\b{_NEG} (?:(?:my|his|her|your|their|the) \w+ |he |she |they |you |i )?"
    r"(?:smile|close (?:\w+ ){0,2}eyes?|blink|move (?:\w+ ){0,6}(?:face|mouth|lips?|eyebrow)|whistle|puff|drink without)",
    # "his smile is only on one side", "she only smiles on the left side"
    r"\bsmil\w* (?:\w+ ){0,2}only (?:on |from |with )?(?:one|the (?:left|right)) side\b|\bonly smil\w* (?:on|with) (?:one|the (?:left|right)) side\b",
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
    r"\bdic\w* (?:palabras|cosas) (?:que no (?:son|existen|tienen sentido)|raras|sin sentido)\b|"
    r"\bse (?:le|me) (?:cruzan|traban|enredan|revuelven) (?:las )?palabras\b",
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
    rf"\b{_NEG} (?:lift|raise|move|feel|hold|grip|use)\s+(?:\w+ ){{0,2}}(?:arms?|harm|hands?|legs?|foot|feet|fork|cup|spoon|phone|pen|brazos?|manos?|piernas?)",
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
    rf"\bclumsy\b|\bno (?:poder|puede|pudo|podia) (?:mover|levantar|sentir|caminar|ver)\b{_ES_NOT_FACE}|\bno (?:ve|veo|ver|veia) bien\b|"
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
    rf"\bno (?:puede|puedo|pudo|podia) (?:agarrar|sostener|tomar|apretar|levantar|mover|sentir)\b{_ES_NOT_FACE}|"
    r"\bno (?:siente|siento|sentia) (?:bien )?(?:el|la|su|mi) (?:brazo|mano|pierna|pie)\b|"
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


@dataclass(frozen=True)
class Signs:
    """Which kinds of sign a text describes."""

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


def find_signs(folded: str) -> Signs:
    """The signs described in a folded text."""
    return Signs(
        face=bool(_FACE_SIGNS.search(folded)),
        speech=bool(_SPEECH_SIGNS.search(folded)),
        body=bool(_BODY_SIGNS.search(folded)),
        stroke_now=bool(_STROKE_NOW.search(folded)),
    )


# The page's topic named as a thing ("your facial paralysis program"), not a symptom.
_TOPIC_NAMES = re.compile(
    r"\b(?:facial )?(?:paralysis|palsy) (?:program|clinic|center|centre|team|surgery|page|support|group|doctors?|website)\b"
)


def describes_face(folded: str, paralysis_counts: bool = False) -> bool:
    """Whether a folded text describes a facial symptom (not only the condition's name)."""
    # "paralysis" or "palsy" alone names the page's topic; a droop, numbness or "can't smile" is a
    # symptom. With a time that is now, "my face got paralyzed" describes one too; a diagnosis
    # ("Bell's palsy") never does: someone has already seen a doctor.
    names = _DIAGNOSIS if paralysis_counts else _CONDITION_ONLY
    return bool(_FACE_SIGNS.search(names.sub(" ", _TOPIC_NAMES.sub(" ", folded))))
