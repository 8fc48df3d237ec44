"""Live operations for the admin console, read from the database: the queue, throughput, failures, storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from routix.core.db import Database
from routix.models import Generation, Upload, User, utcnow
from routix.vocabulary import GenerationStatus

THROUGHPUT_WINDOW = timedelta(minutes=10)
FAILURE_WINDOW = timedelta(hours=24)


@dataclass(kw_only=True, frozen=True, slots=True)
class Failures:
    """Failed generations of the last day with one provider and reason (an error code)."""

    provider: str
    reason: str
    count: int


@dataclass(kw_only=True, frozen=True, slots=True)
class Operations:
    """A snapshot of the server's load."""

    connected_tabs: int
    queued: int
    running: int
    jobs_per_minute: float  # generations finished per minute over the last ten minutes
    failures: list[Failures] = field(default_factory=list)
    fallbacks: int = 0  # paid generations of the last day that a provider failure turned into basic ones
    stored_bytes: int = 0  # thumbnails and reference images the database knows of (deleted thumbnails excluded)
    accounts: int = 0


async def snapshot(*, db: Database, connected_tabs: int) -> Operations:
    """Read the queue, throughput, the last day's failures and the stored bytes."""
    now = utcnow()
    async with db.session() as session:
        by_status = dict(
            (await session.exec(select(Generation.status, func.count()).group_by(col(Generation.status)))).all()
        )
        finished = (
            await session.exec(
                select(func.count()).where(
                    col(Generation.finished_at) >= now - THROUGHPUT_WINDOW,
                    col(Generation.status) == GenerationStatus.COMPLETED,
                )
            )
        ).one()
        failed = await session.exec(
            select(Generation.provider, Generation.error_code, func.count())
            .where(Generation.status == GenerationStatus.FAILED, Generation.created_at >= now - FAILURE_WINDOW)
            .group_by(col(Generation.provider), col(Generation.error_code))
            .order_by(func.count().desc())
        )
        failures = [Failures(provider=p, reason=code or 'unexpected', count=int(n)) for p, code, n in failed.all()]
        fallbacks = (
            await session.exec(
                select(func.count()).where(
                    col(Generation.refunded).is_(True),
                    Generation.status == GenerationStatus.COMPLETED,
                    Generation.created_at >= now - FAILURE_WINDOW,
                )
            )
        ).one()
        images = (
            await session.exec(
                select(func.coalesce(func.sum(Generation.image_bytes), 0)).where(col(Generation.deleted_at).is_(None))
            )
        ).one()
        uploads = (await session.exec(select(func.coalesce(func.sum(Upload.size_bytes), 0)))).one()

        accounts = (await session.exec(select(func.count()).select_from(User))).one()
    return Operations(
        connected_tabs=connected_tabs,
        queued=int(by_status.get(GenerationStatus.QUEUED, 0)),
        running=int(by_status.get(GenerationStatus.PROCESSING, 0)),
        jobs_per_minute=round(int(finished) / (THROUGHPUT_WINDOW.total_seconds() / 60), 2),
        failures=failures,
        fallbacks=int(fallbacks),
        stored_bytes=int(images) + int(uploads),
        accounts=int(accounts),
    )
