"""Stroke safety: 911 first for new symptoms, a calm line when the onset is unknown, never an alarm
for longstanding paralysis or a question about strokes."""

import pytest

from bot.safety import CLASSIFIER_MIN_CONFIDENCE, Verdict, assess, decide, looks_spanish

EMERGENCIES = [
    # kept from the first version of the layer
    "my face suddenly started drooping",
    "my dad's face just started drooping and he's slurring his words",
    "woke up and half my face is numb and won't move",
    "I think I'm having a stroke",
    "my mom's face is drooping and her arm feels weak",
    "Mi cara se cayó de repente",
    "left side of my face went numb an hour ago",
    "my husband can't smile on one side since this morning",
    "I've had paralysis since birth but today the other side started drooping",
    "his speech is slurred and his face looks crooked",
    "sudden facial weakness",
    "my face is drooping right now what do I do",
    "is this a stroke? my lip is drooping",
    "my arm is numb and my face feels weird",
    "All of a sudden I can\u2019t close my eye",
    "grandpa can't lift his arm and his mouth looks funny",
    # everyday words, from the issue
    "her words are coming out all wrong and one side of her lip is hanging, it started at dinner",
    "he's talking gibberish and his face looks crooked",
    "my speech is garbled and half my face is numb",
    "woke up with half my face not working",
    "left side of my face has been drooping since breakfast",
    "my face feels funny and droopy, it started while I was watching TV",
    "at school today my son's mouth went crooked",
    "she sounds drunk and keeps dropping things since lunch",
    "my face got paralyzed this morning",
    "I've had Bell's palsy for 3 years. This morning the other side started drooping",
    "face drooping and slurred speech help",
    # Spanish
    "creo que me está dando un derrame",
    "mi esposo tiene la boca chueca desde hace una hora y arrastra las palabras",
    "a mi mamá se le cayó la cara de un lado al despertar",
    "no le salen las palabras y tiene el brazo dormido",
    # word-finding, confusion and food falling from the mouth count as signs
    "my wife keeps using the wrong names for things since supper",
    "grandpa's mouth is lopsided and he can't tell me his own name",
    "food is falling out of the corner of his mouth, it began 10 min ago",
    "a time at the gym is not a date in the past: my face went numb when I was at the gym an hour ago",
    "old Bell's on the left for years, but tonight my right side feels different",
    "dad face droopy now help",
    # Spanish: "hace como 20 minutos", "desde las 3", an arm that "no responde"
    "se me durmio la cara hace como 20 minutos",
    "desde las 4 mi tio arrastra la pierna y tiene la boca torcida",
    "a mi abuela la boca se le va pa un lado y el brazo no le responde",
    # an old condition, and new signs in a sentence of their own
    "aunt has had Bell's palsy since 2016. Since about 4 today her speech is thick and her hand is clumsy",
    "old palsy on the left from 2012, but this is new: her arm went weak and she can't find her words",
    "mi papá tiene parálisis desde 2010. Hoy en la mañana empezó a arrastrar las palabras",
    "he was fine at dinner. since then his face is crooked and he is drooling",
    # unusual wording of the signs
    "he drank some tea a minute ago and it ran out the side of his mouth",
    "since lunch my aunt's tongue feels too big and her words come out like mush",
    "her left hand won't do what she tells it, started during the 3 o'clock meeting",
    "mi abuelo no puede inflar los cachetes y no me responde desde hace unos minutos",
    "mom, 70, face dropped on one side this morning, also she cannot walk good",
    "hace ratito a mi tio se le doblo la pierna y ahora le cuesta hablar",
    "se me esta durmiendo la cara y el brazo del mismo lado desde hace media hora",
    "my face drooped all of a sudden about 20 minutes ago, I'm 45 with no history of anything",
    # the first blind safety set's misses, read once it was retired into the dev sets (reworded)
    "a heavy sensation over the right side of my face and hand since lunch, worse now",
    "we think dad had a small stroke last night, he woke up with his mouth crooked",
    "my tio can't move his mano izquierda since hace 20 minutos and his face se ve caida",
    "mi papá dice cosas sin sentido, se le traban las palabras, empezó hace media hora",
    # the second blind set's miss (reworded): the old date is the cause's, asked about, not the droop's
    "my lip went numb and started to sag, it came on all at once 30 min ago, is it from my filler in May?",
    "se me cayo la boca hace una hora, sera por el botox del mes pasado?",
    # an eye, a forehead or a smile on one side, with a time that is now
    "she can't close her left eye since an hour ago",
    "my forehead stopped wrinkling on one side this morning",
    "his smile is only on one side now, started an hour ago",
    "no puedo mover la cara desde esta mañana",
]

