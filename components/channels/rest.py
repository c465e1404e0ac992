"""The REST channel: POST /webhooks/rest/webhook, with the guards of this package."""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inbound import SLOW_DOWN, BadPayload, ChannelSettings, parse_json_body, read_message
from components.channels.health import readiness
from components.channels.server import ServerBlueprint
from components.channels.turn_guard import OnNewMessage, TurnGuard, run_turn


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
        webhook = ServerBlueprint(self.settings, "custom_webhook_GuardedRestInput", __name__)

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
            await run_turn(self, on_new_message, inbound, collector, lambda: len(collector.messages))
            return response.json(list(collector.messages))

        return webhook
