"""Versions of a thread: which thumbnail is current, undo, redo and branching from any earlier version.

A version is a generation row of the conversation; an edit is a child row (``parent_id``). The conversation's
``last_generation_id`` is the current version: the parent of the next edit. Undo moves it to the parent, redo to the
child that undo left (remembered per process; after a restart, the newest finished child), ``select`` anywhere.
Every move is an event for the creator, so all their open tabs move their "current" marker together.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from nicegui import Event
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.chat.queries import owned_conversation
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound
from routix.core.events import EventTables, local_tables
from routix.generation.views import media_url
from routix.models import Conversation, Generation, utcnow
from routix.vocabulary import GenerationStatus

SHOWN = (GenerationStatus.COMPLETED, GenerationStatus.FAILED)


@dataclass(kw_only=True, slots=True)
class VersionView:
    """One version in the strip: ``number`` counts the thread's versions from 1, oldest first."""

    id: int
    parent_id: int | None
    number: int
    status: GenerationStatus
    headline: str
    image_url: str | None
    preview_url: str | None
    created_at: datetime

    @property
    def usable(self) -> bool:
        """Whether it can be current (a failed version has no picture to edit)."""
        return self.status == GenerationStatus.COMPLETED


@dataclass(kw_only=True, frozen=True, slots=True)
class VersionMove:
    """The current version of a conversation changed (``generation_id`` None: the thread has none)."""

    conversation_id: int
    generation_id: int | None


class VersionService:
    """Reads a thread's versions and moves its current one; every move fires ``moves_for(owner)``."""

    def __init__(self, *, db: Database, events: EventTables = local_tables) -> None:
        self.db = db
        self._moves: defaultdict[int, Event[VersionMove]] = events('versions')
        self._left: dict[tuple[int, int], int] = {}  # (conversation, parent) → the child an undo left

    def moves_for(self, user_id: int) -> Event[VersionMove]:
        """Fires when one of this user's conversations got another current version (select, undo, redo)."""
        return self._moves[user_id]

    async def versions(self, *, owner_id: int, conversation_id: int) -> list[VersionView]:
        """Every finished or failed version of the thread, oldest first, numbered from 1."""
        async with self.db.session() as session:
            await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            rows = await _rows(session, owner_id, conversation_id)
        return [_view(row, number) for number, row in enumerate(rows, start=1)]

    async def current(self, *, owner_id: int, conversation_id: int) -> int | None:
        """The id of the conversation's current version (None before its first thumbnail)."""
        async with self.db.session() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            return conv.last_generation_id

    async def select(self, *, owner_id: int, conversation_id: int, generation_id: int) -> None:
        """Make a finished version of this thread current: the next edit branches from it."""
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            rows = {row.id: row for row in await _rows(session, owner_id, conversation_id)}
            row = rows.get(generation_id)
            if row is None:
                raise NotFound('generation.not_found')
            if row.status != GenerationStatus.COMPLETED:
                raise InvalidRequest('generation.not_finished')
            _make_current(session, conv, generation_id)
        self._announce(owner_id, conversation_id, generation_id)

    async def undo(self, *, owner_id: int, conversation_id: int) -> int | None:
        """Make the current version's parent current; its new id, or None when there is nothing to undo."""
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            rows = {row.id: row for row in await _rows(session, owner_id, conversation_id)}
            start = conv.last_generation_id
            row = rows.get(start) if start is not None else None
            target = None
            while row is not None and row.parent_id is not None:  # skip failed ancestors: they cannot be current
                parent = rows.get(row.parent_id)
                if parent is not None and parent.status == GenerationStatus.COMPLETED:
                    target = parent
                    break
                row = parent
            if target is None or start is None:
                return None
            assert target.id is not None
            _make_current(session, conv, target.id)
            self._left[(conversation_id, target.id)] = start
        self._announce(owner_id, conversation_id, target.id)
        return target.id

    async def redo(self, *, owner_id: int, conversation_id: int) -> int | None:
        """Make the child that undo left current (else the newest finished child); None when there is none."""
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            current = conv.last_generation_id
            if current is None:
                return None
            rows = await _rows(session, owner_id, conversation_id)
            children = [r.id for r in rows if r.parent_id == current and r.status == GenerationStatus.COMPLETED]
            left = self._left.get((conversation_id, current))
            target = left if left in children else (children[-1] if children else None)
            if target is None:
                return None
            _make_current(session, conv, target)
        self._announce(owner_id, conversation_id, target)
        return target

    def _announce(self, owner_id: int, conversation_id: int, generation_id: int) -> None:
        self._moves[owner_id].emit(VersionMove(conversation_id=conversation_id, generation_id=generation_id))


async def _rows(session: AsyncSession, owner_id: int, conversation_id: int) -> list[Generation]:
    """The owner's finished or failed, not deleted generation rows of one of their conversations, oldest first."""
    result = await session.exec(
        select(Generation)
        .where(
            Generation.owner_id == owner_id,
            Generation.conversation_id == conversation_id,
            col(Generation.deleted_at).is_(None),
            col(Generation.status).in_(SHOWN),
        )
        .order_by(col(Generation.id))
    )
    return list(result.all())


def _make_current(session: AsyncSession, conv: Conversation, generation_id: int) -> None:
    conv.last_generation_id = generation_id
    conv.updated_at = utcnow()
    session.add(conv)


def _view(row: Generation, number: int) -> VersionView:
    assert row.id is not None
    return VersionView(
        id=row.id,
        parent_id=row.parent_id,
        number=number,
        status=row.status,
        headline=row.headline,
        image_url=media_url(row.image_key),
        preview_url=media_url(row.preview_key),
        created_at=row.created_at,
    )
