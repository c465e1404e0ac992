"""The per-sender rate limit of the public channels (bot.rate_limit), on a clock of the test's own."""

from __future__ import annotations

import pytest

from bot.rate_limit import SenderRateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_a_burst_then_refills() -> None:
    clock = Clock()
    limiter = SenderRateLimiter(per_minute=30, burst=3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.refused_in_a_row("a") == 1
    assert limiter.retry_after("a") == pytest.approx(2.0)
    clock.now += 2.0  # 30 a minute: one every 2 s
    assert limiter.allow("a") and not limiter.allow("a")


def test_rate_limiter_keeps_senders_apart() -> None:
    limiter = SenderRateLimiter(per_minute=1, burst=1, clock=Clock())
    assert limiter.allow("flood") and not limiter.allow("flood")
    assert limiter.allow("someone else")


def test_rate_limiter_memory_is_bounded() -> None:
    limiter = SenderRateLimiter(per_minute=60, burst=1, max_senders=100, clock=Clock())
    for number in range(1000):
        limiter.allow(f"sender {number}")
    assert len(limiter) == 100
