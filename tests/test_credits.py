"""Credits: conditional debits, a ledger row per change, no double spend under concurrency (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from routix.accounts import credits
from routix.core.db import Database
from routix.core.errors import QuotaExceeded
from routix.models import CreditEntry, User


async def _user(db: Database, balance: int) -> int:
    async with db.transaction() as session:
        user = User(email=f'c{balance}@example.com', credits=0)
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=balance, reason='grant')
        return user.id


async def test_debit_and_refund_write_the_ledger(db: Database) -> None:
    user_id = await _user(db, 10)
    async with db.transaction() as session:
        assert await credits.debit(session=session, user_id=user_id, amount=3, reason='generation') == 7
    async with db.transaction() as session:
        assert await credits.credit(session=session, user_id=user_id, amount=3, reason='refund') == 10
    async with db.session() as session:
        entries = await credits.ledger(session=session, user_id=user_id)
    assert [(e.delta, e.balance_after, e.reason) for e in entries] == [
        (3, 10, 'refund'),
        (-3, 7, 'generation'),
        (10, 10, 'grant'),
    ]


async def test_debit_beyond_the_balance_is_refused_and_changes_nothing(db: Database) -> None:
    user_id = await _user(db, 2)
    with pytest.raises(QuotaExceeded, match='needs 3 credits and you have 2'):
        async with db.transaction() as session:
            await credits.debit(session=session, user_id=user_id, amount=3, reason='generation')
    async with db.session() as session:
        assert await credits.balance(session=session, user_id=user_id) == 2
        assert len(await credits.ledger(session=session, user_id=user_id)) == 1


async def test_concurrent_debits_never_overspend(db: Database) -> None:
    user_id = await _user(db, 10)

    async def spend() -> bool:
        try:
            async with db.transaction() as session:
                await credits.debit(session=session, user_id=user_id, amount=3, reason='generation')
            return True
        except QuotaExceeded:
            return False

    results = await asyncio.gather(*(spend() for _ in range(12)))
    assert results.count(True) == 3
    async with db.session() as session:
        assert await credits.balance(session=session, user_id=user_id) == 1
        debits = (
            await session.exec(select(CreditEntry).where(CreditEntry.user_id == user_id, CreditEntry.delta < 0))
        ).all()
        user = await session.get(User, user_id)
    assert len(debits) == 3
    assert user is not None and user.credits == 1
    assert sorted(e.balance_after for e in debits) == [1, 4, 7]
