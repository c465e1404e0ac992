"""Production configuration: endpoint and channel files, settings from the environment, the lock
and tracker stores chosen by URL, no committed secrets, and the operator documentation."""

from __future__ import annotations

import asyncio
import re
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
import yaml
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.exceptions import RasaException

from bot.inbound import ChannelSettings, parse_origins
from bot.settings import Settings
from components.lock_store import AtomicRedisLockStore, ResilientLockStore, describe_url
from components.tracker_store import RedactingSQLTrackerStore
from scripts._services import TEST_REDIS_URL, delete_redis_keys, free_port, redis_problem

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "production.md"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (
        "ACTION_ENDPOINT_URL",
        "TRACKER_STORE_URL",
        "LOCK_STORE_URL",
        "LOCK_STORE_KEY_PREFIX",
        "ALLOWED_ORIGINS",
        "RATE_LIMIT_PER_MINUTE",
        "RATE_LIMIT_BURST",
        "REPLY_TIMEOUT_SECONDS",
        "ACTION_TIMEOUT_SECONDS",
        "MAX_MESSAGE_CHARS",
        "WEB_HOST",
        "WEB_PORT",
        "RASA_URL",
        "SANIC_HOST",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def redis_url() -> str:
    problem = redis_problem(TEST_REDIS_URL)
    if problem:
        pytest.skip(f"Redis not reachable at {TEST_REDIS_URL} (set TEST_REDIS_URL): {problem}")
    return TEST_REDIS_URL


# --- endpoints and credentials ---------------------------------------------------------------------


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


def test_channels_keep_rasas_names_and_the_widgets_socketio_settings() -> None:
    from rasa.core.run import create_http_input_channels

    from components.channels import GuardedRestInput, GuardedSocketIOInput

    channels = create_http_input_channels(None, str(REPO / "credentials.yml"))
    by_type = {type(channel): channel for channel in channels}
    assert set(by_type) == {GuardedRestInput, GuardedSocketIOInput}
    assert by_type[GuardedRestInput].name() == "rest"
    socket = by_type[GuardedSocketIOInput]
    assert socket.name() == "socketio"
    assert (socket.user_message_evt, socket.bot_message_evt) == ("user_uttered", "bot_uttered")
    assert socket.session_persistence is True
    assert socket.socketio_path == "/socket.io"


# --- settings --------------------------------------------------------------------------------------


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


def test_origins_parse_commas_and_spaces() -> None:
    assert parse_origins("http://a:1,http://b:2 http://c/") == ("http://a:1", "http://b:2", "http://c")
    assert parse_origins(None) == ()


def test_action_calls_time_out_after_the_configured_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    import rasa.core.actions.action

    from components.rasa_patches import limit_action_call_time

    monkeypatch.setattr(rasa.core.actions.action, "DEFAULT_REQUEST_TIMEOUT", 300)
    limit_action_call_time(2.5)
    assert rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT == 2.5


# --- lock store ------------------------------------------------------------------------------------


def test_lock_store_is_configured_by_one_url_without_connecting(clean_env: pytest.MonkeyPatch) -> None:
    closed = free_port()
    store = ResilientLockStore(url=f"redis://:s3cret@127.0.0.1:{closed}/2", key_prefix="bot1")
    kwargs = store._redis.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"], kwargs["password"]) == (
        "127.0.0.1",
        closed,
        2,
        "s3cret",
    )
    assert store._redis.key_prefix == "bot1:lock:"
    assert "s3cret" not in describe_url(store.url)


def test_lock_key_prefix_from_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("LOCK_STORE_KEY_PREFIX", "bot2")
    store = ResilientLockStore(url=f"redis://127.0.0.1:{free_port()}/0")
    assert store._redis.key_prefix == "bot2:lock:"


