"""Messages in other languages (bot.language)."""

import pytest

from bot.language import guess_non_english, written_in


@pytest.mark.parametrize(
    "text,language",
    [
        ("hola", "Spanish"),
        ("Mi hijo tiene parálisis facial, ¿puede ayudar la cirugía?", "Spanish"),
        ("Bonjour, je voudrais un rendez-vous", "French"),
        ("Combien de temps après la chirurgie pour sourire ?", "French"),
        ("Ich habe eine Lähmung im Gesicht", "German"),
        ("我想预约", "another language"),
        ("disculpe, no hablo bien ingles", "Spanish"),
        ("Con tôi muốn đặt lịch hẹn", "Vietnamese"),
        ("Minha filha pode fazer a cirurgia? Vocês falam inglês?", "Portuguese"),
        ("Magkano po ang operasyon?", "Tagalog"),
        ("Mwen pa pale angle, eske ou ka ede mwen?", "Haitian Creole"),
        # without accents, as many type it
        ("q es la cirugia de sonrisa", "Spanish"),
        ("¿me da más detalles?", "Spanish"),
    ],
)
def test_other_languages_are_recognised(text: str, language: str) -> None:
    assert guess_non_english(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "what is smile surgery",
        "reasons a persons facial nerve stops working",
        "is the surgery de novo",
        "hi",
        "Moebius syndrome in my son",
        "how long after the operation before she can smile",
    ],
)
def test_english_is_not_flagged(text: str) -> None:
    assert guess_non_english(text) is None


@pytest.mark.parametrize(
    "text,language",
    [
        ("¿qué es la cirugía de la sonrisa?", "es"),
        ("no hablo inglés, ¿me pueden ayudar?", "es"),
        ("what is smile surgery", "en"),
        ("English please", "en"),
        # too short, no words of either, or a third language: the conversation keeps its language
        ("ok", None),
        ("si", None),
        ("27705", None),
        ("Raleigh", None),
        ("ola", None),
        ("Bonjour, est-ce que vous parlez anglais ?", None),
    ],
)
def test_the_conversation_language_a_message_is_clearly_in(text: str, language: str | None) -> None:
    assert written_in(text) == language
