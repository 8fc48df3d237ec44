"""Reference images: check, sanitise and store an upload; look uploads up for their owner only."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.chat.views import UploadView
from routix.core.db import Database
from routix.core.errors import InvalidUpload, NotFound
from routix.core.runtime import Runtime
from routix.generation.views import media_url
from routix.images import sanitize_image
from routix.models import Message, Upload
from routix.storage import ImageStore, new_key


async def save_upload(
    *, db: Database, store: ImageStore, runtime: Runtime, owner_id: int, data: bytes, max_bytes: int
) -> UploadView:
    """Check, sanitise (off the event loop) and store a reference image; InvalidUpload says what is wrong."""
    if len(data) > max_bytes:
        raise InvalidUpload('upload.too_many_bytes', mb=max_bytes // (1024 * 1024))
    clean = await runtime.cpu(sanitize_image, data, max_bytes=max_bytes)
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
