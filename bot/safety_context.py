"""The words around a sign, for bot/safety.py: whose symptom it is, whether it is new, how
urgent it sounds, and what kind of question the message asks.

They decide between the alarm (a plea for help, "this is new"), the calm line (someone asking
where to get care) and no 911 text at all (a class, a what-if, strokes in general, a joke).
"""

from __future__ import annotations

import re

from bot.onset import fold

# Whoever the symptom belongs to: "my face", "mom's mouth", "I can't smile", "she has".
PERSONAL = re.compile(
    r"\b(?:my|mine|me|his|him|her|their|our|mi|su|sus|nuestro|nuestra|le|tiene|tengo|siento|noto)\b|"
    r"\b(?!(?:what|it|that|there|here|who|where|how|let|one|today|everyone|nobody)'s)\w+'s\b|"
    r"\b(?:mom|mum|dad|mother|father|grandpa|grandma|granny|nana|papa|husband|wife|hubby|hubs|son|daughter|"
    r"sister|brother|aunt|uncle|friend|neighbou?r|coworker|patient|client|resident|mama|abuel[oa]|espos[oa]|hij[oa])\b|"
    r"\b(?:i|he|she|they|we|yo|el|ella)\b(?:'ve|'m|'s| have| has| am| is| are| can'?t| cannot| tiene| tengo| no)"
)

# Saying outright that this is not the old condition.
THIS_IS_NEW = re.compile(
    r"\b(?:this|it|that) (?:is|'s|feels|looks|seems) (?:\w+ )?(?:new|different)\b|\bnew onset\b|"
    r"\b(?:esto|eso) es (?:nuevo|diferente|otra cosa)\b|\bes (?:algo )?nuevo\b|"
    r"\b(?:was|were|seemed|looked) (?:totally |completely |perfectly )?(?:fine|normal|ok|okay) "
    r"(?:before|earlier|this|at|an hour|yesterday|until|when)|\bnew (?:\w+ )?(?:aphasia|droop\w*|weakness|numbness|"
    r"symptoms?|slurr\w*|confusion)\b|\bnever (?:had|happened) (?:this|that|before)|\bnunca (?:le|me) (?:habia|ha) pasado\b|"
    r"\bestaba (?:bien|normal)\b|\b(?:was|were) at (?:her |his |their )?baseline\b|\bworse than (?:baseline|usual|normal)\b"
)

# Laughing it off: "lol my face drooped when I saw the bill".
NOT_SERIOUS = re.compile(
    r"\b(?:lol|lmao|haha\w*|jaja\w*|jk|j/k|kidding|joking|bromeando)\b|\U0001F602|\U0001F923"
)

# New change on top of an old condition: "the other side", "now it's worse", "also his arm".
CHANGE = re.compile(
    r"\b(?:other|opposite|good|new|different|normal) side\b|\bworse\b|\bagain\b|\bnow (?:also|it|his|her|my|the)\b|"
    r"\b(?:also|too|as well)\b|\bdifferent\b|\bspread\w*|\bnew onset\b|\botro lado\b|\bpeor\b|\bde nuevo\b|\btambien\b"
)

# What a stroke description talks about, for the classifier's evidence to count.
BODY_WORDS = re.compile(
    r"(?<!cross-)(?<!cross )\b(?:face|facial|mouth|lips?|smile|eyes?|cheek|tongue|speech|speak\w*|talk\w*|words?|arm|hand|leg|"
    r"cara|boca|labio|ojo|habla\w*|palabras|brazo|mano|pierna)\b"
)

# A question about strokes or symptoms in general, not about someone in particular.
GENERAL = re.compile(
    r"\b(?:if (?:you|someone|somebody|a person|your)|(?<!like )someones?|(?<!like )somebody|anyone|a person|people|ppl|always|usually|is it true|"
    r"in general|difference between|how (?:quickly|fast|soon|do you know|can you tell|do you tell|can i tell)|what (?:causes|leads to|can cause|makes)|(?:does|can|will|would|could) (?:the |this |smile |facial )?(?:surgery|procedure|operation|reanimation) (?:\w+ )?(?:help|fix|correct|improve|treat)|should you|what (?:does|do|are|is) "
    r"(?:a |the )?(?:stroke|signs?|symptoms?|warning)|si a alguien|alguien|siempre|en general|la gente|las personas)\b"
)

STROKE_TOPIC = re.compile(r"\bstrokes?\b|\bderrames?\b|\bembolia\b|\bictus\b")
GENERAL_WHO = re.compile(
    r"\b(?:someone|somebody|anyone|a person)(?:'s)?\b|\b(?:a )?alguien(?: se)?(?: le)?\b"
)

# A plea for help now, not a question about a topic ("pls help", "what do I do", "ayuda").
URGENT = re.compile(
    r"^help\b|\bhelp\s*!|\b(?:now|asap|quick|quickly|pls|please|plz)\W+help\W*$|\bhelp (?:pls|please)\b|\b(?:pls|please|someone|somebody) help\b|\bhelp (?:me|him|her|us)\s*(?:!|$)|"
    r"\bemergency\b|\bhurry\b|\bscared\b|\bfreaking out\b|\bpanick\w*|\bwtf\b|\bomg\b|"
    # "ayuda" as a plea, not "ayuda con el ojo" (help with, a question about treatment)
    r"^\W*ayuda\b|\bayuda\s*!|\bayuda por favor\b|\bpor favor ayud\w*|\bayud[ae]nme\b|\bnecesit\w* ayuda\b|\bauxilio\b|"
    r"\bque hago\b|\burgente\b"
)

