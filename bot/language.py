"""A tiny offline guess at whether a message is written in a language other than English.

The assistant answers in English only (for now); a message clearly in another language gets a
short English reply with the phone line. Stop-word counting is enough for that decision and needs
no model download.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_STOPWORDS: dict[str, frozenset[str]] = {
    "English": frozenset(
        "the a an and or is are was were be i you he she it we they my your his her our their "
        "what how when where who why which can do does did to of in on for with at from about "
        "this that there have has had will would should could not no yes please hi hello hey "
        "thanks thank me him them surgery smile face".split()
    ),
    "Spanish": frozenset(
        "el la los las un una y o es son está estoy tengo tiene que de del en por para con "
        "cómo como qué cuándo dónde quién mi su sus hola gracias buenos buenas días cirugía "
        "cara sonrisa hijo hija puedo necesito cita parálisis facial ayuda usted yo no sí pero "
        "hablo habla hablan español espanol inglés ingles disculpe favor bien quiero quisiera "
        "pueden saber".split()
    ),
    "French": frozenset(
        "le la les un une et ou est sont je vous il elle nous mon ma mes que qui de du des en "
        "pour avec comment quand où bonjour merci chirurgie visage sourire mon fils fille "
        "rendez-vous paralysie faciale aide oui non mais combien temps après avant dans sur "
        "pas ce cette ça très peut être depuis opération récupération dure".split()
    ),
    "Portuguese": frozenset(
        "o a os as um uma e ou é são está estou tenho que de do da em por para com como "
        "quando onde olá obrigado obrigada cirurgia rosto sorriso filho filha consulta "
        "paralisia facial ajuda sim não mas você".split()
    ),
    "German": frozenset(
        "der die das ein eine und oder ist sind ich sie er wir mein meine was wie wann wo wer "
        "mit für von zu nicht hallo danke operation gesicht lächeln sohn tochter termin "
        "lähmung hilfe ja nein aber".split()
    ),
    "Italian": frozenset(
        "il lo la gli le un una e o è sono ho che di del della in per con come quando dove "
        "ciao grazie chirurgia viso sorriso figlio figlia appuntamento paralisi facciale "
        "aiuto sì no ma".split()
    ),
}

# One-word greetings and thanks that are unmistakably not English.
# Words that also occur in English text ("a", "facial", "no") say nothing about the language.
_SHARED_WITH_ENGLISH = frozenset("a o e i no me facial is de".split())
_STOPWORDS = {
    lang: words if lang == "English" else words - _SHARED_WITH_ENGLISH for lang, words in _STOPWORDS.items()
}

_SINGLE_WORDS = {
    "hola": "Spanish",
    "gracias": "Spanish",
    "ayuda": "Spanish",
    "bonjour": "French",
    "merci": "French",
    "salut": "French",
    "olá": "Portuguese",
    "obrigado": "Portuguese",
    "obrigada": "Portuguese",
    "hallo": "German",
    "danke": "German",
    "ciao": "Italian",
    "grazie": "Italian",
}


def guess_non_english(text: str) -> str | None:
    """Return the name of the language if the text is clearly not English, else None."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    letters = [c for c in text if c.isalpha()]
    non_latin = [c for c in letters if not _is_latin(c)]
    if letters and len(non_latin) / len(letters) > 0.5:
        return "another language"
    # Letters only Vietnamese writes (đ, ơ, ư and the stacked tone marks of U+1EA0-U+1EF9)
    if sum(c in "đĐơƠưƯ" or "\u1ea0" <= c <= "\u1ef9" for c in letters) >= 2:
        return "Vietnamese"
    if len(words) <= 2:
        for word in words:
            if word in _SINGLE_WORDS:
                return _SINGLE_WORDS[word]
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    english = scores.pop("English")
    best_lang, best = max(scores.items(), key=lambda item: item[1])
    if best >= 2 and best > english * 2 and best / len(words) >= 0.3:
        return best_lang
    return None


def _is_latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f"
