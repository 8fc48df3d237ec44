"""Sign-in throttling: failed attempts are counted per email and per IP in the database, so a restart does not reset
them. Five failures for one email or twenty from one IP within 15 minutes lock that key until the oldest ages out.

A password sign-in reserves its attempt before the slow hash check (``reserve``), so parallel guesses cannot all pass
the count before any of them is stored; a success then gives the reservation back (``release``).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func, text
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
            count = await _count(session, key, since)
            if count >= limit:  # the attempt whose expiry brings the count back below the limit
                wait = max(wait, await _wait(session, key, since, count - limit, now))
    if wait > timedelta(0):
        raise _throttled(wait)


async def reserve(*, db: Database, limits: list[tuple[str, int]]) -> list[int]:
    """Store one attempt against each key now, before the password is checked; the ids of the stored rows.

    Raise AuthError('auth.throttled', minutes=…) and store nothing when that attempt would exceed a key's limit.
    The rows are written first and counted after, in one write transaction: SQLite's BEGIN IMMEDIATE and a
    PostgreSQL advisory lock per key let only one sign-in at a time count, so the stored attempts never pass a limit.
    """
    now = utcnow()
    since = now - THROTTLE_WINDOW
    wait = timedelta(0)
    async with db.transaction() as session:
        if not db.is_sqlite:
            for key, _limit in sorted(limits):  # a fixed order: two sign-ins never wait for each other's lock
                await session.execute(text('SELECT pg_advisory_xact_lock(hashtext(:key))'), {'key': key})
        await session.exec(delete(LoginAttempt).where(LoginAttempt.created_at < since))  # type: ignore[arg-type]
        rows = [LoginAttempt(key=key, created_at=now) for key, _limit in limits]
        session.add_all(rows)
        await session.flush()
        for key, limit in limits:
            count = await _count(session, key, since)
            if count > limit:
                wait = max(wait, await _wait(session, key, since, count - limit - 1, now))
        if wait > timedelta(0):
            raise _throttled(wait)  # rolls the reservation back
    return [row.id for row in rows if row.id is not None]


async def release(*, session: AsyncSession, ids: list[int]) -> None:
    """Give back the attempts ``reserve`` stored (a successful sign-in is no failure); call inside a transaction."""
    await session.exec(delete(LoginAttempt).where(col(LoginAttempt.id).in_(ids)))  # type: ignore[call-overload]


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


async def _count(session: AsyncSession, key: str, since: datetime) -> int:
    query = select(func.count()).select_from(LoginAttempt)
    query = query.where(LoginAttempt.key == key, LoginAttempt.created_at >= since)
    return (await session.exec(query)).one()


async def _wait(session: AsyncSession, key: str, since: datetime, skip: int, now: datetime) -> timedelta:
    """How long until the attempt whose expiry brings the count back to the limit has aged out."""
    times = (
        await session.exec(
            select(LoginAttempt.created_at)
            .where(LoginAttempt.key == key, LoginAttempt.created_at >= since)
            .order_by(col(LoginAttempt.created_at), col(LoginAttempt.id))
            .offset(skip)
            .limit(1)
        )
    ).all()
    return _expiry(times[0]) - now if times else THROTTLE_WINDOW


def _throttled(wait: timedelta) -> AuthError:
    return AuthError('auth.throttled', minutes=max(1, math.ceil(wait.total_seconds() / 60)))
