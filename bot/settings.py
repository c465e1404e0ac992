"""Settings from the environment, with safe local defaults. Nothing connects at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Facts used by code (clinic cards, hand-off buttons). The same number appears in the responses;
# tests/test_content.py checks that every response uses exactly this number.
APPOINTMENT_PHONE = "919-684-4114"
APPOINTMENT_TEL = "tel:+19196844114"
EMERGENCY_NUMBER = "911"
SOURCE_REVIEWED_ON = "05/05/2020"


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


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
        )
