"""``python -m bot.locations`` run as a real process against a temporary SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.locations import DEFAULT_SEED_FILE
from bot.settings import REPO_ROOT


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    variables = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    variables["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    variables["SMILEBOT_VAR_DIR"] = str(tmp_path / "var")
    variables["PYTHONPATH"] = str(REPO_ROOT)
    return variables


def rows(database: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT slug, city, zip_code FROM locations ORDER BY slug").fetchall()


def test_load_is_idempotent(env: dict[str, str], tmp_path: Path) -> None:
    first = run("-m", "bot.locations", "load", str(DEFAULT_SEED_FILE), env=env)
    assert first.returncode == 0, first.stderr
    assert "3 inserted, 0 updated, 0 unchanged" in first.stdout
    after_first = rows(tmp_path / "cli.db")

    second = run("-m", "bot.locations", "load", str(DEFAULT_SEED_FILE), env=env)
    assert second.returncode == 0, second.stderr
    assert "0 inserted, 0 updated, 3 unchanged" in second.stdout
    assert (
        rows(tmp_path / "cli.db")
        == after_first
        == [
            ("duke-raleigh-hospital", "Raleigh", "27609"),
            ("duke-regional-hospital", "Durham", "27704"),
            ("duke-university-hospital", "Durham", "27710"),
        ]
    )
    assert not (tmp_path / "var").exists()  # DATABASE_URL was used, not the default file


def test_list_shows_the_loaded_locations(env: dict[str, str]) -> None:
    empty = run("-m", "bot.locations", "list", env=env)
    assert empty.returncode == 0, empty.stderr
    assert "No locations" in empty.stdout
    run("-m", "bot.locations", "load", str(DEFAULT_SEED_FILE), env=env)
    listed = run("-m", "bot.locations", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "3400 Wake Forest Road, Raleigh, NC 27609" in listed.stdout
    assert "3 location(s)" in listed.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        ("locations: [\n", "not valid YAML"),
        ("locations:\n  - slug: x\n", "location #1"),
    ],
)
def test_bad_file_exits_2_without_traceback(
    env: dict[str, str], tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "input.yml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("-m", "bot.locations", "load", str(path), env=env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "cli.db").exists()  # nothing touched


def test_unreachable_database_exits_1_without_traceback(env: dict[str, str]) -> None:
    env["DATABASE_URL"] = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    result = run("-m", "bot.locations", "list", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("error: database:")
    assert "Traceback" not in result.stderr


def test_importing_connects_to_nothing(env: dict[str, str], tmp_path: Path) -> None:
    env["DATABASE_URL"] = "postgresql://nobody@127.0.0.1:1/none"
    code = "import bot.locations, bot.locations.__main__, bot.geo, bot.census; print('ok')"
    result = run("-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert not (tmp_path / "var").exists()
