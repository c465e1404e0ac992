"""What attaching one of the channels does to the whole Rasa server.

Rasa attaches the channels' blueprints to its Sanic app at start; ``ServerBlueprint.register``
(and the socket.io blueprint's) calls ``prepare_server`` first. It runs once per channel, so
everything in it is idempotent.
"""

from __future__ import annotations

from typing import Any, Dict

import rasa.shared.utils.cli
from sanic import Blueprint, Sanic

from bot.inbound import ChannelSettings
from components import rasa_patches


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


def prepare_server(app: Sanic, settings: ChannelSettings) -> None:
    if admin_api_is_open(app):
        rasa.shared.utils.cli.print_error_and_exit(
            "The Rasa HTTP API is enabled (--enable-api) without a token. Start the server with "
            '--auth-token "$RASA_AUTH_TOKEN" or --jwt-secret "$RASA_JWT_SECRET" '
            "(see the README, section Production), or leave the API off."
        )
    # Errors Sanic raises itself (bad JSON, 404, 405, 413) as JSON, never an HTML page.
    app.config.FALLBACK_ERROR_FORMAT = "json"
    # The one place the Rasa patches are applied (see components/rasa_patches.py).
    rasa_patches.apply(settings.action_timeout_seconds)


class ServerBlueprint(Blueprint):
    """A channel's blueprint that prepares the server when Rasa attaches it."""

    def __init__(self, settings: ChannelSettings, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.settings = settings

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        prepare_server(app, self.ctx.settings)
        super().register(app, options)
