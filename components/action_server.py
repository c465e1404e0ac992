"""The action server: rasa_sdk's own server with a request check, on loopback by default.

    python -m components.action_server --port 5055 [--host 127.0.0.1] [rasa_sdk's other options]

Everything is rasa_sdk's (POST /webhook, GET /health, GET /actions) except that

- a request that is not an action call (not a JSON object, no action name, a tracker of the wrong
  shape) gets a 400 with a short JSON body instead of a 500 from deep inside rasa_sdk,
- a failing action gets a 500 whose body does not echo the request (rasa_sdk's does: the whole
  conversation); the stack trace goes to the log only,
- it listens on 127.0.0.1 unless --host or SANIC_HOST says otherwise (rasa_sdk: 0.0.0.0). Only the
  Rasa servers call it: keep it off the public network.
"""

from __future__ import annotations

import json
import logging
import zlib
from typing import Any, Optional

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app as create_sdk_app
from rasa_sdk.endpoint import create_argument_parser, create_ssl_context
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import Settings
from bot.towns import warm_up as warm_up_towns

logger = logging.getLogger(__name__)

MAX_CALL_BYTES = 5 * 1024 * 1024
_TRACKER_FIELDS = {
    "slots": dict,
    "events": list,
    "latest_message": (dict, type(None)),
    "active_loop": (dict, type(None)),
    "followup_action": (str, type(None)),
    "latest_action_name": (str, type(None)),
}


def action_call_problem(body: bytes, compressed: bool = False) -> Optional[str]:
    """Why ``body`` is not an action call Rasa would send, or None if it looks like one."""
    if len(body) > MAX_CALL_BYTES:
        return "The action call is too large."
    try:
        raw = zlib.decompress(body) if compressed else body
        call = json.loads(raw.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError, RecursionError):
        return "The body is not valid JSON."
    if not isinstance(call, dict):
        return "An action call must be a JSON object."
    if not isinstance(call.get("next_action"), str) or not call["next_action"]:
        return '"next_action" must name an action.'
    if not isinstance(call.get("domain", {}), dict):
        return '"domain" must be an object.'
    tracker = call.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(tracker.get("sender_id"), str):
        return '"tracker" must be an object with a "sender_id".'
    for field, kinds in _TRACKER_FIELDS.items():
        if field in tracker and not isinstance(tracker[field], kinds):
            return f'"tracker.{field}" has the wrong type.'
    if not all(isinstance(event, dict) for event in tracker.get("events") or []):
        return '"tracker.events" must be a list of objects.'
    message = tracker.get("latest_message") or {}
    if not isinstance(message.get("intent", {}), (dict, type(None))):
        return '"tracker.latest_message.intent" must be an object.'
    for field in ("entities", "intent_ranking"):
        items = message.get(field, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return f'"tracker.latest_message.{field}" must be a list of objects.'
    return None


def create_app(action_package: str = "actions", cors_origins: Any = None) -> Sanic:
    """rasa_sdk's app for ``action_package`` with the checks described above."""
    app = create_sdk_app(action_package, cors_origins=cors_origins)
    app.config.FALLBACK_ERROR_FORMAT = "json"

    @app.middleware("request")
    async def check_action_call(request: Request) -> Optional[HTTPResponse]:
        if request.method != "POST" or request.path.rstrip("/") != "/webhook":
            return None
        compressed = request.headers.get("Content-Encoding") == "deflate"
        problem = action_call_problem(request.body, compressed)
        if problem is None:
            return None
        return response.json({"error": problem}, status=400)

    async def action_failed(request: Request, exception: Exception) -> HTTPResponse:
        logger.error("An action failed on %s %s.", request.method, request.path, exc_info=exception)
        return response.json({"error": "The action failed; see the action server's log."}, status=500)

    app.error_handler.add(Exception, action_failed)
    return app


def main() -> None:
    parser = create_argument_parser()
    parser.add_argument(
        "--host",
        default=Settings.from_env().action_server_host,
        help="address to listen on (default: SANIC_HOST or 127.0.0.1)",
    )
    args = parser.parse_args()
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger("rasa_sdk"), args.log_file, args.loglevel, args.logging_config_file
    )
    utils.update_sanic_log_level()

    warm_up_towns()  # build the town lookup now, not on the first visitor's location search
    app = create_app(args.actions, cors_origins=args.cors)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    ssl_context = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    logger.info("Action server listening on %s:%s", args.host, args.port)
    app.run(args.host, args.port, ssl=ssl_context, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
