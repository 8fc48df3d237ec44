"""Server-side sign-in sessions: create, look up, revoke, rotate.

The browser's signed cookie carries a random ``token_urlsafe(32)``; the database keeps only its SHA-256
(``AuthSession.id``), so a leaked database copy does not hold usable sessions. A session ends on sign-out, after 14
idle days (the cookie's max_age) or when its account is deleted.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, update
from sqlmodel import select

from routix.core.db import Database
from routix.models import AuthSession, User, utcnow

SESSION_IDLE = timedelta(days=14)  # matches the cookie's max_age
LAST_SEEN_EVERY = timedelta(minutes=1)
MAX_TOKEN = 100


async def create_session(*, db: Database, user_id: int) -> str:
    """A new sign-in session; the returned token goes into the signed session cookie."""
    token = secrets.token_urlsafe(32)
    async with db.transaction() as session:
        session.add(AuthSession(id=_digest(token), user_id=user_id))
        await session.exec(update(User).where(User.id == user_id).values(last_seen_at=utcnow()))  # type: ignore[arg-type]
    return token


async def rotate_session(*, db: Database, previous: str | None, user_id: int) -> str:
    """End the previous session of this browser (if any) and start a new one: a sign-in never reuses a token."""
    await end_session(db=db, token=previous)
    return await create_session(db=db, user_id=user_id)


async def user_for_session(*, db: Database, token: str | None) -> User | None:
    """The (not deleted) user of a live session, else None; refreshes ``last_seen_at`` at most once a minute."""
    if not token or not isinstance(token, str) or len(token) > MAX_TOKEN:
        return None
    sid = _digest(token)
    async with db.session() as session:
        row = (
            await session.exec(
                select(AuthSession, User)
                .join(User, User.id == AuthSession.user_id)  # type: ignore[arg-type]
                .where(AuthSession.id == sid)
            )
        ).first()
    if row is None:
        return None
    auth_session, user = row
    now = utcnow()
    if user.deleted_at is not None or user.disabled_at is not None or now - auth_session.last_seen_at > SESSION_IDLE:
        await end_session(db=db, token=token)
        return None
    if now - auth_session.last_seen_at > LAST_SEEN_EVERY:
        async with db.transaction() as session:
            await session.exec(update(AuthSession).where(AuthSession.id == sid).values(last_seen_at=now))  # type: ignore[arg-type]
            await session.exec(update(User).where(User.id == user.id).values(last_seen_at=now))  # type: ignore[arg-type]
    return user


async def end_session(*, db: Database, token: str | None) -> int | None:
    """Forget one session (logout); returns whose it was (None for an unknown token, which is fine)."""
    if not token or not isinstance(token, str):
        return None
    sid = _digest(token)
    async with db.transaction() as session:
        user_id = (await session.exec(select(AuthSession.user_id).where(AuthSession.id == sid))).first()
        await session.exec(delete(AuthSession).where(AuthSession.id == sid))  # type: ignore[arg-type]
    return user_id


async def end_all_sessions(*, db: Database, user_id: int) -> None:
    """Forget every session of a user ('sign out everywhere')."""
    async with db.transaction() as session:
        await session.exec(delete(AuthSession).where(AuthSession.user_id == user_id))  # type: ignore[arg-type]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
