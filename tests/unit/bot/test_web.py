"""The demo page server (bot.web): what it serves, what it refuses, and its headers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.client import HTTPConnection, HTTPResponse
from pathlib import Path

import pytest

from bot import web
from bot.settings import APPOINTMENT_PHONE, APPOINTMENT_TEL

RASA_URL = "http://127.0.0.1:5999"


@pytest.fixture()
def served_root(tmp_path: Path) -> Path:
    """A small web root with a secret file beside it, outside the root."""
    root = tmp_path / "web"
    (root / "vendor").mkdir(parents=True)
    (root / "index.html").write_text(
        '<html><body><h1>Demo</h1><script src="widget.js" defer></script></body></html>',
        encoding="utf-8",
    )
    (root / "widget.js").write_text("console.log('widget');", encoding="utf-8")
    (root / "vendor" / "lib.js").write_text("// lib", encoding="utf-8")
    (root / ".hidden").write_text("hidden", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("top secret", encoding="utf-8")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    return root


def _serve(root: Path, rasa_url: str | None) -> Iterator[tuple[str, int]]:
    server = web.make_server("127.0.0.1", 0, rasa_url=rasa_url, root=root)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[0], server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def address(served_root: Path) -> Iterator[tuple[str, int]]:
    yield from _serve(served_root, RASA_URL)


@pytest.fixture()
def default_address(served_root: Path) -> Iterator[tuple[str, int]]:
    yield from _serve(served_root, None)


def fetch(address: tuple[str, int], path: str, method: str = "GET") -> tuple[HTTPResponse, bytes]:
    connection = HTTPConnection(*address, timeout=5)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_serves_index_with_the_rasa_url_injected(address: tuple[str, int]) -> None:
    response, body = fetch(address, "/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert b"<h1>Demo</h1>" in body
    assert b'<script src="widget.js" data-server-url="http://127.0.0.1:5999" defer>' in body


def test_serves_files_with_their_types(address: tuple[str, int]) -> None:
    response, body = fetch(address, "/vendor/lib.js")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/javascript; charset=utf-8"
    assert body == b"// lib"
    response, body = fetch(address, "/widget.js?v=1", method="HEAD")
    assert response.status == 200
    assert body == b""
    assert response.getheader("Content-Length") == str(len("console.log('widget');"))


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/vendor/../../secret.txt",
        "/..%2fsecret.txt",
        "/link.txt",
        "/.hidden",
        "/vendor/",
        "/vendor",
        "/missing.js",
        "/%00",
        "/..\\secret.txt",
    ],
)
def test_refuses_paths_outside_the_root_and_directories(address: tuple[str, int], path: str) -> None:
    response, body = fetch(address, path)
    assert response.status == 404
    assert b"secret" not in body
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_security_headers(address: tuple[str, int]) -> None:
    response, _ = fetch(address, "/")
    csp = response.getheader("Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self' http://127.0.0.1:5999 ws://127.0.0.1:5999"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "*" not in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"


def test_without_a_rasa_url_csp_follows_the_widget_default(
    default_address: tuple[str, int],
) -> None:
    response, body = fetch(default_address, "/")
    assert b"data-server-url" not in body
    csp = response.getheader("Content-Security-Policy")
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp


def test_other_methods_are_refused(address: tuple[str, int]) -> None:
    response, _ = fetch(address, "/", method="POST")
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://localhost:5005", "http://localhost:5005"),
        ("https://bot.example.org/", "https://bot.example.org"),
        ("http://[::1]:5005/x", "http://[::1]:5005"),
    ],
)
def test_rasa_origin_accepts_http_urls(url: str, origin: str) -> None:
    assert web.rasa_origin(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://host",
        "http://user:pw@host",
        "http://",
        'http://a"b',
        "http://h:99999",
    ],
)
def test_rasa_origin_rejects_anything_else(url: str) -> None:
    with pytest.raises(ValueError):
        web.rasa_origin(url)


def test_default_origin_ignores_a_forged_host_header() -> None:
    assert web.default_rasa_origin("localhost:8000") == "http://localhost:5005"
    assert web.default_rasa_origin("[::1]:8000") == "http://[::1]:5005"
    assert web.default_rasa_origin("evil.org; script-src *") == "http://127.0.0.1:5005"


def test_options_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_PORT", "8123")
    monkeypatch.setenv("WEB_HOST", "0.0.0.0")
    monkeypatch.setenv("RASA_URL", "http://127.0.0.1:5005")
    args = web.parse_args([])
    assert (args.host, args.port, args.rasa_url) == (
        "0.0.0.0",
        8123,
        "http://127.0.0.1:5005",
    )
    assert web.parse_args(["--port", "9000"]).port == 9000


def test_options_default_to_loopback_port_8000(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WEB_HOST", "WEB_PORT", "RASA_URL"):
        monkeypatch.delenv(name, raising=False)
    args = web.parse_args([])
    assert (args.host, args.port, args.rasa_url) == ("127.0.0.1", 8000, None)


def test_the_real_demo_page_loads_the_widget_with_one_tag() -> None:
    page = (web.WEB_ROOT / "index.html").read_text(encoding="utf-8")
    assert page.count(web.WIDGET_TAG) == 1
    assert "Facial Reanimation Surgery" in page
    assert "Call for an Appointment" in page
    assert f'<a href="{APPOINTMENT_TEL}">{APPOINTMENT_PHONE}</a>' in page
    assert "http" not in page.replace('href="tel:', ""), "the demo page references no other host"
    assert (web.WEB_ROOT / "vendor" / "socket.io.min.js").is_file()
