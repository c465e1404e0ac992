"""One visitor turn, never silent: the per-sender rate limit and the apology, for both channels."""

from __future__ import annotations

import asyncio
import logging
import math
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.inbound import ChannelSettings, apology, too_long_notice
from bot.rate_limit import SenderRateLimiter

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


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


async def run_turn(
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
        notice = too_long_notice(channel.settings.max_message_chars, inbound.text)
        await output.send_text_message(inbound.sender, notice)
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
        apologize=lambda: output.send_text_message(inbound.sender, apology(inbound.text)),
    )