POSSIBLE = [
    "how do I fix my drooping face?",
    "my mom's face is droopy, is that Bell's palsy?",
    "my face droops on one side, can this surgery help?",
    "one side of my mouth hangs lower, can surgery help?",
    "mi cara está caída de un lado, eso tiene arreglo?",
    "I can't move the left side of my upper lip, do you take new patients?",
    "can you help with a smile that droops on one side?",
    # mild, habitual signs from someone asking where to get care: the calm line, not the alarm
    "my uncle slurs a bit and his mouth sags on one side, who should he see?",
    "my dad's face is drooping on one side, do you treat that?",
    "my smile isnt even anymore",
    # "ayuda con" asks whether surgery helps: the calm line, not the alarm for a plea
    "la cirugía ayuda con la boca chueca de mi hijo?",
    # the second blind set's "possible" cases answered otherwise (reworded): a face said to be
    # paralyzed now, an eye, a forehead or a smile, and the face (not a limb) that can't move
    "half of my face is paralyzed, is surgery my only choice?",
    "tengo la cara paralizada del lado izquierdo, que opciones hay?",
    "why can't my grandma smile on her right side",
    "my forehead doesn't wrinkle on the left, is that a nerve problem?",
    "my son can't close his right eye when he sleeps, is that facial paralysis?",
    "no puedo mover la mitad de la cara, que cirugia me recomiendan",
]

NOT_ALARMING = [
    # kept from the first version of the layer
    "I've had facial paralysis since birth",
    "my son was born with moebius syndrome",
    "my face has been paralyzed for 6 years",
    "I had Bell's palsy 2 years ago and my smile never came back",
    "after Bell's palsy 2 years ago my face never recovered",
    "what is facial reanimation surgery",
    "how long is recovery",
    "will a speech pathologist help with slurred speech?",
    "can a stroke cause facial paralysis?",
    "my face suddenly became paralyzed 3 years ago after surgery",
    "I lost movement after tumor surgery last year",
    "i was in a car crash in march and half my face hasnt moved since",
    "my daughter has had weakness on her left side of the face her whole life",
    "hi",
    "",
    # from the issue
    "my son had a sudden facial palsy when he was 3, he's 12 now",
    "I had a tumor removed in March of last year and woke up from surgery with that side paralyzed",
    "my eye doctor referred me today; I've had Bell's palsy for 2 years",
    "what are the signs of a stroke?",
    "my grandmother had a stroke in 2015, can she have this surgery?",
    "my dad had a stroke and his smile is still crooked, can surgery help?",
    "I'm a stroke survivor, 5 years out, can surgery fix my smile",
    "does the surgery help a droopy lower lip?",
    "i just found your page, my smile has been crooked since the accident",
    "my face has drooped for 8 months",
    # Spanish
    "mi hijo nació con la cara paralizada de un lado",
    "tengo parálisis de Bell hace 3 años",
    "mi papá tuvo un derrame en 2018 y le quedó la boca chueca",
    # noticing an old symptom today is not a new symptom
    "I noticed in a photo today how uneven my smile is; it's been like that since Bell's palsy in 2021",
    # a doctor speaking today about an old case
    "the surgeon said today that my 4-year-old palsy won't recover on its own",
    # study, preparation and jokes
    "for my nursing school exam: what does a droopy face with slurred speech mean?",
    "what should I do if someone is having a stroke? asking to be prepared, my mom is at risk",
    "if my face drops when I get the bill, is that a stroke? jk, what does it cost?",
    # a droop named as the result of paralysis, questions about what causes a symptom
    "can a facelift fix a droop from facial paralysis?",
    "what causes one side of the mouth to sag?",
    "la enfermera dijo que el hormigueo despues de la cirugia es normal, ya llevo 3 semanas",
    "haha my face goes crooked when I'm annoyed, anyway do you take insurance?",
    "Overnight I decided to finally fix my smile. It's been crooked since 2011.",
    "my doctor told me if my face ever droops suddenly to call 911, does that apply to me?",
    "post op week 3 from my gracilis transfer and my cheek is still swollen and numb",
    "if someones mouth droops and their arm goes weak is that a stroke? my mom is at risk, shes fine rn",
    "tonight's episode of my show had a stroke in it, is a droopy face always a stroke?",
    "If my face suddenly drooped, would you want me to come to the clinic or go to the ER?",
    "I'm a nursing student: is slurred speech always a sign of stroke?",
    "a mi abuelo le dio parálisis facial a los 6, ya tiene 11, ¿cuándo se puede operar?",
    "mi tía amaneció con la boca ladeada hace como 2 años y nunca se recuperó",
    # a duration said as an age of the condition, with "just" about something else
    "I just read your whole page. My palsy is 9 years old, is a consult worth it?",
    # a question about a cause keeps its date when nothing is said to be new
    "I've had Bell's palsy, could it be from my flu shot in 2019?",
    "my smile has been crooked since my surgery in 2020, could it be from the anesthesia?",
    "mi hijo tiene la cara caida, es de nacimiento, hoy fuimos al doctor",
    # both sides at once: not how a stroke shows
    "we adopted a little boy whose face is paralyzed on both sides, do you see children",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_new_symptoms_are_emergencies(text: str) -> None:
    assert assess(text).verdict is Verdict.EMERGENCY


@pytest.mark.parametrize("text", POSSIBLE)
def test_a_symptom_with_no_time_gets_the_caution_line(text: str) -> None:
    assert assess(text).verdict is Verdict.POSSIBLE


@pytest.mark.parametrize("text", NOT_ALARMING)
def test_longstanding_cases_and_questions_get_no_911_text(text: str) -> None:
    assert assess(text).verdict in (Verdict.LONGSTANDING, Verdict.GENERAL, Verdict.NONE)
    assert decide(text, emergency_confidence=0.99).verdict is not Verdict.POSSIBLE


@pytest.mark.parametrize(
    "text",
    [
        "at my visit today they said I need a cross-face nerve graft, what are the risks?",
        "FAST stands for face, arms, speech, time, right? it's for a presentation",
        "me dijeron que la pierna iba a quedar adormecida unas semanas, ya van 2 semanas",
    ],
)
def test_a_sure_classifier_does_not_turn_these_into_alarms(text: str) -> None:
    assert decide(text, emergency_confidence=1.0).verdict is not Verdict.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "my face has been paralyzed for 6 years",
        "since birth my smile droops",
        "Bell's palsy 2 years ago, my face still droops",
    ],
)
def test_longstanding_is_recognised(text: str) -> None:
    assert assess(text).verdict is Verdict.LONGSTANDING


