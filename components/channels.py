"""Rasa's REST and socket.io channels with the guards a public chat needs.

Used from credentials.yml. The names stay "rest" and "socketio", so the URLs
(/webhooks/rest/webhook, /socket.io) and the input channel the actions see do not change. Both

- check the payload (a JSON object, a string message, JSON metadata): 400 with a JSON body on REST,
  a short bot message on socket.io; never a stack trace,
- cut messages longer than MAX_MESSAGE_CHARS and say so before answering,
- limit each sender (token bucket, RATE_LIMIT_PER_MINUTE / RATE_LIMIT_BURST) with a friendly
  "slow down" reply (REST: status 429 with that reply as the body),
- never leave the visitor in silence: if handling the message fails, produces no reply, or takes
  longer than REPLY_TIMEOUT_SECONDS, the visitor gets an apology with the phone number and the
  error is logged.

The socket.io channel accepts browser connections only from ALLOWED_ORIGINS. When attached to the
server, the channels also make Sanic answer errors in JSON, cap custom action calls at
ACTION_TIMEOUT_SECONDS, check action server replies with a prebuilt schema validator
(components/action_results.py), and stop the server from starting with the HTTP API open (--enable-api
without --auth-token or --jwt-secret). GET /webhooks/rest/health is a readiness check for load
balancers.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import math
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional

import aiohttp
import rasa.core.actions.action
import rasa.core.channels.channel
import rasa.shared.utils.cli
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from rasa.core.lock_store import InMemoryLockStore
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.inbound import (
    APOLOGY,
    MAX_REQUEST_BYTES,
    MAX_SENDER_CHARS,
    SLOW_DOWN,
    UNREADABLE_REQUEST,
    BadPayload,
    ChannelSettings,
    parse_json_body,
    read_message,
    too_long_notice,
)
from bot.rate_limit import SenderRateLimiter
from components.action_results import validate_action_results_with_compiled_schema

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


# --- server-wide settings, applied when a channel is attached -----------------------------------


def limit_action_call_time(seconds: float) -> None:
    """Make calls to the action server time out after ``seconds`` instead of Rasa's 5 minutes.

    Rasa 3.6 has no setting for it (RasaHQ/rasa#9789): RemoteAction.run passes the module
    constant DEFAULT_REQUEST_TIMEOUT as the request timeout, so that constant is set here.
    """
    if rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT != seconds:
        rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = seconds  # type: ignore[assignment]
        logger.info("Custom action calls time out after %.1f s.", seconds)


def _closure(handler: Any) -> Dict[str, Any]:
    code = getattr(handler, "__code__", None)
    cells = getattr(handler, "__closure__", None) or ()
    if code is None:
        return {}
    values: Dict[str, Any] = {}
    for name, cell in zip(code.co_freevars, cells):
        try:
            values[name] = cell.cell_contents
        except ValueError:
            continue
    return values


def admin_api_is_open(app: Sanic) -> bool:
    """True when the HTTP API is on without --auth-token or --jwt-secret.

    Rasa wraps every admin route in ``requires_auth(app, token)``; its closure holds the token.
    """
    if app.config.get("USE_JWT"):
        return False
    for route in app.router.routes:
        closure = _closure(route.handler)
        if "sufficient_scope" in closure and "token" in closure:
            return closure["token"] is None
    return False


def _prepare_server(app: Sanic, settings: ChannelSettings) -> None:
    if admin_api_is_open(app):
        rasa.shared.utils.cli.print_error_and_exit(
            "The Rasa HTTP API is enabled (--enable-api) without a token. Start the server with "
            '--auth-token "$RASA_AUTH_TOKEN" or --jwt-secret "$RASA_JWT_SECRET" '
            "(see the README, section Production), or leave the API off."
        )
    # Errors Sanic raises itself (bad JSON, 404, 405, 413) as JSON, never an HTML page.
    app.config.FALLBACK_ERROR_FORMAT = "json"
    limit_action_call_time(settings.action_timeout_seconds)
    validate_action_results_with_compiled_schema()


class _ServerBlueprint(Blueprint):
    def __init__(self, settings: ChannelSettings, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.settings = settings

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        _prepare_server(app, self.ctx.settings)
        super().register(app, options)


class _SocketServerBlueprint(SocketBlueprint):
    def __init__(self, settings: ChannelSettings, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.settings = settings

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        _prepare_server(app, self.ctx.settings)
        path = "/" + self.ctx.socketio_path.strip("/")

        async def refuse_post_without_session(request: Request) -> Optional[HTTPResponse]:
            # python-engineio 4.7 (pinned with python-socketio 5.9) answers a polling POST
            # without "sid" with a 500 (it adds None to a string); it is a bad request.
            if request.method == "POST" and request.path.rstrip("/") == path and not request.args.get("sid"):
                return response.json({"error": "bad_request", "message": "Invalid session"}, status=400)
            return None

        app.register_middleware(refuse_post_without_session, "request")
        super().register(app, options)


# --- one turn, never silent ----------------------------------------------------------------------


class TurnGuard:
    """Rate limit per sender, and an apology whenever a turn fails, is silent or is too slow."""

    def __init__(self, settings: ChannelSettings) -> None:
        self.settings = settings
        self.limiter = SenderRateLimiter(settings.rate_per_minute, settings.rate_burst)

    def allow(self, sender: str) -> bool:
        if self.limiter.allow(sender):
            return True
        if self.limiter.refused_in_a_row(sender) == 1:
            logger.warning(
                "Conversation %s is sending faster than %s messages a minute (burst %s); "
                "its messages are refused with a 'slow down' reply for now.",
                sender,
                f"{self.settings.rate_per_minute:g}",
                self.settings.rate_burst,
            )
        return False

    def retry_after(self, sender: str) -> int:
        return max(1, math.ceil(self.limiter.retry_after(sender)))

    async def run(
        self,
        on_new_message: OnNewMessage,
        message: UserMessage,
        replies: Callable[[], int],
        apologize: Callable[[], Awaitable[Any]],
    ) -> None:
        sender = message.sender_id
        task = asyncio.ensure_future(on_new_message(message))
        try:
            # shield: on timeout the turn still finishes (and is stored) in the background.
            await asyncio.wait_for(asyncio.shield(task), self.settings.reply_timeout_seconds)
        except asyncio.TimeoutError:
            task.add_done_callback(lambda done: _log_late_failure(done, sender))
            answered = replies() > 0
            logger.error(
                "Conversation %s: the turn took longer than %.1f s (action server, database or lock "
                "store slow?); %s, the turn goes on in the background.",
                sender,
                self.settings.reply_timeout_seconds,
                "the visitor got part of the reply" if answered else "the visitor got the apology",
            )
            if not answered:
                await _safely(apologize)
            return
        except Exception:
            logger.exception("Conversation %s: handling the message failed.", sender)
            if replies() == 0:
                await _safely(apologize)
            return
        if replies() == 0:
            logger.error(
                "Conversation %s: the message produced no reply (see the errors above, e.g. the "
                "action server); the visitor got the apology.",
                sender,
            )
            await _safely(apologize)


def _log_late_failure(task: asyncio.Future, sender: str) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        logger.error(
            "Conversation %s: the late turn failed too (%s).",
            sender,
            error.__class__.__name__,
            exc_info=error,
        )


async def _safely(send: Callable[[], Awaitable[Any]]) -> None:
    try:
        await send()
    except Exception:
        logger.exception("Could not send the apology.")


# --- health --------------------------------------------------------------------------------------


def _innermost(store: Any) -> Any:
    # Rasa wraps the tracker store (FailSafeTrackerStore, AwaitableTrackerStore).
    seen = 0
    while hasattr(store, "_tracker_store") and seen < 5:
        store = store._tracker_store
        seen += 1
    return store


def _store_status(store: Any) -> str:
    if isinstance(store, InMemoryLockStore):
        return "in_memory"
    status = getattr(store, "status", None)
    if not callable(status):
        return "unknown"
    try:
        return str(status())
    except Exception:
        return "unreachable"


async def _action_server_status(agent: Any) -> str:
    endpoint = getattr(agent, "action_endpoint", None)
    url = getattr(endpoint, "url", None)
    if not url:
        return "not_configured"
    health = url.rsplit("/", 1)[0] + "/health"
    try:
        timeout = aiohttp.ClientTimeout(total=1.5)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(health) as reply:
                return "ok" if reply.status == 200 else "unreachable"
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return "unreachable"


async def readiness(request: Request) -> HTTPResponse:
    """200 when a model is loaded (503 otherwise), with the state of each dependency.

    A database or Redis outage does not fail it: every server shares them, and a server that
    still answers (without history, with local locks) is better than none.
    """
    agent = getattr(request.app.ctx, "agent", None)
    model_loaded = bool(agent is not None and agent.is_ready())
    loop = asyncio.get_running_loop()
    tracker_store = await loop.run_in_executor(
        None, _store_status, _innermost(getattr(agent, "tracker_store", None))
    )
    lock_store = await loop.run_in_executor(None, _store_status, getattr(agent, "lock_store", None))
    action_server = await _action_server_status(agent)
    healthy = (
        model_loaded
        and tracker_store in ("ok", "unknown")
        and lock_store in ("ok", "in_memory", "unknown")
        and action_server in ("ok", "not_configured")
    )
    body = {
        "status": "ok" if healthy else ("degraded" if model_loaded else "unavailable"),
        "model_loaded": model_loaded,
        "tracker_store": tracker_store,
        "lock_store": lock_store,
        "action_server": action_server,
    }
    return response.json(body, status=200 if model_loaded else 503)


# --- REST ----------------------------------------------------------------------------------------


def _bad_request(error: BadPayload) -> HTTPResponse:
    return response.json({"error": "bad_request", "message": str(error)}, status=400)


class GuardedRestInput(RestInput):
    """POST /webhooks/rest/webhook {"sender": "...", "message": "..."} -> the bot's messages.

    Optional fields: "metadata" (a JSON object) and "message_id" (stored with the message, so a
    client that retries after a lost connection can check whether it arrived).
    """

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    def __init__(self, settings: Optional[ChannelSettings] = None) -> None:
        self.settings = settings or ChannelSettings.from_env()
        self.guard = TurnGuard(self.settings)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = _ServerBlueprint(self.settings, "custom_webhook_GuardedRestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        webhook.add_route(readiness, "/health", methods=["GET"], name="readiness")

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                inbound = read_message(parse_json_body(request.body), self.settings.max_message_chars)
            except BadPayload as error:
                return _bad_request(error)
            sender = inbound.sender
            if not self.guard.allow(sender):
                return response.json(
                    [{"recipient_id": sender, "text": SLOW_DOWN}],
                    status=429,
                    headers={"Retry-After": str(self.guard.retry_after(sender))},
                )
            collector = CollectingOutputChannel()
            await _run_turn(self, on_new_message, inbound, collector, lambda: len(collector.messages))
            return response.json(list(collector.messages))

        return webhook


async def _run_turn(
    channel: Any,
    on_new_message: OnNewMessage,
    inbound: Any,
    output: Any,
    sent: Callable[[], int],
) -> None:
    """One visitor turn on either channel: the length notice, then Rasa under the turn guard.

    ``sent`` counts the messages ``output`` has sent so far; the guard apologizes when the turn
    itself added none.
    """
    if inbound.truncated:
        await output.send_text_message(inbound.sender, too_long_notice(channel.settings.max_message_chars))
    notices = sent()
    message = UserMessage(
        inbound.text,
        output,
        inbound.sender,
        input_channel=channel.name(),
        metadata=inbound.metadata,
        message_id=inbound.message_id,
    )
    await channel.guard.run(
        on_new_message,
        message,
        replies=lambda: sent() - notices,
        apologize=lambda: output.send_text_message(inbound.sender, APOLOGY),
    )


# --- socket.io -----------------------------------------------------------------------------------


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
    """Rasa's socket.io channel (same events and options) with the guards of this module."""

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
            await _run_turn(self, on_new_message, inbound, output, lambda: output.sent)

        return webhook
