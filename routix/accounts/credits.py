"""Credits move only here: a conditional UPDATE whose row count is checked, plus a ledger row, in one transaction."""

from __future__ import annotations

from collections import defaultdict

from nicegui import Event
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.errors import QuotaExceeded
from routix.core.events import EventTables, local_tables
from routix.models import CreditEntry, User


class BalanceEvents:
    """Per-creator balance changes: a page subscribes to ``credits_for(user_id)``; whoever moved credits calls
    ``changed`` after its transaction committed."""

    def __init__(self, events: EventTables = local_tables) -> None:
        self._per_user: defaultdict[int, Event[int]] = events('credits')

    def credits_for(self, user_id: int) -> Event[int]:
        """Fires with the new balance whenever this creator's credits change."""
        return self._per_user[user_id]

    def changed(self, user_id: int, balance: int) -> None:
        """Tell this creator's pages the new balance."""
        self._per_user[user_id].emit(balance)


async def debit(
    *, session: AsyncSession, user_id: int, amount: int, reason: str, generation_id: int | None = None
) -> int:
    """Take ``amount`` credits or raise QuotaExceeded; returns the new balance. Call inside a transaction."""
    if amount <= 0:
        return await balance(session=session, user_id=user_id)
    result = await session.exec(
        update(User)
        .where(col(User.id) == user_id, col(User.credits) >= amount)
        .values(credits=User.credits - amount)
        .returning(col(User.credits))
    )
    row = result.first()
    if row is None:
        have = await balance(session=session, user_id=user_id)
        raise QuotaExceeded('quota.needs', need=amount, have=have)
    session.add(
        CreditEntry(user_id=user_id, delta=-amount, balance_after=row[0], reason=reason, generation_id=generation_id)
    )
    return int(row[0])


async def credit(
    *, session: AsyncSession, user_id: int, amount: int, reason: str, generation_id: int | None = None
) -> int:
    """Add ``amount`` credits (refund, grant, sign-up); returns the new balance. Call inside a transaction."""
    result = await session.exec(
        update(User).where(col(User.id) == user_id).values(credits=User.credits + amount).returning(col(User.credits))
    )
    new_balance = int(result.one()[0])
    session.add(
        CreditEntry(
            user_id=user_id, delta=amount, balance_after=new_balance, reason=reason, generation_id=generation_id
        )
    )
    return new_balance


async def balance(*, session: AsyncSession, user_id: int) -> int:
    """The current balance."""
    return int((await session.exec(select(User.credits).where(User.id == user_id))).one())


async def ledger(*, session: AsyncSession, user_id: int, limit: int = 50, offset: int = 0) -> list[CreditEntry]:
    """Ledger entries of one user, newest first."""
    rows = await session.exec(
        select(CreditEntry)
        .where(CreditEntry.user_id == user_id)
        .order_by(col(CreditEntry.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows.all())
