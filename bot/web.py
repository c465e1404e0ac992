"""A tiny static file server for the demo page and chat widget in ``web/``.

Run with ``python -m bot.web --port 8000``. Only files inside ``web/`` are served, there is no
directory listing, and every response carries a strict Content-Security-Policy whose
``connect-src`` allows this server plus the Rasa server the widget talks to. When a Rasa URL is
configured (``--rasa-url`` or ``RASA_URL``) it is written into the demo page's script tag as
``data-server-url``, so tests and deployments can point the page at any port.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.settings import DEFAULT_HOST, Settings

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"
# The widget's own default when no data-server-url is given: same host name, port 5005.
DEFAULT_RASA_PORT = 5005

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
# The one-line embed tag in index.html that receives data-server-url.
WIDGET_TAG = '<script src="widget.js"'
# A host name, IPv4 address or bracketed IPv6 address, as it may appear in a Host header.
_HOSTNAME = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*|\[[0-9A-Fa-f:.]+\])$"
)


def rasa_origin(url: str) -> str:
    """Return ``scheme://host[:port]`` of an http(s) URL, or raise ``ValueError``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname or "@" in parts.netloc:
        raise ValueError(f"the Rasa URL must be http(s)://host[:port], got {url!r}")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    if not _HOSTNAME.match(host):
        raise ValueError(f"unexpected host in the Rasa URL: {url!r}")
    port = parts.port  # raises ValueError for a malformed port
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def websocket_origin(origin: str) -> str:
    """Map an http(s) origin to its ws(s) twin (socket.io upgrades to a WebSocket)."""
    return "ws" + origin[4:] if origin.startswith("http") else origin


def content_security_policy(connect_origin: str) -> str:
    """A strict policy: everything from this server only, plus the Rasa server for sockets."""
    connect = f"'self' {connect_origin} {websocket_origin(connect_origin)}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src {connect}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ]
    )


def default_rasa_origin(host_header: str | None) -> str:
    """The widget's default server when none is configured: this host name on port 5005."""
    hostname = (host_header or DEFAULT_HOST).strip()
    if hostname.startswith("["):
        hostname = hostname.split("]", 1)[0] + "]"
    else:
        hostname = hostname.rsplit(":", 1)[0]
    if not _HOSTNAME.match(hostname):
        hostname = DEFAULT_HOST
    return f"http://{hostname}:{DEFAULT_RASA_PORT}"


def inject_server_url(page: str, origin: str) -> str:
    """Add ``data-server-url`` to the widget's script tag in the demo page."""
    attribute = f' data-server-url="{html.escape(origin, quote=True)}"'
    return page.replace(WIDGET_TAG, WIDGET_TAG + attribute, 1)


class WebHandler(BaseHTTPRequestHandler):
    """Serves files under ``root``; anything else is a 404."""

    server_version = "smile-web"
    sys_version = ""

    def __init__(self, *args: object, root: Path, rasa_url: str | None, **kwargs: object) -> None:
        self.root = root
        self.rasa_url = rasa_url
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        self._serve(include_body=True)

    def do_HEAD(self) -> None:
        self._serve(include_body=False)

    def _method_not_allowed(self) -> None:
        self._send(
            HTTPStatus.METHOD_NOT_ALLOWED,
            b"Method not allowed\n",
            "text/plain; charset=utf-8",
            True,
            {"Allow": "GET, HEAD"},
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _method_not_allowed

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"web: {self.address_string()} {format % args}\n")

    def _resolve(self) -> Path | None:
        """Map the request path to a file inside the root, or None."""
        raw_path = unquote(urlsplit(self.path).path)
        if "\x00" in raw_path or "\\" in raw_path:
            return None
        parts = [p for p in raw_path.split("/") if p]
        if any(p.startswith(".") for p in parts):
            return None  # no "..", no hidden files
        candidate = self.root.joinpath(*parts) if parts else self.root
        if candidate == self.root:
            candidate = self.root / "index.html"
        try:
            resolved = candidate.resolve(strict=True)
        except (FileNotFoundError, NotADirectoryError, OSError):
            return None
        if not resolved.is_relative_to(self.root) or not resolved.is_file():
            return None
        return resolved

    def _serve(self, include_body: bool) -> None:
        target = self._resolve()
        if target is None:
            self._send(
                HTTPStatus.NOT_FOUND,
                b"Not found\n",
                "text/plain; charset=utf-8",
                include_body,
            )
            return
        body = target.read_bytes()
        if target.name == "index.html" and target.parent == self.root and self.rasa_url:
            body = inject_server_url(body.decode("utf-8"), self.rasa_url).encode("utf-8")
        content_type = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        self._send(HTTPStatus.OK, body, content_type, include_body)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        include_body: bool,
        extra: dict[str, str] | None = None,
    ) -> None:
        connect_origin = self.rasa_url or default_rasa_origin(self.headers.get("Host"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", content_security_policy(connect_origin))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if include_body:
            self.wfile.write(body)


def make_server(
    host: str, port: int, rasa_url: str | None = None, root: Path = WEB_ROOT
) -> ThreadingHTTPServer:
    """Build (but do not start) the server; port 0 picks a free port."""
    origin = rasa_origin(rasa_url) if rasa_url else None
    handler = partial(WebHandler, root=root.resolve(), rasa_url=origin)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options, with defaults from WEB_HOST, WEB_PORT and RASA_URL."""
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description="Serve the demo page and chat widget in web/.")
    parser.add_argument("--host", default=settings.web_host)
    parser.add_argument("--port", type=int, default=settings.web_port)
    parser.add_argument(
        "--rasa-url",
        default=settings.rasa_url,
        help="Rasa server the widget connects to (default: this page's host name, port 5005)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted."""
    args = parse_args(argv)
    try:
        server = make_server(args.host, args.port, args.rasa_url)
    except ValueError as error:
        sys.exit(f"bot.web: {error}")
    host, port = server.server_address[:2]
    shown_host = f"[{host}]" if ":" in str(host) else host
    target = rasa_origin(args.rasa_url) if args.rasa_url else f"this host on port {DEFAULT_RASA_PORT}"
    print(
        f"Serving the demo page at http://{shown_host}:{port}/ (chat server: {target})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
