from __future__ import annotations

import dataclasses

import pytest

from bot.settings import Settings


@pytest.fixture
def enabled(monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with the Census geocoder turned on, at its default address and timeout."""
    monkeypatch.delenv("CENSUS_GEOCODER_URL", raising=False)
    monkeypatch.delenv("CENSUS_GEOCODER_TIMEOUT", raising=False)
    return dataclasses.replace(Settings.from_env(), census_geocoder_enabled=True)
