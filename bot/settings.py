"""Settings from the environment, with safe local defaults. Nothing connects at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

REPO_ROOT = Path(__file__).resolve().parent.parent

# Facts used by code (location cards, hand-off buttons). The same number appears in the responses;
# tests/unit/data/test_responses.py checks that every response uses exactly this number.
APPOINTMENT_PHONE = "919-684-4114"
APPOINTMENT_TEL = "tel:+1" + APPOINTMENT_PHONE.replace("-", "")
EMERGENCY_NUMBER = "911"
SOURCE_REVIEWED_ON = "05/05/2020"

# The languages the assistant can hold a conversation in (responses/<lang>/, data/nlu/<lang>/).
# English is always on; LANGUAGES=en turns Spanish off (a Spanish message then gets the reply that
# the assistant answers in English only, except a stroke warning, which is always bilingual).
KNOWN_LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


def _languages(raw: Optional[str]) -> tuple[str, ...]:
    if raw is None or not raw.strip():
        return KNOWN_LANGUAGES
    codes = [code.strip().lower() for code in raw.split(",") if code.strip()]
    unknown = sorted(set(codes) - set(KNOWN_LANGUAGES))
    if unknown:
        raise ValueError(f"LANGUAGES: unknown language codes {unknown}; known: {', '.join(KNOWN_LANGUAGES)}")
    return tuple(dict.fromkeys([DEFAULT_LANGUAGE, *codes]))


# Servers listen on loopback unless told otherwise: only the chat paths belong on a public network.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_WEB_PORT = 8000


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _positive(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = float(raw)
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, not {raw!r}")
    return value


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Build with :meth:`from_env`; every field has a local default."""

    var_dir: Path
    database_url: str
    census_geocoder_enabled: bool
    census_geocoder_url: str
    census_timeout_seconds: float
    max_message_chars: int
    tracker_store_url: str
    retention_days: int
    # public chat channels (bot/inbound.py); allowed_origins as written, parse_origins splits it
    rate_limit_per_minute: float
    rate_limit_burst: int
    reply_timeout_seconds: float
    action_timeout_seconds: float
    allowed_origins: Optional[str]
    # conversation locks (components/lock_store.py)
    lock_store_url: str
    lock_store_key_prefix: Optional[str]
    # servers: the demo page (bot/web.py) and the action server (components/action_server.py)
    web_host: str
    web_port: int
    rasa_url: Optional[str]
    action_server_host: str
    # the conversation languages (English first); see KNOWN_LANGUAGES
    languages: tuple[str, ...] = KNOWN_LANGUAGES

    @classmethod
    def from_env(cls) -> Settings:
        var_dir = Path(os.environ.get("SMILEBOT_VAR_DIR", REPO_ROOT / "var"))
        return cls(
            var_dir=var_dir,
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{var_dir / 'locations.db'}",
            census_geocoder_enabled=_flag("CENSUS_GEOCODER_ENABLED"),
            census_geocoder_url=os.environ.get(
                "CENSUS_GEOCODER_URL",
                "https://geocoding.geo.census.gov/geocoder/locations/onelineaddress",
            ),
            census_timeout_seconds=float(os.environ.get("CENSUS_GEOCODER_TIMEOUT", "2.5")),
            max_message_chars=int(os.environ.get("MAX_MESSAGE_CHARS", "1000")),
            tracker_store_url=os.environ.get("TRACKER_STORE_URL") or f"sqlite:///{var_dir / 'tracker.db'}",
            retention_days=int(os.environ.get("RETENTION_DAYS", "30")),
            rate_limit_per_minute=_positive("RATE_LIMIT_PER_MINUTE", 30),
            rate_limit_burst=int(_positive("RATE_LIMIT_BURST", 10)),
            reply_timeout_seconds=_positive("REPLY_TIMEOUT_SECONDS", 5),
            action_timeout_seconds=_positive("ACTION_TIMEOUT_SECONDS", 3),
            allowed_origins=os.environ.get("ALLOWED_ORIGINS"),
            lock_store_url=os.environ.get("LOCK_STORE_URL") or "memory://",
            lock_store_key_prefix=os.environ.get("LOCK_STORE_KEY_PREFIX") or None,
            web_host=os.environ.get("WEB_HOST") or DEFAULT_HOST,
            web_port=int(os.environ.get("WEB_PORT") or DEFAULT_WEB_PORT),
            rasa_url=os.environ.get("RASA_URL") or None,
            # rasa_sdk would listen on 0.0.0.0; an empty SANIC_HOST is passed on as given
            action_server_host=os.environ.get("SANIC_HOST", DEFAULT_HOST),
            languages=_languages(os.environ.get("LANGUAGES")),
        )
