"""Per-sender rate limiting (token buckets), kept in memory and bounded in size."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable


@dataclass
class _Bucket:
    tokens: float
    updated: float
    refused_in_a_row: int = 0


class SenderRateLimiter:
    """Allows each sender ``burst`` messages at once, refilled at ``per_minute`` a minute.

    One process's view only: behind several servers each keeps its own buckets, so a sender
    may get up to one burst per server; the load balancer limits per client address on top.
    The least recently seen senders are forgotten beyond ``max_senders`` so memory stays bounded.
    """

    def __init__(
        self,
        per_minute: float,
        burst: int,
        max_senders: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be > 0 and burst >= 1")
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._max_senders = max_senders
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def allow(self, sender: str) -> bool:
        """Take one token from ``sender``'s bucket; False when it is empty."""
        now = self._clock()
        bucket = self._buckets.pop(sender, None)
        if bucket is None:
            bucket = _Bucket(tokens=self._burst, updated=now)
        else:
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
        allowed = bucket.tokens >= 1.0
        if allowed:
            bucket.tokens -= 1.0
            bucket.refused_in_a_row = 0
        else:
            bucket.refused_in_a_row += 1
        self._buckets[sender] = bucket
        while len(self._buckets) > self._max_senders:
            self._buckets.popitem(last=False)
        return allowed

    def refused_in_a_row(self, sender: str) -> int:
        """How many of ``sender``'s latest messages were refused (0 after an allowed one)."""
        bucket = self._buckets.get(sender)
        return bucket.refused_in_a_row if bucket else 0

    def retry_after(self, sender: str) -> float:
        """Seconds until ``sender`` may send again (0 if now)."""
        bucket = self._buckets.get(sender)
        if bucket is None:
            return 0.0
        tokens = min(self._burst, bucket.tokens + (self._clock() - bucket.updated) * self._rate)
        return max(0.0, (1.0 - tokens) / self._rate)

    def __len__(self) -> int:
        return len(self._buckets)
