"""The socket.io channel (Rasa's events and options), with the guards of this package.

Browser connections are accepted only from ALLOWED_ORIGINS.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from typing import Any, Dict, Optional

import rasa.core.channels.channel
from rasa.core.channels.channel import InputChannel
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.inbound import (
    MAX_REQUEST_BYTES,
    MAX_SENDER_CHARS,
    SLOW_DOWN,
    UNREADABLE_REQUEST,
    BadPayload,
    ChannelSettings,
    read_message,
)
from components.channels.server import prepare_server
from components.channels.turn_guard import OnNewMessage, TurnGuard, run_turn

logger = logging.getLogger(__name__)


class _SocketServerBlueprint(SocketBlueprint):
    def __init__(self, settings: ChannelSettings, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.settings = settings

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        prepare_server(app, self.ctx.settings)
        path = "/" + self.ctx.socketio_path.strip("/")

        async def refuse_post_without_session(request: Request) -> Optional[HTTPResponse]:
            # python-engineio 4.7 (pinned with python-socketio 5.9) answers a polling POST
            # without "sid" with a 500 (it adds None to a string); it is a bad request.
            if request.method == "POST" and request.path.rstrip("/") == path and not request.args.get("sid"):
                return response.json({"error": "bad_request", "message": "Invalid session"}, status=400)
            return None

        app.register_middleware(refuse_post_without_session, "request")
        super().register(app, options)


class _CountingSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output, counting what it sends."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        self.sent += 1
        await super().send_custom_json(recipient_id, json_message, **kwargs)


def _session_id(data: Any) -> str:
    """The session id the client asks for, or a new one when it is missing or unusable."""
    requested = data.get("session_id") if isinstance(data, dict) else None
    if (
        isinstance(requested, str)
        and 0 < len(requested) <= MAX_SENDER_CHARS
        and requested.isprintable()
        and requested.strip() == requested
    ):
        return requested
    return uuid.uuid4().hex


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel (same events and options) with the guards of this package."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", False),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
        )

    def __init__(self, *args: Any, settings: Optional[ChannelSettings] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = settings or ChannelSettings.from_env()
        self.guard = TurnGuard(self.settings)
        if not self.settings.allowed_origins:
            logger.warning("ALLOWED_ORIGINS is not set: web pages on other origins cannot open the chat.")

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        # Rasa's --cors adds the CORS headers to socket.io's HTTP responses; engine.io's own
        # CORS handling stays off (both would send the header twice). The origin is checked on
        # connect below, which also covers WebSocket connections, which CORS does not.
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=[],
            max_http_buffer_size=MAX_REQUEST_BYTES,
        )
        webhook = _SocketServerBlueprint(self.settings, sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        namespace = self.namespace
        bot_event = self.bot_message_evt

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not self.settings.origin_allowed(origin):
                logger.warning(
                    "Refused a socket.io connection from origin %r (not in ALLOWED_ORIGINS).",
                    str(origin)[:200],
                )
                return False
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                payload = (
                    rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)
                    if isinstance(token, str)
                    else None
                )
                return bool(payload)
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: str) -> None:
            logger.debug("Socket %s disconnected.", sid)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            session_id = _session_id(data)
            if self.session_persistence:
                # python-socketio >= 5.10 made enter_room a coroutine (RasaHQ/rasa#13027).
                entered = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            payload = dict(data) if isinstance(data, dict) else data
            if isinstance(payload, dict) and not self.session_persistence:
                payload["session_id"] = sid
            try:
                inbound = read_message(
                    payload,
                    self.settings.max_message_chars,
                    sender_key="session_id",
                    metadata_key=self.metadata_key or "metadata",
                )
            except BadPayload as error:
                logger.info("Socket %s sent an unreadable message: %s", sid, error)
                await sio.emit(bot_event, {"text": UNREADABLE_REQUEST}, room=sid, namespace=namespace)
                return
            sender = inbound.sender
            output = _CountingSocketIOOutput(sio, bot_event)
            if not self.guard.allow(sender):
                await sio.emit(bot_event, {"text": SLOW_DOWN}, room=sid, namespace=namespace)
                return
            await run_turn(self, on_new_message, inbound, output, lambda: output.sent)

        return webhook
