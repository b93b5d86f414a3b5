"""The run's 考场口令, and the limits that keep one address from flooding the collector or guessing it.

The 口令 is six random digits, shown in the exam room only: it keeps out anyone on the office
network who is not in the room. Guessing it is slowed per address: after a few wrong tries the
address is refused (429) for a while. Every address also has a budget of requests and of
hand-ins, refilled over time, so that one phone or script cannot crowd out the others.
All of this lives in memory; the limits start afresh when the collector restarts.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

PIN_SPACE = 1_000_000
"""Six digits: one chance in a million per guess."""
PIN_HEADER = "X-Handbook-Pin"
KEPT_ADDRESSES = 4096
"""Addresses remembered at most; the oldest idle ones are forgotten first."""


def new_pin() -> str:
    """Six random digits (leading zeros kept), drawn from the system's secure source."""
    return f"{secrets.randbelow(PIN_SPACE):06d}"


def pin_matches(typed: str | None, pin: str) -> bool:
    """Whether the typed 口令 is the run's; compared in constant time, spaces around it ignored."""
    return typed is not None and hmac.compare_digest(typed.strip().encode(), pin.encode())


@dataclass(frozen=True)
class Limits:
    """How much one address may do. The figures suit an exam room of phones on office Wi-Fi."""

    requests_burst: int = 240
    """Requests at once: a page with its styles, scripts and search index is a few dozen."""
    requests_per_second: float = 60.0
    handins_burst: int = 16
    """Hand-ins at once: a shared front-desk PC may hand in for several trainees in a row."""
    handins_per_second: float = 0.25
    wrong_pins: int = 9
    """Wrong 口令 allowed per address within ``wrong_pin_seconds``; then it is refused until they pass."""
    wrong_pin_seconds: float = 900.0
    head_seconds: float = 15.0
    """Time for a request's head (its first line and headers) to arrive before the connection is closed."""
    body_seconds: float = 15.0
    """Time for a hand-in's body to arrive before it is refused (408)."""


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimit:
    """A token bucket per address: ``burst`` at once, then ``per_second`` on average."""

    burst: int
    per_second: float
    clock: Callable[[], float] = time.monotonic
    buckets: dict[str, _Bucket] = field(default_factory=dict)

    def allow(self, address: str) -> bool:
        now = self.clock()
        bucket = self.buckets.pop(address, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * self.per_second)
        bucket.stamp = now
        self.buckets[address] = bucket  # re-inserted: the dict keeps addresses in order of last use
        _forget_oldest(self.buckets)
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


@dataclass
class Lockout:
    """Wrong 口令 per address: more than ``allowed`` within ``seconds`` and the address waits."""

    allowed: int
    seconds: float
    clock: Callable[[], float] = time.monotonic
    failures: dict[str, list[float]] = field(default_factory=dict)

    def _recent(self, address: str) -> list[float]:
        since = self.clock() - self.seconds
        recent = [moment for moment in self.failures.get(address, []) if moment > since]
        if recent:
            self.failures[address] = recent
        else:
            self.failures.pop(address, None)
        return recent

    def wait(self, address: str) -> float:
        """Seconds until the address may try again; 0 when it may now."""
        recent = self._recent(address)
        if len(recent) < self.allowed:
            return 0.0
        return max(0.0, recent[-self.allowed] + self.seconds - self.clock())

    def failed(self, address: str) -> None:
        self.failures[address] = [*self._recent(address), self.clock()]
        _forget_oldest(self.failures)


def _forget_oldest(table: dict) -> None:
    while len(table) > KEPT_ADDRESSES:
        del table[next(iter(table))]
