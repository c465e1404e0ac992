"""What the public chat channels accept: payload checks, limits and the replies to refusals.

Plain Python, no Rasa imports; components/channels/ applies it to the REST and socket.io
channels. The replies are the utter_channel_* responses (responses/<lang>/channels.yml): the
channels send them without Rasa (which may be what failed), in the language the visitor's message
is clearly written in when the assistant speaks it, else in English.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from bot.language import written_in
from bot.responses import Utterance, fill, load_responses
from bot.settings import Settings

# A 1,000-character message is under 13 KB even as JSON escapes; anything far bigger is abuse.
MAX_REQUEST_BYTES = 64 * 1024
MAX_SENDER_CHARS = 128
_MESSAGE_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# When a sender is over the rate limit.
SLOW_DOWN = fill(load_responses(), "utter_channel_slow_down")
# When a socket.io message is not a payload the channel can read.
UNREADABLE_REQUEST = fill(load_responses(), "utter_channel_unreadable")


def apology(text: str = "") -> str:
    """The apology for a failed or slow turn, in the language of the visitor's message."""
    return fill(load_responses(), "utter_channel_apology", _language_of(text))


def too_long_notice(max_chars: int, text: str = "") -> str:
    """The notice sent before answering a message that was cut to ``max_chars``."""
    notice = Utterance("utter_channel_message_cut", {"max_chars": f"{max_chars:,}"})
    return fill(load_responses(), notice, _language_of(text))


def _language_of(text: str) -> dict[str, str]:
    language = written_in(text) if text else None
    return {"language": language} if language in Settings.from_env().languages else {}


def parse_origins(raw: Optional[str]) -> tuple[str, ...]:
    """ALLOWED_ORIGINS: comma- or space-separated origins, without trailing slashes."""
    if not raw:
        return ()
    parts = re.split(r"[\s,]+", raw.strip())
    return tuple(part.rstrip("/") for part in parts if part)


@dataclass(frozen=True)
class ChannelSettings:
    """Limits for the public channels, from the environment (see docs/production.md)."""

    max_message_chars: int
    rate_per_minute: float
    rate_burst: int
    reply_timeout_seconds: float
    action_timeout_seconds: float
    allowed_origins: tuple[str, ...]

    @classmethod
    def from_env(cls) -> ChannelSettings:
        settings = Settings.from_env()
        return cls(
            max_message_chars=settings.max_message_chars,
            rate_per_minute=settings.rate_limit_per_minute,
            rate_burst=settings.rate_limit_burst,
            reply_timeout_seconds=settings.reply_timeout_seconds,
            action_timeout_seconds=settings.action_timeout_seconds,
            allowed_origins=parse_origins(settings.allowed_origins),
        )

    def origin_allowed(self, origin: Optional[str]) -> bool:
        """Browsers always send Origin; clients without one (servers, curl) are not browsers."""
        if not origin:
            return True
        return "*" in self.allowed_origins or origin.rstrip("/") in self.allowed_origins


class BadPayload(ValueError):
    """A request the channel cannot read; the message is safe to show to the client."""


@dataclass(frozen=True)
class Inbound:
    """One visitor message, checked."""

    sender: str
    text: str
    metadata: Optional[dict]
    message_id: Optional[str] = None
    truncated: bool = False


def parse_json_body(body: bytes) -> Any:
    """The decoded JSON of a request body, or BadPayload."""
    if len(body) > MAX_REQUEST_BYTES:
        raise BadPayload(f"The request is larger than {MAX_REQUEST_BYTES} bytes.")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadPayload("The request body is not valid JSON.") from None


def read_message(
    data: Any,
    max_chars: int,
    sender_key: str = "sender",
    metadata_key: str = "metadata",
) -> Inbound:
    """Check one message payload (a JSON object) and cut over-long text to ``max_chars``."""
    if not isinstance(data, Mapping):
        raise BadPayload("The message must be a JSON object.")
    sender = _sender(data.get(sender_key), sender_key)
    text = data.get("message")
    if not isinstance(text, str):
        raise BadPayload('"message" must be a string.')
    truncated = len(text) > max_chars
    if truncated:
        text = text[:max_chars]
    return Inbound(
        sender=sender,
        text=text,
        metadata=_metadata(data.get(metadata_key)),
        message_id=_message_id(data.get("message_id")),
        truncated=truncated,
    )


def _sender(value: Any, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadPayload(f'"{key}" must be a string naming the conversation.')
    sender = str(value).strip()
    if not sender or len(sender) > MAX_SENDER_CHARS or _CONTROL.search(sender):
        raise BadPayload(f'"{key}" must be 1 to {MAX_SENDER_CHARS} printable characters.')
    return sender


def _metadata(value: Any) -> Optional[dict]:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            raise BadPayload('"metadata" must be a JSON object.') from None
    if not isinstance(value, dict):
        raise BadPayload('"metadata" must be a JSON object.')
    return value


def _message_id(value: Any) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str) or not _MESSAGE_ID.match(value):
        raise BadPayload('"message_id" must be 1 to 64 letters, digits or "_.:-".')
    return value
