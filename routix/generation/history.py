"""A creator's generation history: owner-scoped queries, favourites, deletion with the files."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from nicegui import Event
from sqlalchemy import func, or_
from sqlmodel import col, select

from routix.core.db import Database
from routix.core.errors import InvalidRequest, StorageError
from routix.core.events import EventTables, local_tables
from routix.generation.owned import owned_generation
from routix.generation.views import GenerationView
from routix.models import Generation, utcnow
from routix.storage import ImageStore
from routix.vocabulary import GenerationStatus

log = logging.getLogger(__name__)
PAGE_SIZE = 24


@dataclass(kw_only=True, slots=True)
class HistoryFilter:
    """What the history page filters by; empty values mean 'any'."""

    status: str = ''
    tier: str = ''
    category: str = ''
    favourites_only: bool = False
    search: str = ''


class HistoryService:
    """Reads and changes a creator's own generations; every query filters by the owner."""

    def __init__(self, *, db: Database, store: ImageStore, events: EventTables = local_tables) -> None:
        self.db = db
        self.store = store
        self._per_user: defaultdict[int, Event[int]] = events('history.deletions')

    def deletions_for(self, user_id: int) -> Event[int]:
        """Fires with a generation id when this user deleted it (so every open tab drops it)."""
        return self._per_user[user_id]

    async def page(
        self, *, owner_id: int, flt: HistoryFilter | None = None, before_id: int | None = None, limit: int = PAGE_SIZE
    ) -> list[GenerationView]:
        """One page of generations, newest first; pass the last id seen as ``before_id`` for the next page."""
        flt = flt or HistoryFilter()
        query = select(Generation).where(Generation.owner_id == owner_id, col(Generation.deleted_at).is_(None))
        if before_id is not None:
            query = query.where(col(Generation.id) < before_id)
        if flt.status:
            query = query.where(Generation.status == flt.status)
        if flt.tier:
            query = query.where(Generation.tier == flt.tier)
        if flt.category:
            query = query.where(Generation.category == flt.category)
        if flt.favourites_only:
            query = query.where(col(Generation.favourite).is_(True))
        if flt.search.strip():
            needle = f'%{_escape_like(flt.search.strip().lower())}%'
            query = query.where(
                or_(
                    func.lower(Generation.prompt).like(needle, escape='\\'),
                    func.lower(Generation.headline).like(needle, escape='\\'),
                )
            )
        query = query.order_by(col(Generation.id).desc()).limit(limit)
        async with self.db.session() as session:
            rows = (await session.exec(query)).all()
        return [GenerationView.of(row) for row in rows]

    async def set_favourite(self, *, owner_id: int, generation_id: int, favourite: bool) -> GenerationView:
        """Mark or unmark a favourite."""
        async with self.db.transaction() as session:
            gen = await owned_generation(session, owner_id, generation_id)
            gen.favourite = favourite
            session.add(gen)
        return GenerationView.of(gen)

    async def delete(self, *, owner_id: int, generation_id: int) -> None:
        """Delete a finished generation and its files (the row stays, soft-deleted, for the credit ledger)."""
        async with self.db.transaction() as session:
            gen = await owned_generation(session, owner_id, generation_id)
            if gen.status in (GenerationStatus.QUEUED, GenerationStatus.PROCESSING):
                raise InvalidRequest('generation.cancel_first')
            keys = [k for k in (gen.image_key, gen.preview_key, gen.png_key) if k]
            # a background may be shared with edited versions: only delete it when no live version uses it
            if gen.background_key:
                others = await session.exec(
                    select(func.count())
                    .select_from(Generation)
                    .where(
                        Generation.background_key == gen.background_key,
                        Generation.id != gen.id,
                        col(Generation.deleted_at).is_(None),
                    )
                )
                if int(others.one()) == 0:
                    keys.append(gen.background_key)
            gen.deleted_at = utcnow()
            gen.image_key = gen.preview_key = gen.png_key = None
            session.add(gen)
        for key in keys:
            try:
                await self.store.delete(key)
            except StorageError:
                log.warning('could not delete %s; it stays orphaned', key)
        self._per_user[owner_id].emit(generation_id)


def _escape_like(text: str) -> str:
    return text.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')
