"""Fair use: how much one creator may start at once and per minute, checked before anything is written or charged.

The counts come from the rows the creator already has (generations, user messages, uploads of the last minute), so
the limits hold across restarts and for every process that shares the database, and no state lives in memory. Two
requests of the same creator arriving in the same instant can both pass; the limits bound abuse, not exact quotas.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import QuotaExceeded
from routix.models import Generation, Message, Upload, utcnow
from routix.vocabulary import GenerationStatus

WINDOW = timedelta(minutes=1)
ACTIVE = (GenerationStatus.QUEUED, GenerationStatus.PROCESSING)


async def check_generation(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator has too many generations queued or running, or started too many this minute."""
    since = utcnow() - WINDOW
    async with db.session() as session:
        active = await session.exec(
            select(func.count(col(Generation.id))).where(
                Generation.owner_id == owner_id, col(Generation.status).in_(ACTIVE)
            )
        )
        if int(active.one()) >= settings.max_active_generations:
            raise QuotaExceeded('limits.active', n=settings.max_active_generations)
        recent = await session.exec(
            select(col(Generation.created_at)).where(Generation.owner_id == owner_id, Generation.created_at >= since)
        )
        limit = settings.generations_per_minute
        if wait := _wait(list(recent.all()), limit):
            raise QuotaExceeded('limits.generations', n=limit, seconds=wait)


async def check_message(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator sent too many messages this minute."""
    since = utcnow() - WINDOW
    async with db.session() as session:
        recent = await session.exec(
            select(col(Message.created_at)).where(
                Message.owner_id == owner_id, Message.role == 'user', Message.created_at >= since
            )
        )
        limit = settings.messages_per_minute
        if wait := _wait(list(recent.all()), limit):
            raise QuotaExceeded('limits.messages', n=limit, seconds=wait)


async def check_upload(*, db: Database, settings: Settings, owner_id: int) -> None:
    """QuotaExceeded when this creator uploaded too many images this minute."""
    since = utcnow() - WINDOW
    async with db.session() as session:
        recent = await session.exec(
            select(col(Upload.created_at)).where(Upload.owner_id == owner_id, Upload.created_at >= since)
        )
        limit = settings.uploads_per_minute
        if wait := _wait(list(recent.all()), limit):
            raise QuotaExceeded('limits.uploads', n=limit, seconds=wait)


def _wait(times: list[datetime], limit: int) -> int:
    """0 while fewer than ``limit`` (0: no limit) of ``times`` fall in the last minute, else the seconds until the
    oldest that counts leaves it."""
    if limit <= 0 or len(times) < limit:
        return 0
    oldest = sorted(_aware(t) for t in times)[-limit]  # the window frees up when this one leaves it
    return max(1, int((oldest + WINDOW - utcnow()).total_seconds() + 0.999))


def _aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back naive (they are stored in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