def test_lock_store_url_from_environment_or_endpoint(clean_env: pytest.MonkeyPatch) -> None:
    from rasa.utils.endpoints import EndpointConfig

    clean_env.setenv("LOCK_STORE_URL", "redis://127.0.0.1:1/0")
    assert ResilientLockStore().uses_redis
    assert not ResilientLockStore(EndpointConfig(url="memory://")).uses_redis
    with pytest.raises(ValueError, match="LOCK_STORE_URL"):
        ResilientLockStore(url="mongodb://x")


def test_lock_store_falls_back_to_local_locks_when_redis_is_unreachable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = ResilientLockStore(url=f"redis://127.0.0.1:{free_port()}/0")

    async def two_turns() -> None:
        for _ in range(2):
            async with store.lock("visitor"):
                pass

    started = time.monotonic()
    asyncio.run(two_turns())
    assert time.monotonic() - started < 3
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "is unreachable" in errors[0] and "in-memory locks" in errors[0]
    assert store.status() == "unreachable"


def test_redis_tickets_from_several_servers_never_collide(redis_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    servers = [AtomicRedisLockStore(redis_url, key_prefix=prefix) for _ in range(4)]
    tickets: list[int] = []

    def take(store: AtomicRedisLockStore) -> None:
        for _ in range(25):
            tickets.append(store.issue_ticket("visitor", 30))

    threads = [threading.Thread(target=take, args=(s,)) for s in servers]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(tickets) == list(range(100))
        assert len(servers[0].get_lock("visitor").tickets) == 100
        for ticket in tickets:
            servers[ticket % 4].cleanup("visitor", ticket)
        assert servers[0].get_lock("visitor") is None
    finally:
        delete_redis_keys(prefix, redis_url)


def test_a_waiting_message_outlives_a_dead_servers_lock(redis_url: str) -> None:
    """Rasa drops a message whose wait exceeds the lock lifetime; here it waits its turn."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    dead = ResilientLockStore(url=redis_url, key_prefix=prefix)
    alive = ResilientLockStore(url=redis_url, key_prefix=prefix)
    dead._redis.issue_ticket("visitor", 1.0)  # a server that died while holding the lock

    async def next_turn() -> float:
        started = time.monotonic()
        async with alive.lock("visitor", lock_lifetime=1.0):
            return time.monotonic() - started

    try:
        waited = asyncio.run(next_turn())
        assert 0.8 < waited < 3
        assert alive._redis.get_lock("visitor") is None
    finally:
        delete_redis_keys(prefix, redis_url)


def test_redis_locks_serialise_two_servers(redis_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    stores = [ResilientLockStore(url=redis_url, key_prefix=prefix) for _ in range(2)]
    order: list[str] = []

    async def turn(store: ResilientLockStore, name: str) -> None:
        async with store.lock("visitor"):
            order.append(f"{name} in")
            await asyncio.sleep(0.2)
            order.append(f"{name} out")

    async def both() -> None:
        await asyncio.gather(turn(stores[0], "a"), turn(stores[1], "b"))

    try:
        asyncio.run(both())
        assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    finally:
        delete_redis_keys(prefix, redis_url)


# --- tracker store ---------------------------------------------------------------------------------


def test_tracker_store_url_comes_from_the_endpoint_or_the_environment(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    from_host = RedactingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'a.db'}")
    assert from_host.engine.url.database == str(tmp_path / "a.db")
    clean_env.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'b.db'}")
    assert RedactingSQLTrackerStore().engine.url.database == str(tmp_path / "b.db")
    assert RedactingSQLTrackerStore(host="localhost").engine.url.database == str(tmp_path / "b.db")
    assert from_host.status() == "ok"


def test_tracker_store_starts_and_reports_while_the_database_is_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    started = time.monotonic()
    store = RedactingSQLTrackerStore(url=f"postgresql://postgres@127.0.0.1:{free_port()}/none")
    assert time.monotonic() - started < 5
    assert store.status() == "unreachable"
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "is unreachable" in errors[0]
    # Within the retry pause calls fail at once instead of waiting for a connection each time.
    started = time.monotonic()
    with pytest.raises(RuntimeError):
        asyncio.run(store.retrieve("visitor"))
    assert time.monotonic() - started < 0.5


# --- secrets and operator documentation ------------------------------------------------------------


def _project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    suffixes = {".py", ".yml", ".yaml", ".md", ".sh", ".toml", ".ini", ".cfg", ".json", ".mjs", ".js", ""}
    return [REPO / name for name in listed if (REPO / name).is_file() and Path(name).suffix in suffixes]


LITERAL_SECRET = [
    re.compile(r"--(?:auth-token|jwt-secret)[ =]+(?![\"']?\$)[\"']?[A-Za-z0-9_\-]{6,}"),
    re.compile(r"(?:postgres(?:ql)?|redis|rediss|mysql)(?:\+\w+)?://[^:/\s@'\"]*:(?![$<*{])[^@\s'\"]+@"),
]
YAML_SECRET = re.compile(r"^\s*(?:password|secret|token|jwt_key|auth_token)\s*:\s*(?![\"']?\$\{)\S+", re.M)


def test_no_secret_is_committed() -> None:
    found = []
    for path in _project_files():
        # Test files use throw-away credentials for servers they start themselves.
        if path.name == "package-lock.json" or path.name.startswith("test_"):
            continue
        text = path.read_text(errors="ignore")
        patterns = LITERAL_SECRET + ([YAML_SECRET] if path.suffix in {".yml", ".yaml"} else [])
        for pattern in patterns:
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(REPO)}: {match.group(0).strip()[:60]}")
    assert not found, "secrets must come from the environment:\n" + "\n".join(found)


def test_secret_settings_in_yaml_files_are_substituted() -> None:
    for name in ("endpoints.yml", "endpoints.production.yml", "credentials.yml"):
        data = yaml.safe_load((REPO / name).read_text()) or {}
        for section in data.values():
            for key, value in (section or {}).items():
                if re.search(r"password|secret|token|jwt", key):
                    assert str(value).startswith("${"), f"{name}: {key} must come from the environment"


def test_every_script_that_enables_the_api_sets_a_token() -> None:
    for path in _project_files():
        # tests/test_channels.py starts one without a token on purpose, to see it refused.
        if path.suffix not in {".sh", ".py", ".mjs", ""} or path.name.startswith("test_"):
            continue
        text = path.read_text(errors="ignore")
        if "--enable-api" in text:
            assert "--auth-token" in text or "--jwt-secret" in text, path


def test_make_test_runs_the_scale_test() -> None:
    makefile = (REPO / "Makefile").read_text()
    test_line = re.search(r"^test:(.*)$", makefile, re.M).group(1).split()
    assert "test-scale" in test_line
    assert test_line.index("train") < test_line.index("test-unit")


@pytest.mark.parametrize(
    "setting",
    [
        "TRACKER_STORE_URL",
        "LOCK_STORE_URL",
        "LOCK_STORE_KEY_PREFIX",
        "ACTION_ENDPOINT_URL",
        "DATABASE_URL",
        "ALLOWED_ORIGINS",
        "RASA_AUTH_TOKEN",
        "RASA_JWT_SECRET",
        "ACTION_TIMEOUT_SECONDS",
        "REPLY_TIMEOUT_SECONDS",
        "TICKET_LOCK_LIFETIME",
        "RATE_LIMIT_PER_MINUTE",
        "RATE_LIMIT_BURST",
        "MAX_MESSAGE_CHARS",
        "SANIC_HOST",
        "python -m bot.locations prepare",
        "python -m components.action_server",
        "endpoints.production.yml",
        "/webhooks/rest/health",
        "limit_req",
        "--auth-token",
    ],
)
def test_operator_docs_cover(setting: str) -> None:
    assert setting in DOCS.read_text()
