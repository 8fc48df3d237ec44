"""Retrying provider calls, and the error annotations the retry policy reads.

Adapters raise ``routix.errors.ProviderError`` subclasses and may annotate them (``annotate``) with:

* ``retry_after``: seconds the provider asked us to wait (Retry-After / retry-after-ms / RetryInfo);
* ``retryable``: overrides the default policy (a 5xx or connection failure is retryable, a bad key is not);
* ``detail``: a scrubbed, log-only description of the underlying SDK error (never shown to users).

``scrub`` lives here because every adapter needs it next to ``annotate``: any SDK text that reaches a log or an
error goes through it, so an API key can never leak.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from routix.core.errors import ProviderError, ProviderTimeout, ProviderUnavailable, RateLimited, Refused

log = logging.getLogger(__name__)

T = TypeVar('T')
E = TypeVar('E', bound=ProviderError)

MAX_RETRY_AFTER = 30.0  # seconds; a provider asking for longer is treated as "give up now"
MAX_TIMEOUT_RETRIES = 1  # every timeout already cost a full client timeout; retry it at most once
_KEY_PATTERNS = re.compile(r'(sk-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|Bearer\s+[^\s"\']+)')


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
    max_retry_after: float = MAX_RETRY_AFTER,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    label: str = 'provider',
) -> T:
    """Run ``call`` up to ``attempts`` times; retry transient ProviderErrors with full-jitter backoff, never Refused."""
    timeouts = 0
    for attempt in range(1, max(attempts, 1) + 1):
        try:
            return await call()
        except Refused:
            raise
        except ProviderError as error:
            if attempt >= attempts or not is_retryable(error):
                raise
            if isinstance(error, ProviderTimeout):
                timeouts += 1
                if timeouts > MAX_TIMEOUT_RETRIES:
                    raise
            delay = backoff_delay(attempt, base_delay=base_delay, max_delay=max_delay)
            retry_after = getattr(error, 'retry_after', None)
            if retry_after is not None:
                if retry_after > max_retry_after:
                    log.info(
                        '%s asked to wait %.1f s (> %.0f s cap); not retrying', label, retry_after, max_retry_after
                    )
                    raise
                delay = max(retry_after, 0.0)
            log.info(
                '%s attempt %d/%d failed (%s); retrying in %.2f s', label, attempt, attempts, kind_of(error), delay
            )
            await sleep(delay)
    raise AssertionError('unreachable')  # the loop either returns or raises


def is_retryable(error: ProviderError) -> bool:
    """Whether the retry policy may repeat the call that raised ``error``."""
    if isinstance(error, Refused):
        return False
    explicit = getattr(error, 'retryable', None)
    if explicit is not None:
        return bool(explicit)
    return isinstance(error, RateLimited | ProviderTimeout)


def backoff_delay(attempt: int, *, base_delay: float = 0.5, max_delay: float = 8.0) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(max_delay, base_delay · 2^(attempt-1))]."""
    return random.uniform(0.0, min(max_delay, base_delay * 2 ** (attempt - 1)))


def annotate(
    error: E, *, retry_after: float | None = None, retryable: bool | None = None, detail: str | None = None
) -> E:
    """Attach retry metadata and a log-only detail to a ProviderError; returns it for ``raise annotate(...)``."""
    error.retry_after = retry_after  # type: ignore[attr-defined]
    if retryable is not None:
        error.retryable = retryable  # type: ignore[attr-defined]
    error.detail = detail or ''  # type: ignore[attr-defined]
    return error


def retry_after_from(headers: Mapping[str, str] | None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date); None when absent."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    if (ms := lowered.get('retry-after-ms')) is not None:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = lowered.get('retry-after')
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def scrub(text: object, *secrets: str) -> str:
    """``str(text)`` with every given secret and anything shaped like an API key replaced by '***'."""
    result = str(text)
    for secret in secrets:
        if secret and len(secret) >= 4:
            result = result.replace(secret, '***')
    return _KEY_PATTERNS.sub('***', result)


def kind_of(error: ProviderError) -> str:
    """A short word for logs and the chain summary: 'refused', 'rate limited', 'timed out', 'unavailable'."""
    if isinstance(error, Refused):
        return 'refused'
    if isinstance(error, RateLimited):
        return 'rate limited'
    if isinstance(error, ProviderTimeout):
        return 'timed out'
    if isinstance(error, ProviderUnavailable):
        return 'unavailable'
    return 'failed'
