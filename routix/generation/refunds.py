"""Refunds: a generation's credits go back exactly once, and a failed or cancelled job is recorded with its refund."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.accounts import credits
from routix.core.db import Database
from routix.generation.updates import GenerationUpdates
from routix.generation.views import FINISHED, GenerationView, failure_text
from routix.models import Generation, utcnow
from routix.vocabulary import GenerationStatus


class Refunds:
    """Gives credits back and records unhappy endings; every balance change is announced to its creator."""

    def __init__(self, *, db: Database, balances: credits.BalanceEvents, updates: GenerationUpdates) -> None:
        self.db = db
        self.balances = balances
        self.updates = updates

    async def refund(self, generation_id: int) -> None:
        """Refund a generation that goes on (e.g. finished with the basic renderer instead of the paid provider)."""
        balance = None
        async with self.db.transaction() as session:
            row = await session.get(Generation, generation_id)
            if row is not None:
                balance = await self._refund_in(session, row)
                session.add(row)
        self._announce(row, balance)

    async def finish_failed(
        self,
        generation_id: int,
        *,
        status: GenerationStatus,
        code: str,
        params: dict[str, Any] | None = None,
        learnt: dict[str, Any] | None = None,
    ) -> None:
        """End a generation as failed or cancelled with an error code, refunded; a finished one is left alone.

        The refund is not part of the code: pages read it from ``refunded`` and ``credits_charged``. ``error`` gets
        the English text of both. ``learnt`` is what the run had found out but not yet saved (analysis, template,
        ...): it is kept on the row.
        """
        async with self.db.transaction() as session:
            row = await session.get(Generation, generation_id)
            if row is None or row.status in FINISHED:
                return
            for name, value in (learnt or {}).items():
                setattr(row, name, value)
            balance = await self._refund_in(session, row)
            row.status, row.finished_at = status, utcnow()
            row.error_code, row.error_params = code, dict(params or {})
            refunded = row.credits_charged if row.refunded else 0
            row.error = failure_text(code, row.error_params, refunded=refunded, lang='en')[:500]
            session.add(row)
        self._announce(row, balance)
        self.updates.emit(GenerationView.of(row))

    def _announce(self, row: Generation | None, balance: int | None) -> None:
        """Tell the creator the new balance, once the refund is committed (not while the write lock is held)."""
        if row is not None and balance is not None:
            self.balances.changed(row.owner_id, balance)

    async def _refund_in(self, session: AsyncSession, row: Generation) -> int | None:
        """Refund once (the conditional update on ``refunded`` makes a second refund a no-op); the new balance."""
        if not row.credits_charged or row.refunded:
            return None
        result = await session.exec(
            update(Generation)
            .where(col(Generation.id) == row.id, col(Generation.refunded).is_(False))
            .values(refunded=True)
        )
        if result.rowcount != 1:
            return None
        row.refunded = True
        return await credits.credit(
            session=session, user_id=row.owner_id, amount=row.credits_charged, reason='refund', generation_id=row.id
        )
