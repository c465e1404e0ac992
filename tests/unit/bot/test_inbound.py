"""What the public channels check and say, in plain Python (bot/inbound.py): payloads, bodies, the
channel settings from the environment, allowed origins, and the channel messages from responses."""

from __future__ import annotations

import pytest

from bot.inbound import (
    MAX_REQUEST_BYTES,
    SLOW_DOWN,
    UNREADABLE_REQUEST,
    BadPayload,
    ChannelSettings,
    apology,
    parse_json_body,
    parse_origins,
    read_message,
    too_long_notice,
)
from bot.responses import fill, load_responses
from bot.settings import APPOINTMENT_PHONE


@pytest.mark.parametrize(
    "payload",
    [
        [1, 2],
        "hello",
        None,
        {"message": "hi"},
        {"sender": "", "message": "hi"},
        {"sender": "x" * 129, "message": "hi"},
        {"sender": "a\nb", "message": "hi"},
        {"sender": True, "message": "hi"},
        {"sender": {"id": 1}, "message": "hi"},
        {"sender": "a"},
        {"sender": "a", "message": 5},
        {"sender": "a", "message": ["hi"]},
        {"sender": "a", "message": "hi", "metadata": "not json"},
        {"sender": "a", "message": "hi", "metadata": "[1, 2]"},
        {"sender": "a", "message": "hi", "metadata": 7},
        {"sender": "a", "message": "hi", "message_id": "no spaces allowed"},
    ],
)
def test_unreadable_payloads_are_refused(payload: object) -> None:
    with pytest.raises(BadPayload):
        read_message(payload, 1000)


def test_readable_payloads() -> None:
    message = read_message(
        {"sender": 42, "message": "hi", "metadata": '{"page": "/smile"}', "message_id": "m-1"}, 1000
    )
    assert (message.sender, message.text, message.metadata, message.message_id) == (
        "42",
        "hi",
        {"page": "/smile"},
        "m-1",
    )
    long = read_message({"sender": "a", "message": "é" * 1500}, 1000)
    assert long.truncated and long.text == "é" * 1000


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"\xff\xfe", b"[" * 60_000, b"x" * (MAX_REQUEST_BYTES + 1)],
    ids=["empty", "unfinished", "not utf-8", "deep nesting", "too large"],
)
def test_unparsable_bodies_are_refused(body: bytes) -> None:
    with pytest.raises(BadPayload):
        parse_json_body(body)


def test_apology_names_the_phone_number() -> None:
    assert APPOINTMENT_PHONE in apology()


def test_what_the_channels_say_comes_from_the_responses() -> None:
    responses = load_responses()
    assert apology() == fill(responses, "utter_channel_apology")
    assert SLOW_DOWN == fill(responses, "utter_channel_slow_down")
    assert UNREADABLE_REQUEST == fill(responses, "utter_channel_unreadable")
    assert too_long_notice(1000) == (
        "Your message was long, so I read only its first 1,000 characters. Shorter questions work best."
    )


def test_channel_settings_defaults(clean_env: pytest.MonkeyPatch) -> None:
    settings = ChannelSettings.from_env()
    assert settings.max_message_chars == 1000
    assert (settings.rate_per_minute, settings.rate_burst) == (30, 10)
    assert settings.action_timeout_seconds < settings.reply_timeout_seconds <= 5
    assert settings.allowed_origins == ()


def test_channel_settings_from_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("RATE_LIMIT_PER_MINUTE", "12")
    clean_env.setenv("RATE_LIMIT_BURST", "4")
    clean_env.setenv("REPLY_TIMEOUT_SECONDS", "7.5")
    clean_env.setenv("ACTION_TIMEOUT_SECONDS", "2")
    clean_env.setenv("MAX_MESSAGE_CHARS", "500")
    clean_env.setenv("ALLOWED_ORIGINS", "https://www.dukehealth.org, https://dukehealth.org/")
    settings = ChannelSettings.from_env()
    assert (settings.rate_per_minute, settings.rate_burst) == (12, 4)
    assert (settings.reply_timeout_seconds, settings.action_timeout_seconds) == (7.5, 2)
    assert settings.max_message_chars == 500
    assert settings.allowed_origins == ("https://www.dukehealth.org", "https://dukehealth.org")
    assert settings.origin_allowed("https://dukehealth.org")
    assert settings.origin_allowed(None)  # not a browser
    assert not settings.origin_allowed("https://evil.example")


def test_bad_numbers_are_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("REPLY_TIMEOUT_SECONDS", "-1")
    with pytest.raises(ValueError, match="REPLY_TIMEOUT_SECONDS"):
        ChannelSettings.from_env()


def test_origins_parse_commas_and_spaces() -> None:
    assert parse_origins("http://a:1,http://b:2 http://c/") == ("http://a:1", "http://b:2", "http://c")
    assert parse_origins(None) == ()


def test_the_channels_answer_in_the_language_of_the_message(monkeypatch) -> None:
    responses = load_responses()
    spanish = fill(responses, "utter_channel_apology", {"language": "es"})
    assert apology("¿qué es la cirugía de la sonrisa?") == spanish != apology("what is smile surgery")
    assert "1,000" in too_long_notice(1000, "mi hijo nació con parálisis facial " * 40)
    assert too_long_notice(1000, "mi hijo nació con parálisis facial") != too_long_notice(1000)
    monkeypatch.setenv("LANGUAGES", "en")
    assert apology("¿qué es la cirugía de la sonrisa?") == apology()