def test_the_classifier_adds_recall_for_words_the_rules_do_not_know() -> None:
    text = "grandpa's face is doing something odd"
    assert assess(text).verdict is Verdict.NONE
    assert decide(text, CLASSIFIER_MIN_CONFIDENCE).verdict is Verdict.EMERGENCY
    assert decide(text, CLASSIFIER_MIN_CONFIDENCE - 0.1).verdict is Verdict.NONE


def test_the_classifier_never_overrules_an_old_date_or_a_general_question() -> None:
    assert decide("my face has drooped since 2019", 0.99).verdict is Verdict.LONGSTANDING
    assert decide("is a droopy face always a stroke?", 0.99).verdict is Verdict.GENERAL


def test_the_classifier_alone_needs_a_face_speech_or_limb() -> None:
    assert decide("can a stroke cause facial paralysis?", 0.99).verdict is not Verdict.EMERGENCY
    assert decide("what are your hours", 0.99).verdict is Verdict.NONE


def test_the_classifier_leaves_the_calm_line_for_a_symptom_with_no_time() -> None:
    assert decide("how do I fix my drooping face?", 0.99).verdict is Verdict.POSSIBLE


def test_spanish_is_recognised_for_the_language_of_the_reply() -> None:
    assert assess("mi esposo tiene la boca chueca desde hace una hora").spanish
    assert not assess("my husband's mouth went crooked an hour ago").spanish
    assert looks_spanish("se le cayó la cara")
    assert not looks_spanish("my face is drooping")


@pytest.mark.parametrize(
    "text",
    [
        "is drooping always a stroke?",
        "what are the signs of a stroke",
        "¿la cara caída siempre es un derrame?",
    ],
)
def test_general_questions_about_strokes(text: str) -> None:
    assert assess(text).verdict is Verdict.GENERAL
