"""endpoints.yml and endpoints.production.yml as Rasa reads them, and credentials.yml's secrets."""

from __future__ import annotations

import re

import pytest
import yaml
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.exceptions import RasaException

from components.lock_store import ResilientLockStore
from tests.support.content import REPO


def test_default_endpoints_need_no_database_or_redis(clean_env: pytest.MonkeyPatch) -> None:
    endpoints = read_endpoints_from_path(REPO / "endpoints.yml")
    assert endpoints.action.url == "http://127.0.0.1:5055/webhook"
    assert endpoints.tracker_store.type == "components.tracker_store.RedactingSQLTrackerStore"
    assert endpoints.lock_store.type == "components.lock_store.ResilientLockStore"
    store = ResilientLockStore(endpoint_config=endpoints.lock_store)
    assert not store.uses_redis
    assert store.status() == "in_memory"


def test_production_endpoints_come_from_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("ACTION_ENDPOINT_URL", "http://actions.internal:5055/webhook")
    clean_env.setenv("TRACKER_STORE_URL", "postgresql://bot:pw@db.internal/bot")
    clean_env.setenv("LOCK_STORE_URL", "rediss://:pw@redis.internal:6380/1")
    endpoints = read_endpoints_from_path(REPO / "endpoints.production.yml")
    assert endpoints.action.url == "http://actions.internal:5055/webhook"
    assert endpoints.tracker_store.url == "postgresql://bot:pw@db.internal/bot"
    assert endpoints.lock_store.url == "rediss://:pw@redis.internal:6380/1"


def test_production_endpoints_refuse_to_start_without_a_setting(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("ACTION_ENDPOINT_URL", "http://actions.internal:5055/webhook")
    clean_env.setenv("LOCK_STORE_URL", "memory://")
    with pytest.raises(RasaException, match="TRACKER_STORE_URL"):
        read_endpoints_from_path(REPO / "endpoints.production.yml")


def test_secret_settings_in_yaml_files_are_substituted() -> None:
    for name in ("endpoints.yml", "endpoints.production.yml", "credentials.yml"):
        data = yaml.safe_load((REPO / name).read_text()) or {}
        for section in data.values():
            for key, value in (section or {}).items():
                if re.search(r"password|secret|token|jwt", key):
                    assert str(value).startswith("${"), f"{name}: {key} must come from the environment"
