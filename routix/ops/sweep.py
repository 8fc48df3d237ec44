"""Reference images are deleted when nothing needs them any more.

An upload is needed while a message of a live conversation names it (the thread shows it) or a live generation was
made from it (re-rendering the master PNG or an edit reads it). Deleting a conversation deletes its uploads that no
kept thumbnail needs; the sweep (at start, then every ``ROUTIX_SWEEP_INTERVAL_MINUTES``) deletes every upload needed
by nothing and older than ``ROUTIX_ORPHAN_UPLOAD_HOURS`` — more than the hour an upload may wait for its message.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import StorageError
from routix.models import Conversation, Generation, Message, Upload, utcnow
from routix.storage import ImageStore

log = logging.getLogger(__name__)


async def delete_conversation_uploads(*, db: Database, store: ImageStore, owner_id: int, conversation_id: int) -> int:
    """Delete the uploads named in this (deleted) conversation that nothing else needs; returns how many."""
    async with db.session() as session:
        metas = await session.exec(
            select(Message.meta).where(Message.conversation_id == conversation_id, Message.owner_id == owner_id)
        )
        named = {i for meta in metas.all() for i in (meta or {}).get('upload_ids') or [] if isinstance(i, int)}
    return await _delete_unneeded(db=db, store=store, candidates=named, owner_id=owner_id)


async def sweep_orphan_uploads(*, db: Database, store: ImageStore, older_than: timedelta) -> int:
    """Delete every upload older than ``older_than`` that nothing needs; returns how many."""
    before = utcnow() - older_than
    async with db.session() as session:
        old = set((await session.exec(select(Upload.id).where(Upload.created_at < before))).all())
    return await _delete_unneeded(db=db, store=store, candidates={i for i in old if i is not None})


async def run_sweeps(*, db: Database, store: ImageStore, settings: Settings) -> None:
    """Sweep now and then every sweep interval, until cancelled (at shutdown)."""
    older_than = timedelta(hours=settings.orphan_upload_hours)
    while True:
        try:
            swept = await sweep_orphan_uploads(db=db, store=store, older_than=older_than)
            if swept:
                log.info('deleted %s orphaned reference images', swept)
        except Exception:  # a failed sweep is retried next time; it must not end the loop
            log.exception('the upload sweep failed')
        await asyncio.sleep(settings.sweep_interval_minutes * 60)


async def _delete_unneeded(
    *, db: Database, store: ImageStore, candidates: set[int], owner_id: int | None = None
) -> int:
    if not candidates:
        return 0
    async with db.transaction() as session:
        query = select(Upload).where(col(Upload.id).in_(candidates))
        if owner_id is not None:
            query = query.where(Upload.owner_id == owner_id)
        uploads = list((await session.exec(query)).all())
        needed = await _needed(session, uploads)
        ids = [u.id for u in uploads if u.id not in needed]
        deleted: set[int] = set()
        if ids:  # deleted thumbnails keep their row for the ledger; they no longer point at the image
            await session.exec(update(Generation).where(col(Generation.upload_id).in_(ids)).values(upload_id=None))  # type: ignore[call-overload]
            # one statement, and only what it really deleted counts: every web process of a cluster sweeps, and a
            # racing sweep's DELETE waits for the first one's and then matches nothing (its files are gone already)
            gone = await session.exec(delete(Upload).where(col(Upload.id).in_(ids)).returning(col(Upload.id)))  # type: ignore[call-overload]
            deleted = set(gone.scalars().all())
        doomed = [u for u in uploads if u.id in deleted]
    for upload in doomed:
        try:
            await store.delete(upload.storage_key)
        except StorageError:
            log.warning('could not delete %s; the sweep leaves the file', upload.storage_key)
    return len(doomed)


async def _needed(session: AsyncSession, uploads: list[Upload]) -> set[int]:
    """Which of ``uploads`` a live generation was made from or a message of a live conversation names."""
    ids = {u.id for u in uploads if u.id is not None}
    if not ids:
        return set()
    owners = {u.owner_id for u in uploads}
    since = min(u.created_at for u in uploads)  # a message names an upload made before it
    used = await session.exec(
        select(Generation.upload_id).where(col(Generation.upload_id).in_(ids), col(Generation.deleted_at).is_(None))
    )
    needed = {i for i in used.all() if i is not None}
    metas = await session.exec(
        select(Message.meta)
        .join(Conversation, col(Conversation.id) == Message.conversation_id)
        .where(col(Conversation.deleted_at).is_(None), col(Message.owner_id).in_(owners), Message.created_at >= since)
    )
    for meta in metas.all():
        needed.update(i for i in (meta or {}).get('upload_ids') or [] if i in ids)
    return needed
