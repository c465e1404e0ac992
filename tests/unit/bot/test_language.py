"""Messages in other languages (bot.language)."""

import pytest

from bot.language import guess_non_english


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
