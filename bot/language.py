"""A tiny offline guess at the language a message is written in.

The assistant holds a conversation in English or Spanish (``LANGUAGES`` in bot/settings.py);
:func:`written_in` says which of the two a message is clearly in (or neither, for "ok" or
"27705"), and :func:`guess_non_english` names any other language, whose message gets a short reply
with the phone line. Stop-word counting is enough for these decisions and needs no model download.
Words are compared without accents: many visitors type "cirugia" and "paralisis".
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_STOPWORDS: dict[str, frozenset[str]] = {
    "English": frozenset(
        "the a an and or is are was were be i you he she it we they my your his her our their "
        "what how when where who why which can do does did to of in on for with at from about "
        "this that there have has had will would should could not no yes please hi hello hey "
        "thanks thank me him them surgery smile face english speak talk".split()
    ),
    "Spanish": frozenset(
        "el la los las un una y o es son está estoy tengo tiene que de del en por para con "
        "cómo como qué cuándo dónde quién mi su sus hola gracias buenos buenas días cirugía "
        "cara sonrisa hijo hija puedo necesito cita parálisis facial ayuda usted yo no sí pero "
        "hablo habla hablan español espanol inglés ingles disculpe favor bien quiero quisiera "
        "pueden saber q xq pq porque tambien tmb donde cuanto cuanta cuantos esta estan mas "
        "despues antes operacion operar doctor doctora hospital clinica nervio musculo "
        "hijos ninos nino nina boca ojo ojos lado tiempo tarda recuperacion quien cuales cual "
        "le les lo nos se del al muy ya hay ser fue era eso esto esa ese da dar detalles "
        "informacion".split()
    ),
    "French": frozenset(
        "le la les un une et ou est sont je vous il elle nous mon ma mes que qui de du des en "
        "pour avec comment quand où bonjour merci chirurgie visage sourire mon fils fille "
        "rendez-vous paralysie faciale aide oui non mais combien temps après avant dans sur "
        "pas ce cette ça très peut être depuis opération récupération dure parlez parler "
        "français francais suis j'ai ai cherche chirurgien née né avez pouvez voudrais "
        "prendre merci beaucoup votre notre".split()
    ),
    "Portuguese": frozenset(
        "o a os as um uma e ou é são está estou tenho que de do da em por para com como "
        "quando onde olá obrigado obrigada cirurgia rosto sorriso filho filha consulta "
        "paralisia facial ajuda sim não mas você vocês falam fala falar português preciso "
        "marcar qual telefone meu minha muito quanto tempo demora depois pode podem nasceu "
        "cirurgião obrigado ajudar também".split()
    ),
    "German": frozenset(
        "der die das ein eine und oder ist sind ich sie er wir mein meine was wie wann wo wer "
        "mit für von zu nicht hallo danke operation gesicht lächeln sohn tochter termin "
        "lähmung hilfe ja nein aber guten tag habe hat haben seit kann man tun lange dauert "
        "sprechen deutsch heilung bitte nach mich mir bin wird jahren gesichtslähmung".split()
    ),
    "Italian": frozenset(
        "il lo la gli le un una e o è sono ho che di del della in per con come quando dove "
        "ciao grazie chirurgia viso sorriso figlio figlia appuntamento paralisi facciale "
        "aiuto sì no ma parla parlate italiano mio sono anni dopo quanto tempo".split()
    ),
    "Tagalog": frozenset(
        "po ang ng mga ako siya ka ikaw magkano paano saan kailan anak mukha operasyon "
        "salamat kayo ba na sa".split()
    ),
    "Haitian Creole": frozenset(
        "mwen ou li nou yo pa gen se kijan konbyen pitit figi doktè mèsi bonjou kreyòl pale kapab".split()
    ),
    "Hindi": frozenset(
        "kya aap mein hai hain nahi meri mera beti beta kar sakte baat chehra janam surgery "
        "ho sakti hindi".split()
    ),
}


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_STOPWORDS = {lang: frozenset(_fold(w) for w in words) for lang, words in _STOPWORDS.items()}

# One-word greetings and thanks that are unmistakably not English.
# Words that also occur in English text ("a", "facial", "no") say nothing about the language.
_SHARED_WITH_ENGLISH = frozenset("a o e i no me facial is de doctor hospital".split())
_STOPWORDS = {lang: words - _SHARED_WITH_ENGLISH for lang, words in _STOPWORDS.items()}

_SINGLE_WORDS = {
    "hola": "Spanish",
    "gracias": "Spanish",
    "ayuda": "Spanish",
    "bonjour": "French",
    "merci": "French",
    "salut": "French",
    "obrigado": "Portuguese",
    "obrigada": "Portuguese",
    "hallo": "German",
    "danke": "German",
    "grazie": "Italian",
}


def guess_non_english(text: str) -> str | None:
    """Return the name of the language if the text is clearly not English, else None."""
    words = [_fold(w.lower()) for w in _WORD.findall(text)]
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
    scores = _scores(words)
    english = scores.pop("English")
    best_lang, best = max(scores.items(), key=lambda item: item[1])
    if best >= 2 and best > english * 2 and best / len(words) >= 0.3:
        return best_lang
    return None


# What the language of a conversation can be switched to by one message.
_CONVERSATION_LANGUAGES = {"English": "en", "Spanish": "es"}


def written_in(text: str) -> str | None:
    """ "en" or "es" when the message is clearly in English or Spanish, else None ("ok", "27705",
    a name, or a third language): a conversation keeps its language until a message says otherwise."""
    other = guess_non_english(text)
    if other is not None:
        return _CONVERSATION_LANGUAGES.get(other)
    words = [_fold(w.lower()) for w in _WORD.findall(text)]
    scores = _scores(words)
    english = scores.pop("English")
    if english >= 2 and english > 2 * max(scores.values()) and english / max(len(words), 1) >= 0.3:
        return "en"
    return None


def _scores(words: list[str]) -> dict[str, int]:
    return {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}


def _is_latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f"
