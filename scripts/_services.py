"""Start and stop the local servers that tests and benchmarks need (loopback only)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
# Custom components are imported from the repo, and SpacyNLP loads build/spacy_pipeline
# relative to the working directory.
sys.path.insert(0, str(REPO))
os.chdir(REPO)
PY = str(REPO / ".venv" / "bin" / "python")
RASA = str(REPO / ".venv" / "bin" / "rasa")
MODEL = os.environ.get("MODEL", str(REPO / "models" / "current.tar.gz"))
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONWARNINGS": "ignore",
}


def env(**extra: str) -> dict[str, str]:
    merged = {**os.environ, **QUIET_ENV}
    merged.update(extra)
    return merged


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def running(
    cmd: list[str], url: str, timeout: float, log: Path, **extra_env: str
) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` until the block ends; wait until ``url`` answers first."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=REPO, env=env(**extra_env), stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_http(url, timeout, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def local_endpoints(action_port: int) -> Path:
    """A copy of endpoints.yml whose action server is on ``action_port`` (for tests on free ports).

    Rasa has no ``${VAR:-default}``, so endpoints.yml names port 5055 and tests get a copy.
    """
    target = REPO / "var" / f"endpoints.{action_port}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (REPO / "endpoints.yml").read_text()
    target.write_text(text.replace("127.0.0.1:5055", f"127.0.0.1:{action_port}"))
    return target


# --- production-like servers: PostgreSQL, Redis, several Rasa servers (test-scale, fault tests) ---

TEST_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PRODUCTION_ENDPOINTS = "endpoints.production.yml"


def postgres_problem(url: str = TEST_POSTGRES_URL) -> str | None:
    """Why PostgreSQL at ``url`` cannot be used, or None when it answers."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:
        lines = str(getattr(error, "orig", error)).strip().splitlines()
        return lines[0] if lines else error.__class__.__name__
    finally:
        engine.dispose()
    return None


def redis_problem(url: str = TEST_REDIS_URL) -> str | None:
    """Why Redis at ``url`` cannot be used, or None when it answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as error:
        return f"{error.__class__.__name__}: {error}"
    return None


@contextmanager
def scratch_postgres_database(admin_url: str = TEST_POSTGRES_URL) -> Iterator[str]:
    """A new, empty PostgreSQL database for one run; dropped afterwards. Yields its URL."""
    import uuid

    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = f"smilebot_{uuid.uuid4().hex[:12]}"
    # No pool: a test may restart PostgreSQL in between, which kills pooled connections.
    admin = sa.create_engine(
        admin_url,
        isolation_level="AUTOCOMMIT",
        poolclass=sa.pool.NullPool,
        connect_args={"connect_timeout": 5},
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        try:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()


def delete_redis_keys(prefix: str, url: str = TEST_REDIS_URL) -> int:
    """Delete the keys starting with ``prefix``; returns how many there were."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    keys = list(client.scan_iter(match=f"{prefix}*", count=500))
    if keys:
        client.delete(*keys)
    return len(keys)


@contextmanager
def guarded_action_server(port: int, log: Path, **extra_env: str) -> Iterator[subprocess.Popen]:
    """A new action server (components.action_server) on 127.0.0.1:``port``; never reuses one."""
    cmd = [PY, "-m", "components.action_server", "--actions", "actions", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/health"
    with running(cmd, url, 60, log, SANIC_HOST="127.0.0.1", **extra_env) as proc:
        yield proc


def production_rasa_command(port: int, model: str = MODEL, extra_args: tuple[str, ...] = ()) -> list[str]:
    """``rasa run`` as in production (endpoints.production.yml), on 127.0.0.1:``port``."""
    return [
        RASA,
        "run",
        "--model",
        model,
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--credentials",
        "credentials.yml",
        "--endpoints",
        PRODUCTION_ENDPOINTS,
        *extra_args,
    ]


@contextmanager
def production_rasa_server(
    port: int, log: Path, model: str = MODEL, extra_args: tuple[str, ...] = (), **extra_env: str
) -> Iterator[subprocess.Popen]:
    """A Rasa server started like production; ACTION_ENDPOINT_URL, TRACKER_STORE_URL and
    LOCK_STORE_URL must be in ``extra_env`` or the environment."""
    cmd = production_rasa_command(port, model, extra_args)
    with running(cmd, f"http://127.0.0.1:{port}/", 180, log, **extra_env) as process:
        yield process


def _run_quietly(cmd: list[str]) -> None:
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


def _postgres_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def _pg_ctlcluster(*action: str) -> None:
    _run_quietly(["pg_ctlcluster", "--skip-systemctl-redirect", _postgres_version(), "main", *action])


def stop_postgres() -> None:
    _pg_ctlcluster("stop", "-m", "fast")


def start_postgres() -> None:
    _pg_ctlcluster("start")


def stop_redis() -> None:
    _run_quietly(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"])


def start_redis() -> None:
    # As in docs and CI: loopback only, nothing kept on disk.
    options = "--daemonize yes --bind 127.0.0.1 -::1 --port 6379 --appendonly no --dir /var/lib/redis"
    _run_quietly(["redis-server", *options.split(), "--save", "", "--logfile", "/var/log/redis/ci.log"])


@contextmanager
def service_stopped(name: str) -> Iterator[None]:
    """Stop the local "postgres" or "redis" for the block; it is started again whatever happens
    (also on SIGTERM), and this waits until it answers."""
    import signal

    stop, start, problem = {
        "postgres": (stop_postgres, start_postgres, postgres_problem),
        "redis": (stop_redis, start_redis, redis_problem),
    }[name]

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(f"terminated while {name} was stopped")

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        stop()
        deadline = time.monotonic() + 20
        while problem() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        yield
    finally:
        try:
            start()
            deadline = time.monotonic() + 30
            while problem() is not None and time.monotonic() < deadline:
                time.sleep(0.3)
        finally:
            signal.signal(signal.SIGTERM, previous)
