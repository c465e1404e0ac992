"""Runtime settings from the environment (bot/settings.py), the only module that reads it."""

from __future__ import annotations

import re

import pytest

from bot.settings import Settings
from tests.support.content import REPO


def test_server_settings_default_to_loopback_and_memory(clean_env: pytest.MonkeyPatch) -> None:
    settings = Settings.from_env()
    assert (settings.web_host, settings.web_port, settings.rasa_url) == ("127.0.0.1", 8000, None)
    assert settings.action_server_host == "127.0.0.1"
    assert (settings.lock_store_url, settings.lock_store_key_prefix) == ("memory://", None)


def test_server_settings_from_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("SANIC_HOST", "10.0.0.5")
    clean_env.setenv("LOCK_STORE_URL", "redis://redis.internal/1")
    clean_env.setenv("LOCK_STORE_KEY_PREFIX", "bot2")
    settings = Settings.from_env()
    assert settings.action_server_host == "10.0.0.5"
    assert (settings.lock_store_url, settings.lock_store_key_prefix) == ("redis://redis.internal/1", "bot2")


def test_only_bot_settings_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(REPO))
        for folder in ("bot", "actions", "components")
        for path in sorted((REPO / folder).rglob("*.py"))
        if re.search(r"\bos\.environ\b|\bgetenv\(", path.read_text(encoding="utf-8"))
    ]
    assert readers == ["bot/settings.py"]


def test_languages_default_to_english_and_spanish_english_always_on(clean_env: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().languages == ("en", "es")
    clean_env.setenv("LANGUAGES", "en")
    assert Settings.from_env().languages == ("en",)
    clean_env.setenv("LANGUAGES", " es ")
    assert Settings.from_env().languages == ("en", "es")
    clean_env.setenv("LANGUAGES", "en,fr")
    with pytest.raises(ValueError, match="fr"):
        Settings.from_env()
