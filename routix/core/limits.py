"""Fair use: how much one creator may start at once and per minute, checked before anything is written or charged
(and whether the account is disabled).

The counts come from the rows the creator already has (generations, user messages, uploads of the last minute), so
the limits hold across restarts and for every process that shares the database, and no state lives in memory. Two
requests of the same creator arriving in the same instant can both pass; the limits bound abuse, not exact quotas.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import AuthError, QuotaExceeded
from routix.models import Generation, Message, Upload, User, utcnow
from routix.vocabulary import GenerationStatus

WINDOW = timedelta(minutes=1)
ACTIVE = (GenerationStatus.QUEUED, GenerationStatus.PROCESSING)


async def check_generation(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator has too many generations queued or running, or started too many new ones
    this minute (a version made from another, ``parent_id`` set, counts towards ``check_edit`` instead)."""
    async with db.session() as session:
        await _refuse_disabled(session, owner_id)
        active = await session.exec(
            # '+ 0' keeps SQLite off the owner index (every generation the creator ever made) and on the status
            # index (the few queued or running ones of everybody); the same rows, and plain SQL elsewhere
            select(func.count(col(Generation.id))).where(
                col(Generation.status).in_(ACTIVE), col(Generation.owner_id) + 0 == owner_id
            )
        )
        if int(active.one()) >= settings.max_active_generations:
            raise QuotaExceeded('limits.active', n=settings.max_active_generations)
        limit = settings.generations_per_minute
        if wait := await _recent_versions(session, owner_id, limit, edits=False):
            raise QuotaExceeded('limits.generations', n=limit, seconds=wait)


async def check_edit(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator made too many free versions (edits, canvas gestures) this minute; AuthError
    for a disabled account (a stale tab must not keep making versions)."""
    async with db.session() as session:
        await _refuse_disabled(session, owner_id)
        limit = settings.edits_per_minute
        if wait := await _recent_versions(session, owner_id, limit, edits=True):
            raise QuotaExceeded('limits.edits', n=limit, seconds=wait)


async def check_account(*, db: Database, owner_id: int) -> None:
    """AuthError('auth.disabled') for a disabled account (for free work that no per-minute limit covers)."""
    async with db.session() as session:
        await _refuse_disabled(session, owner_id)


async def check_message(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator sent too many messages this minute."""
    async with db.session() as session:
        await _refuse_disabled(session, owner_id)
        limit = settings.messages_per_minute
        recent = await session.exec(
            select(col(Message.created_at))
            .where(Message.owner_id == owner_id, Message.role == 'user')
            .order_by(col(Message.id).desc())
            .limit(max(limit, 1))
        )
        if wait := _wait(list(recent.all()), limit):
            raise QuotaExceeded('limits.messages', n=limit, seconds=wait)


async def check_upload(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator uploaded too many images this minute."""
    async with db.session() as session:
        await _refuse_disabled(session, owner_id)
        limit = settings.uploads_per_minute
        recent = await session.exec(
            select(col(Upload.created_at))
            .where(Upload.owner_id == owner_id)
            .order_by(col(Upload.created_at).desc())  # along the (owner_id, created_at) index
            .limit(max(limit, 1))
        )
        if wait := _wait(list(recent.all()), limit):
            raise QuotaExceeded('limits.uploads', n=limit, seconds=wait)


async def _recent_versions(session: AsyncSession, owner_id: int, limit: int, *, edits: bool) -> int:
    """``_wait`` over this creator's newest new generations (``edits=False``) or versions made from another."""
    kind = col(Generation.parent_id).is_not(None) if edits else col(Generation.parent_id).is_(None)
    recent = await session.exec(
        select(col(Generation.created_at))
        .where(Generation.owner_id == owner_id, kind)
        .order_by(col(Generation.id).desc())  # the newest (ids grow with created_at), along (owner_id, id)
        .limit(max(limit, 1))
    )
    return _wait(list(recent.all()), limit)


async def _refuse_disabled(session: AsyncSession, owner_id: int) -> None:
    """AuthError('auth.disabled') for a disabled account: a tab opened before ``routix users disable`` (another
    process, which cannot tell this server's open tabs) is stopped here, at its next action."""
    disabled = await session.exec(select(User.disabled_at).where(User.id == owner_id))
    if disabled.first() is not None:
        raise AuthError('auth.disabled')


def _wait(newest: list[datetime], limit: int) -> int:
    """0 unless the ``limit`` (0: no limit) newest times all fall in the last minute, else the seconds until the
    oldest of them leaves it."""
    now = utcnow()
    recent = [t for t in newest if t > now - WINDOW]
    if limit <= 0 or len(recent) < limit:
        return 0
    return max(1, int((min(recent) + WINDOW - now).total_seconds() + 0.999))
