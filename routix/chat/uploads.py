"""Reference images: check, sanitise and store an upload; look uploads up for their owner only.

An upload "waits" from the moment it is stored until a message names it. At most ``max_waiting`` uploads of a
creator wait at a time (counted in the database, under the caller's per-creator lock, so parallel requests cannot
all pass), and everything a creator keeps stored (uploads and generated images) stays under their quota.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.chat.views import UploadView
from routix.core.db import Database
from routix.core.errors import InvalidUpload, NotFound
from routix.core.runtime import Runtime
from routix.generation.views import media_url
from routix.images import sanitize_image
from routix.models import Generation, Message, Upload, utcnow
from routix.storage import ImageStore, new_key

WAITING_FOR = timedelta(hours=1)
"""an upload no message named for this long no longer counts as waiting (its tab was closed or the server restarted)"""
MIB = 1024 * 1024


async def save_upload(
    *,
    db: Database,
    store: ImageStore,
    runtime: Runtime,
    owner_id: int,
    data: bytes,
    max_bytes: int,
    max_waiting: int,
    quota_bytes: int,
) -> UploadView:
    """Check, sanitise (off the event loop) and store a reference image; InvalidUpload says what is wrong.

    The caller holds the creator's upload lock: the count and the quota are read and the row written without
    another upload of the same creator in between."""
    if len(data) > max_bytes:
        raise InvalidUpload('upload.too_many_bytes', mb=max_bytes // MIB)
    async with db.session() as session:
        if await waiting_uploads(session=session, owner_id=owner_id) >= max_waiting:
            raise InvalidUpload('upload.too_many', n=max_waiting)
        used = await stored_bytes(session=session, owner_id=owner_id)
    _check_quota(used, 1, quota_bytes)  # already full: refuse before the decoding work
    clean = await runtime.cpu(sanitize_image, data, max_bytes=max_bytes)
    _check_quota(used, len(clean.png), quota_bytes)
    key = new_key(owner_id, 'png' if clean.png.startswith(b'\x89PNG') else 'jpg')
    await store.put(key, clean.png)
    async with db.transaction() as session:
        upload = Upload(
            owner_id=owner_id,
            storage_key=key,
            mime=clean.mime,
            width=clean.width,
            height=clean.height,
            size_bytes=len(clean.png),
            sha256=clean.sha256,
        )
        session.add(upload)
    assert upload.id is not None
    return UploadView(id=upload.id, url=media_url(key) or '', width=clean.width, height=clean.height)


async def discard_upload(*, db: Database, store: ImageStore, owner_id: int, upload_id: int) -> None:
    """Delete a waiting upload of this owner (removed from the composer, or its tab closed); one a message names,
    another owner's, or an unknown id is left alone."""
    async with db.transaction() as session:
        upload = await session.get(Upload, upload_id)
        if (
            upload is None
            or upload.owner_id != owner_id
            or upload_id in await _named_since(session=session, owner_id=owner_id, since=upload.created_at)
        ):
            return
        key = upload.storage_key
        await session.delete(upload)
    await store.delete(key)


async def waiting_uploads(*, session: AsyncSession, owner_id: int) -> int:
    """How many of this owner's recent uploads no message has named yet."""
    since = utcnow() - WAITING_FOR
    rows = await session.exec(select(Upload.id).where(Upload.owner_id == owner_id, Upload.created_at >= since))
    recent = set(rows.all())
    if not recent:
        return 0
    return len(recent - await _named_since(session=session, owner_id=owner_id, since=since))


async def stored_bytes(*, session: AsyncSession, owner_id: int) -> int:
    """Everything this owner keeps stored: reference images and generated images, in bytes."""
    uploads = await session.exec(
        select(func.coalesce(func.sum(Upload.size_bytes), 0)).where(Upload.owner_id == owner_id)
    )
    images = await session.exec(
        select(func.coalesce(func.sum(Generation.image_bytes), 0)).where(Generation.owner_id == owner_id)
    )
    return int(uploads.one()) + int(images.one())


async def check_owned(*, session: AsyncSession, owner_id: int, upload_ids: list[int]) -> None:
    """NotFound unless every upload exists and belongs to ``owner_id``."""
    for upload_id in upload_ids:
        upload = await session.get(Upload, upload_id)
        if upload is None or upload.owner_id != owner_id:
            raise NotFound('upload.not_found')


async def reference_bytes(*, db: Database, store: ImageStore, owner_id: int, upload_ids: list[int]) -> list[bytes]:
    """The stored bytes of this owner's uploads (others' ids are ignored), for the analyser."""
    if not upload_ids:
        return []
    async with db.session() as session:
        rows = (
            await session.exec(select(Upload).where(col(Upload.id).in_(upload_ids), Upload.owner_id == owner_id))
        ).all()
    return [await store.get(u.storage_key) for u in rows]


async def upload_urls(*, session: AsyncSession, owner_id: int, messages: list[Message]) -> dict[int, str]:
    """The urls of this owner's uploads referenced by ``messages``, by upload id."""
    ids = {i for m in messages for i in (m.meta.get('upload_ids') or [])}
    if not ids:
        return {}
    rows = (await session.exec(select(Upload).where(col(Upload.id).in_(ids), Upload.owner_id == owner_id))).all()
    return {u.id: media_url(u.storage_key) or '' for u in rows if u.id is not None}


async def _named_since(*, session: AsyncSession, owner_id: int, since: datetime) -> set[int]:
    """The upload ids named by this owner's messages written since ``since``."""
    metas = await session.exec(select(Message.meta).where(Message.owner_id == owner_id, Message.created_at >= since))
    return {i for meta in metas.all() for i in (meta or {}).get('upload_ids') or [] if isinstance(i, int)}


def _check_quota(used: int, adding: int, quota_bytes: int) -> None:
    if used + adding > quota_bytes:
        raise InvalidUpload('upload.quota', mb=quota_bytes // MIB)
