"""The one harness that starts and stops the local servers scripts and tests need (loopback only).

Importing it does nothing but define names: no directory change, no ``sys.path`` change, no
connection. Every process it starts runs with ``cwd=REPO``. A script whose own process loads the
model or imports the repository's modules (custom components import ``components.*``, and SpacyNLP
loads build/spacy_pipeline relative to the working directory) calls :func:`use_repo_root` first
thing in its ``main()``; tests get the repository on the path from pytest (pyproject.toml).

- processes: :func:`start_process`, :func:`stop_process`, :func:`running`, :func:`wait_http`
- servers: :func:`guarded_action_server`, :func:`production_rasa_server`, :func:`start_stack`
  (a Rasa server started as in production plus its action server, as a :class:`Stack`)
- PostgreSQL and Redis: :func:`postgres_problem`, :func:`redis_problem`,
  :func:`scratch_postgres_database`, :func:`delete_redis_keys`, :func:`service_stopped`
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import requests

REPO = Path(__file__).resolve().parent.parent
PY = str(REPO / ".venv" / "bin" / "python")
RASA = str(REPO / ".venv" / "bin" / "rasa")
MODEL = os.environ.get("MODEL", str(REPO / "models" / "current.tar.gz"))
# the domain Rasa trains on, built from domain.yml and responses/ (the Makefile's $(DOMAIN))
DOMAIN = REPO / "build" / "domain.yml"
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONWARNINGS": "ignore",
}
TEST_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PRODUCTION_ENDPOINTS = "endpoints.production.yml"
# The stack's Rasa server accepts this web page origin (the socket.io tests connect from it).
ALLOWED_ORIGIN = "http://allowed.example"


def use_repo_root() -> None:
    """Run this process from the repository: its working directory (SpacyNLP reads
    build/spacy_pipeline relative to it) and first on ``sys.path`` (bot/, components/)."""
    os.chdir(REPO)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def env(**extra: str) -> dict[str, str]:
    merged = {**os.environ, **QUIET_ENV}
    merged.update(extra)
    return merged


def model_problem(model: str = MODEL) -> str | None:
    """Why there is no trained model at ``model``, or None when there is one."""
    return None if Path(model).exists() else f"no trained model at {model}: run `make train` first"


# --- processes ------------------------------------------------------------------------------------


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


def start_process(cmd: list[str], log: Path, *, append: bool = False, **extra_env: str) -> subprocess.Popen:
    """``cmd`` started from the repository, its output written (or appended) to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab" if append else "wb") as out:
        return subprocess.Popen(cmd, cwd=REPO, env=env(**extra_env), stdout=out, stderr=subprocess.STDOUT)


