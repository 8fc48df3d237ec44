"""Sign-in throttling: failed attempts are counted per email and per IP in the database, so a restart does not reset
them. Five failures for one email or twenty from one IP within 15 minutes lock that key until the oldest ages out."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.db import Database
from routix.core.errors import AuthError
from routix.models import LoginAttempt, utcnow

THROTTLE_WINDOW = timedelta(minutes=15)
MAX_EMAIL_FAILURES = 5
MAX_IP_FAILURES = 20


def email_key(address: str) -> str:
    """The throttle key of a (normalised) email address."""
    return f'email:{address}'


def ip_key(client_ip: str | None) -> str:
    """The throttle key of a client address ('unknown' when there is none)."""
    return f'ip:{client_ip or "unknown"}'[:400]


async def check(*, db: Database, limits: list[tuple[str, int]]) -> None:
    """Raise AuthError('auth.throttled', minutes=…) when any key reached its limit of failures within the window."""
    now = utcnow()
    since = now - THROTTLE_WINDOW
    wait = timedelta(0)
    async with db.session() as session:
        for key, limit in limits:
            count = (
                await session.exec(
                    select(func.count())
                    .select_from(LoginAttempt)
                    .where(LoginAttempt.key == key, LoginAttempt.created_at >= since)
                )
            ).one()
            if count < limit:
                continue
            # the attempt whose expiry brings the count back below the limit
            times = (
                await session.exec(
                    select(LoginAttempt.created_at)
                    .where(LoginAttempt.key == key, LoginAttempt.created_at >= since)
                    .order_by(col(LoginAttempt.created_at))
                    .offset(count - limit)
                    .limit(1)
                )
            ).all()
            wait = max(wait, _expiry(times[0]) - now)
    if wait > timedelta(0):
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise AuthError('auth.throttled', minutes=minutes)


async def record_failure(*, db: Database, keys: tuple[str, ...]) -> None:
    """Count one failed attempt against each key."""
    now = utcnow()
    async with db.transaction() as session:
        # keep the table small: what is older than the window no longer counts
        await session.exec(delete(LoginAttempt).where(LoginAttempt.created_at < now - THROTTLE_WINDOW))  # type: ignore[arg-type]
        for key in keys:
            session.add(LoginAttempt(key=key, created_at=now))


async def forget(*, session: AsyncSession, key: str) -> None:
    """Drop the failures of one key (a successful sign-in); call inside a transaction."""
    await session.exec(delete(LoginAttempt).where(LoginAttempt.key == key))  # type: ignore[arg-type]


def _expiry(created_at: datetime) -> datetime:
    return created_at + THROTTLE_WINDOW
