"""Deleting an account with its data: every row that belongs to it and every image it stored.

Stripe events keep their row (the event id must stay known so a redelivery is not applied again) without the user.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

from sqlalchemy import delete, update
from sqlmodel import col, select

from routix.core.db import Database
from routix.core.errors import InvalidRequest, StorageError
from routix.models import (
    AuthSession,
    Conversation,
    CreditEntry,
    Generation,
    Message,
    OAuthIdentity,
    PasswordResetToken,
    PaymentEvent,
    PlanRefill,
    Upload,
    User,
)
from routix.storage import ImageStore
from routix.vocabulary import GenerationStatus

log = logging.getLogger(__name__)


async def erase_user(*, db: Database, store: ImageStore, user_id: int, video_root: Path | None = None) -> int:
    """Delete the account ``user_id``, its rows and its stored images; returns how many images were deleted.

    ``video_root`` is where chat videos live (``<data>/videos``, one folder per owner, local disk even with S3): the
    account's folder goes too. Refused (InvalidRequest 'admin.account_busy') while one of its generations is queued
    or running: the job would write into rows that are gone. Disable the account first; its jobs finish or can be
    cancelled."""
    async with db.transaction() as session:
        active = await session.exec(
            select(Generation.id).where(
                Generation.owner_id == user_id,
                col(Generation.status).in_([GenerationStatus.QUEUED, GenerationStatus.PROCESSING]),
            )
        )
        if active.first() is not None:
            raise InvalidRequest('admin.account_busy')
        found = await session.exec(
            select(Generation.image_key, Generation.png_key, Generation.preview_key, Generation.background_key).where(
                Generation.owner_id == user_id
            )
        )
        keys = {key for row in found.all() for key in row if key}
        keys.update(k for k in (await session.exec(select(Upload.storage_key).where(Upload.owner_id == user_id))).all())
        owned = (
            delete(CreditEntry).where(col(CreditEntry.user_id) == user_id),
            delete(PlanRefill).where(col(PlanRefill.user_id) == user_id),
            delete(PasswordResetToken).where(col(PasswordResetToken.user_id) == user_id),
            delete(AuthSession).where(col(AuthSession.user_id) == user_id),
            delete(OAuthIdentity).where(col(OAuthIdentity.user_id) == user_id),
            delete(Message).where(col(Message.owner_id) == user_id),
            # versions point at their parents and at uploads: unlink before the rows go
            update(Generation).where(col(Generation.owner_id) == user_id).values(parent_id=None, upload_id=None),
            delete(Generation).where(col(Generation.owner_id) == user_id),
            delete(Conversation).where(col(Conversation.owner_id) == user_id),
            delete(Upload).where(col(Upload.owner_id) == user_id),
        )
        for statement in owned:
            await session.exec(statement)  # type: ignore[call-overload]
        await session.exec(
            update(PaymentEvent).where(col(PaymentEvent.user_id) == user_id).values(user_id=None)  # type: ignore[call-overload]
        )
        await session.exec(delete(User).where(col(User.id) == user_id))  # type: ignore[call-overload]
    if video_root is not None:
        await asyncio.to_thread(shutil.rmtree, video_root / str(int(user_id)), True)
    deleted = 0
    for key in sorted(keys):
        try:
            await store.delete(key)
            deleted += 1
        except StorageError:
            log.warning('could not delete %s of a deleted account; the file stays', key)
    return deleted