def stop_process(process: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate ``process`` (kill it if it does not stop within ``timeout``)."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running(
    cmd: list[str], url: str, timeout: float, log: Path, **extra_env: str
) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` until the block ends; wait until ``url`` answers first."""
    process = start_process(cmd, log, **extra_env)
    try:
        wait_http(url, timeout, process)
        yield process
    finally:
        stop_process(process)


def local_endpoints(action_port: int) -> Path:
    """A copy of endpoints.yml whose action server is on ``action_port`` (for tests on free ports).

    Rasa has no ``${VAR:-default}``, so endpoints.yml names port 5055 and tests get a copy.
    """
    target = REPO / "var" / f"endpoints.{action_port}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (REPO / "endpoints.yml").read_text()
    target.write_text(text.replace("127.0.0.1:5055", f"127.0.0.1:{action_port}"))
    return target


# --- servers --------------------------------------------------------------------------------------


def action_server_command(port: int) -> list[str]:
    """The action server (components.action_server) on 127.0.0.1:``port``, as in production."""
    return [PY, "-m", "components.action_server", "--actions", "actions", "--port", str(port)]


def start_action_server(port: int, log: Path, *, append: bool = False, **extra_env: str) -> subprocess.Popen:
    """A new action server on ``port``, answering its health check; stop it with :func:`stop_process`."""
    command = action_server_command(port)
    process = start_process(command, log, append=append, SANIC_HOST="127.0.0.1", **extra_env)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", 60, process)
    except BaseException:
        stop_process(process)
        raise
    return process


@contextmanager
def guarded_action_server(port: int, log: Path, **extra_env: str) -> Iterator[subprocess.Popen]:
    """A new action server (components.action_server) on 127.0.0.1:``port``; never reuses one."""
    url = f"http://127.0.0.1:{port}/health"
    with running(action_server_command(port), url, 60, log, SANIC_HOST="127.0.0.1", **extra_env) as proc:
        yield proc


def production_rasa_command(port: int, model: str = MODEL, extra_args: tuple[str, ...] = ()) -> list[str]:
    """``rasa run`` as in production (endpoints.production.yml), on 127.0.0.1:``port``; paths are
    relative to the repository, so run it with ``cwd=REPO``."""
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


@dataclass
class Stack:
    """One Rasa server and its action server (see :func:`start_stack`); helpers to talk to them."""

    url: str
    action_port: int
    token: str
    log: Path
    workdir: Path
    rasa: subprocess.Popen
    action_server: Optional[subprocess.Popen] = None
    env: dict = field(default_factory=dict)

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    def post(self, payload: Any, timeout: float = 20, **kwargs: Any) -> requests.Response:
        return requests.post(f"{self.url}/webhooks/rest/webhook", json=payload, timeout=timeout, **kwargs)

    def post_raw(self, body: bytes, timeout: float = 20) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=timeout,
        )

    def say(self, sender: str, text: str, **fields: Any) -> list[dict]:
        response = self.post({"sender": sender, "message": text, **fields})
        assert response.status_code == 200, response.text
        return response.json()

    def health(self) -> dict:
        return requests.get(f"{self.url}/webhooks/rest/health", timeout=10).json()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for_log(self, text: str, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log_text():
                return True
            time.sleep(0.2)
        return False


@contextmanager
def start_stack(
    workdir: Path,
    *,
    tracker_store_url: Optional[str] = None,
    lock_store_url: str = "memory://",
    action_port: Optional[int] = None,
    with_action_server: bool = True,
    **extra_env: str,
) -> Iterator[Stack]:
    """A Rasa server started as in production (endpoints.production.yml, --enable-api with a
    token, ``ALLOWED_ORIGIN`` allowed) and an action server, on free loopback ports, stopped when
    the block ends. A throw-away SQLite tracker store in ``workdir`` unless ``tracker_store_url``
    is given; in-memory locks unless ``lock_store_url`` is. Raises FileNotFoundError when there
    is no trained model (see :func:`model_problem`)."""
    workdir.mkdir(parents=True, exist_ok=True)
    model = workdir / "model.tar.gz"
    if not model.exists():
        problem = model_problem()
        if problem:
            raise FileNotFoundError(problem)
        shutil.copy(MODEL, model)  # the model file may be replaced by a retrain meanwhile
    token = secrets.token_hex(16)  # hex: a token starting with "-" would read as an option
    action_port = action_port or free_port()
    rasa_port = free_port()
    server_env = {
        "ALLOWED_ORIGINS": ALLOWED_ORIGIN,
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "TRACKER_STORE_URL": tracker_store_url or f"sqlite:///{workdir / 'tracker.db'}",
        "LOCK_STORE_URL": lock_store_url,
        "SMILEBOT_VAR_DIR": str(workdir / "var"),
        **extra_env,
    }
    log = workdir / "rasa.log"
    with ExitStack() as stack:
        actions = None
        if with_action_server:
            actions = stack.enter_context(
                guarded_action_server(
                    action_port, workdir / "actions.log", SMILEBOT_VAR_DIR=str(workdir / "var")
                )
            )
        rasa = stack.enter_context(
            production_rasa_server(
                rasa_port,
                log,
                model=str(model),
                extra_args=("--enable-api", "--auth-token", token, "--cors", ALLOWED_ORIGIN),
                **server_env,
            )
        )
        yield Stack(
            url=f"http://127.0.0.1:{rasa_port}",
            action_port=action_port,
            token=token,
            log=log,
            workdir=workdir,
            rasa=rasa,
            action_server=actions,
            env=server_env,
        )


# --- PostgreSQL and Redis (test-scale, integration and fault tests) -------------------------------


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


def _run_quietly(cmd: list[str]) -> None:
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


def _pg_ctlcluster(*action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    _run_quietly(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", *action])


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
