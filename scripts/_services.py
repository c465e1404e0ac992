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


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


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


@contextmanager
def action_server(port: int = 5055, log: Path = REPO / "var" / "test-action-server.log") -> Iterator[None]:
    """The action server on ``port``; an already running one is reused."""
    if port_open(port):
        print(f"(reusing the action server already listening on port {port})", file=sys.stderr)
        yield
        return
    cmd = [PY, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]
    with running(cmd, f"http://127.0.0.1:{port}/health", 60, log):
        yield


@contextmanager
def rasa_server(
    port: int, log: Path, extra_args: tuple[str, ...] = (), **extra_env: str
) -> Iterator[subprocess.Popen]:
    cmd = [
        RASA,
        "run",
        "--model",
        MODEL,
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--credentials",
        "credentials.yml",
        "--endpoints",
        "endpoints.yml",
        *extra_args,
    ]
    with running(cmd, f"http://127.0.0.1:{port}/", 180, log, **extra_env) as process:
        yield process