# Writing about someone else's case: a class, a report, an exam, a hypothetical.
ACADEMIC = re.compile(
    r"\b(?:studying|homework|exam|school (?:report|project|paper)|writing (?:a|an|my) (?:report|paper|essay|article)|"
    r"research\w*|hypothetical\w*|just curious|for (?:a|my) class|nursing school|emt|cna|tarea|por curiosidad|(?:nursing|medical|med|pa|np) student|(?:i'?m|im) a student|"
    r"(?:to be|being) prepared|(?:just )?in case|por si acaso|si alguna vez|poster|presentation|"
    r"(?:be )?fast (?:means|stands for|acronym)|stands for)\b|\bif\b[^.?!]{0,40}\bever\b"
)

# "If someone's face droops and their arm is weak, is that a stroke?"
HYPOTHETICAL = re.compile(
    r"\bif (?:someone|somebody|a person|anyone|your|you)(?:'?s)?\b|\bsi (?:a )?alguien\b"
)
# "If my face suddenly drooped, would you want me to come in?"
CONDITIONAL = re.compile(
    r"\bif (?:my|his|her|your|their|a|someone'?s?) (?:\w+ ){0,2}(?:face|mouth|smile|arm)\b[^.?!]{0,40}\b(?:would|will) (?:you|i|that)\b"
)

# Someone asking whether the assistant's hospital treats a symptom: the calm line is worth it.
SEEKING = re.compile(
    r"\b(?:can|could|do|does|would|will) (?:you|u|y'?all|your (?:team|clinic|doctors?|surgeons?)) "
    r"(?:\w+ )?(?:help|treat|fix|repair|correct|see|do anything)\b|\bhow (?:do|can|would|does) (?:you|u|one) "
    r"(?:treat|fix|correct|repair|help)\b|\b(?:tratan|atienden|arreglan|ayudan) (?:eso|esto|a)?\b"
)

# Signs described as mild and habitual ("slurs some words", "a bit garbled") by someone asking
# where to get care: with no time at all, the calm line and the answer, not the alarm.
MILD = re.compile(
    r"\b(?:a (?:little|bit|tad)|a little bit|some words|sometimes|kind of|kinda|slightly|un poco|a veces)\b"
)
CARE_QUESTION = re.compile(
    r"\bwho (?:should|do|can|would) (?:i|we|he|she|they) (?:see|go to|talk to)\b|\bis (?:that|this|it) (?:bell'?s|something)\b|"
    r"\b(?:can|could|would) (?:surgery|your team|you|u|reanimation|this surgery) help\b|\bshould i be worried\b|"
    r"\b(?:ustedes )?(?:tratan|atienden)\b|\bcon quien (?:lo |la )?(?:llevo|voy)\b|\bdo you (?:treat|help with)\b|"
    r"\bwhat are (?:my|her|his|the|our) options\b|\bbest (?:surgery|treatment|doctor|option)\b|\bwhat kind of (?:clinic|doctor|surgery)\b|"
    r"\b(?:something|anything) (?:you|your \w+) (?:treat|fix|do)\b|\b(?:is|are) (?:you|your \w+) able to\b"
)

PRESENT_STATE = re.compile(r"is (?:drooping|sagging)$")

# A face (or half of it) said to be paralyzed now, in the present tense and with no time: "half of
# my face is paralyzed", "tengo la cara paralizada del lado derecho", "faces that are paralyzed on
# one side? mine is". Unlike "my paralysis" in a question about surgery, this describes a state
# whose start is not said, so it gets the calm line.
# Both sides at once is not how a stroke shows ("a little boy whose face is paralyzed on both sides").
PARALYZED_NOW = re.compile(
    r"^(?!.*\b(?:both sides|ambos lados|los dos lados)\b).*?(?:"
    r"\b(?:face|side|cara|lado)\b[\w\s]{0,25}?\b(?:is|are|'s|esta|es)\s+(?:\w+\s+)?"
    r"(?:paralyzed|paralysed|paralizad[ao]|frozen|not moving)\b"
    r"|\btengo (?:la cara|el lado|la mitad de la cara|media cara) (?:\w+ )?paralizad[ao]\b"
    r"|\bparalyzed on one side\W+(?:mine|hers|his) (?:is|are)\b)"
)

# Seeing an old symptom anew ("I noticed in a video today how crooked my smile is", "still
# doesn't blink"): a time next to noticing dates the noticing, not the symptom.
NOTICED = re.compile(r"\b(?:realiz\w*|video|photos?|pictures?|mirror|still|(?:noticed|saw|see) how)\b")

# A change for the worse ("it looks a lot worse right now").
WORSE = re.compile(r"\bworse\b|\bpeor\b|\bmore (?:droopy|crooked|numb)\b")

_SPANISH_WORDS = re.compile(
    r"\b(?:el|la|los|las|de|que|mi|su|esta|tiene|tengo|cara|boca|brazo|habla|hace|desde|hoy|"
    r"ahora|ayuda|por favor|se|le|no puede|derrame|palabras|mama|papa|esposo|esposa|hijo|hija)\b"
)


def looks_spanish(text: str) -> bool:
    """Whether a message reads as Spanish (for the language of the 911 reply)."""
    folded = fold(text)
    words = folded.split()
    return bool(words) and len(_SPANISH_WORDS.findall(folded)) >= max(2, len(words) // 4)
