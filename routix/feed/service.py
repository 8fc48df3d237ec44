"""``FeedService``: feed mockups of a creator's own finished thumbnails (and their own uploads beside them)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound
from routix.core.runtime import Runtime
from routix.feed.mockup import SURFACES, THEME_NAMES, FeedRequest, render_feed
from routix.models import Generation, Upload, User
from routix.storage import ImageStore
from routix.vocabulary import GenerationStatus

MAX_TITLE_CHARS = 100
"""YouTube's limit for a video title"""
MAX_COMPARISONS = 5
"""the home grid has six places: the creator's thumbnail and five others"""


class FeedService:
    """Draws a creator's thumbnail into YouTube's surfaces; every row it reads is filtered by the owner."""

    def __init__(self, *, db: Database, store: ImageStore, runtime: Runtime) -> None:
        self.db = db
        self.store = store
        self.runtime = runtime

    async def preview(
        self,
        owner_id: int,
        generation_id: int,
        *,
        surface: str = 'home',
        theme: str = 'light',
        title: str = '',
        comparison_upload_ids: Sequence[int] = (),
        lang: str = 'en',
    ) -> bytes:
        """The PNG mockup of one finished thumbnail on ``surface`` in ``theme``; the title defaults to the headline."""
        return await self.preview_set(
            owner_id,
            [generation_id],
            surface=surface,
            theme=theme,
            title=title,
            comparison_upload_ids=comparison_upload_ids,
            lang=lang,
        )

    async def preview_set(
        self,
        owner_id: int,
        generation_ids: Sequence[int],
        *,
        surface: str = 'home',
        theme: str = 'light',
        title: str = '',
        comparison_upload_ids: Sequence[int] = (),
        lang: str = 'en',
    ) -> bytes:
        """Several of the creator's thumbnails side by side (a variant set), titled ``title`` or each its headline."""
        if surface not in SURFACES or theme not in THEME_NAMES or not generation_ids:
            raise InvalidRequest('request.invalid')
        uploads = list(dict.fromkeys(comparison_upload_ids))[:MAX_COMPARISONS]
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(Generation).where(
                        col(Generation.id).in_(list(generation_ids)),
                        Generation.owner_id == owner_id,
                        col(Generation.deleted_at).is_(None),
                    )
                )
            ).all()
            by_id = {row.id: row for row in rows}
            gens = [by_id.get(gid) for gid in generation_ids]
            if any(g is None or g.status != GenerationStatus.COMPLETED or not g.image_key for g in gens):
                raise NotFound('generation.not_found')
            found = (
                await session.exec(select(Upload).where(col(Upload.id).in_(uploads), Upload.owner_id == owner_id))
            ).all()
            keys = {u.id: u.storage_key for u in found}
            if len(keys) != len(uploads):
                raise NotFound('upload.not_found')
            user = await session.get(User, owner_id)
        thumbnails = [await self.store.get(g.image_key) for g in gens if g is not None and g.image_key]
        comparisons = [await self.store.get(keys[uid]) for uid in uploads]
        typed = ' '.join(title.split())[:MAX_TITLE_CHARS]
        request = FeedRequest(
            surface=surface,
            theme=theme,
            lang=lang,
            thumbnails=tuple(thumbnails),
            title=typed,
            titles=tuple(typed or (g.headline if g else '') for g in gens),
            channel=user.display_name if user else '',
            comparisons=tuple(comparisons),
        )
        return await self.runtime.cpu(render_feed, request)
