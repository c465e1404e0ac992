"""``python -m bot.locations`` run as a real process against a temporary SQLite file, with a
locations file of the test's own; ``geocode`` against a local stand-in for the Census geocoder."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from bot.locations import Location
from bot.settings import REPO_ROOT


def _row(slug: str, street: str, city: str, zip_code: str, latitude: float, longitude: float) -> Location:
    return Location(
        slug=slug, name=slug.replace("-", " ").title(), street=street, city=city, state="NC",
        zip_code=zip_code, latitude=latitude, longitude=longitude,
        coords_source="approximate: centroid of ZIP " + zip_code, note="test", source="test",
        verified_on=date(2026, 11, 25),
    )  # fmt: skip


# The test's own list: the streets of two reference hospitals, at their ZIP-area centroids.
ROWS = [
    _row("erwin-clinic", "2301 Erwin Road", "Durham", "27710", 36.0218, -78.9478),
    _row("wake-forest-clinic", "3400 Wake Forest Road", "Raleigh", "27609", 35.848, -78.6317),
]


def _census_answer(matched: str, x: float, y: float, state: str, zip_code: str) -> dict[str, object]:
    """Shaped like the Census Geocoder API documentation's one-line-address answer; WRITTEN BY
    HAND FROM THAT DOCUMENTATION, NOT RECORDED (illustrative coordinates near the street)."""
    components = {"city": matched.split(", ")[1], "state": state, "zip": zip_code}
    match = {"matchedAddress": matched, "coordinates": {"x": x, "y": y}, "addressComponents": components}
    return {"result": {"input": {"address": {"address": matched}}, "addressMatches": [match]}}


ERWIN_ANSWER = _census_answer("2301 ERWIN RD, DURHAM, NC, 27705", -78.93676, 36.00706, "NC", "27705")


@pytest.fixture
def locations_file(tmp_path: Path) -> Path:
    path = tmp_path / "locations.yml"
    data = {"locations": [dataclasses.asdict(row) for row in ROWS]}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


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


def test_load_is_idempotent(env: dict[str, str], tmp_path: Path, locations_file: Path) -> None:
    first = run("-m", "bot.locations", "load", str(locations_file), env=env)
    assert first.returncode == 0, first.stderr
    assert "2 inserted, 0 updated, 0 unchanged" in first.stdout
    after_first = rows(tmp_path / "cli.db")

    second = run("-m", "bot.locations", "load", str(locations_file), env=env)
    assert second.returncode == 0, second.stderr
    assert "0 inserted, 0 updated, 2 unchanged" in second.stdout
    assert (
        rows(tmp_path / "cli.db")
        == after_first
        == [("erwin-clinic", "Durham", "27710"), ("wake-forest-clinic", "Raleigh", "27609")]
    )
    assert not (tmp_path / "var").exists()  # DATABASE_URL was used, not the default file


def test_list_shows_the_loaded_locations(env: dict[str, str], locations_file: Path) -> None:
    empty = run("-m", "bot.locations", "list", env=env)
    assert empty.returncode == 0, empty.stderr
    assert "No locations" in empty.stdout
    run("-m", "bot.locations", "load", str(locations_file), env=env)
    listed = run("-m", "bot.locations", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "3400 Wake Forest Road, Raleigh, NC 27609" in listed.stdout
    assert "2 location(s)" in listed.stdout


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


# --- geocode -----------------------------------------------------------------------------------


class _FakeCensus(BaseHTTPRequestHandler):
    answers: dict[str, object] = {}
    asked: list[str] = []

    def do_GET(self) -> None:  # the name http.server calls
        address = parse_qs(urlparse(self.path).query).get("address", [""])[0]
        type(self).asked.append(address)
        body = json.dumps(self.answers.get(address, {"result": {"addressMatches": []}})).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_census() -> Iterator[tuple[str, type[_FakeCensus]]]:
    """A local HTTP server standing in for the geocoder (nothing leaves the machine)."""
    handler = type("Handler", (_FakeCensus,), {"answers": {}, "asked": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/geocoder/locations/onelineaddress", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_geocode_places_what_it_can_and_says_what_it_could_not(
    env: dict[str, str], tmp_path: Path, locations_file: Path, fake_census: tuple[str, type[_FakeCensus]]
) -> None:
    url, handler = fake_census
    handler.answers = {"2301 Erwin Road, Durham, NC 27710": ERWIN_ANSWER}
    env.update(CENSUS_GEOCODER_URL=url, CENSUS_GEOCODER_ENABLED="false", NO_PROXY="127.0.0.1")
    run("-m", "bot.locations", "load", str(locations_file), env=env)

    result = run("-m", "bot.locations", "geocode", env=env)
    assert result.returncode == 3, result.stderr  # one location was not placed
    assert sorted(handler.asked) == [row.address for row in ROWS]
    assert "erwin-clinic: geocoded" in result.stdout
    assert "wake-forest-clinic: not geocoded" in result.stdout
    assert "Geocoded 1 of 2 location(s)" in result.stdout
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        stored = connection.execute(
            "SELECT slug, latitude, longitude, coords_source, coords_set_on FROM locations ORDER BY slug"
        ).fetchall()
    erwin, wake = stored
    assert erwin[1:3] == (36.00706, -78.93676)
    assert erwin[3] == "U.S. Census Bureau geocoder (Public_AR_Current): 2301 ERWIN RD, DURHAM, NC, 27705"
    assert erwin[4] == date.today().isoformat()
    assert wake == ("wake-forest-clinic", 35.848, -78.6317, "approximate: centroid of ZIP 27609", None)

    # the printed lines, pasted into the file, keep the result when it is loaded again
    snippet = result.stdout.split("put in its row:\n")[1].split("\nwake-forest-clinic")[0]
    pasted = yaml.safe_load(snippet)
    assert pasted["latitude"] == 36.00706 and pasted["coords_set_on"] == date.today()
    listed = run("-m", "bot.locations", "list", env=env)
    assert f"set on {date.today().isoformat()}" in listed.stdout


def test_geocode_with_the_service_unreachable_changes_nothing(
    env: dict[str, str], tmp_path: Path, locations_file: Path
) -> None:
    env.update(CENSUS_GEOCODER_URL="http://127.0.0.1:1/geocoder", CENSUS_GEOCODER_TIMEOUT="2")
    run("-m", "bot.locations", "load", str(locations_file), env=env)
    before = rows(tmp_path / "cli.db")
    result = run("-m", "bot.locations", "geocode", env=env)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "Geocoded 0 of 2" in result.stdout
    assert rows(tmp_path / "cli.db") == before
