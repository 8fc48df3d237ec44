"""Plans as configuration and the monthly refill: once per account and month, however often it runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from routix.accounts import credits
from routix.billing.plans import DEFAULT_PLANS, PlanBook, plan_book
from routix.billing.refill import refill_all, refill_user, set_plan
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest
from routix.models import CreditEntry, PlanRefill, User

DECEMBER = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
JANUARY = datetime(2027, 1, 1, 0, 5, tzinfo=UTC)


async def _account(db: Database, email: str, *, plan: str = 'free', balance: int = 0) -> int:
    async with db.transaction() as session:
        user = User(email=email, plan=plan, tier='free' if plan == 'free' else 'premium')
        session.add(user)
        await session.flush()
        assert user.id is not None
        if balance:
            await credits.credit(session=session, user_id=user.id, amount=balance, reason='signup')
    return user.id


async def _user(db: Database, user_id: int) -> User:
    async with db.session() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


async def _refills(db: Database, user_id: int) -> list[tuple[str, int]]:
    async with db.session() as session:
        rows = await session.exec(
            select(CreditEntry.reason, CreditEntry.delta)
            .where(CreditEntry.user_id == user_id, CreditEntry.reason == 'refill')
            .order_by(col(CreditEntry.id))
        )
        return [(reason, delta) for reason, delta in rows.all()]


def test_the_built_in_plans_are_free_creator_and_pro() -> None:
    book = PlanBook()
    assert [(p.name, p.monthly_credits, p.price_cents, p.watermark) for p in book.plans] == [
        ('free', 0, 0, True),
        ('creator', 200, 900, False),
        ('pro', 1000, 2900, False),
    ]
    assert book.default.name == 'free' and book.get('gone-from-the-file').name == 'free'
    with pytest.raises(InvalidRequest) as refused:
        book.named('platinum')
    assert refused.value.code == 'plan.unknown'
    free, creator = User(email='a@x.io', plan='free', tier='free'), User(email='b@x.io', plan='creator', tier='premium')
    assert book.watermarked(free) and not book.watermarked(creator)
    # accounts given a paid tier before plans existed keep their unmarked thumbnails
    assert not book.watermarked(User(email='c@x.io', plan='free', tier='premium'))


def test_a_plans_file_replaces_the_defaults(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / 'plans.json'
    plans = [
        {'name': 'hobby', 'monthly_credits': 0, 'watermark': True, 'tiers': ['basic']},
        {'name': 'studio', 'monthly_credits': 50, 'price_cents': 1500, 'tiers': ['basic', 'premium']},
    ]
    path.write_text(
        json.dumps({'currency': 'EUR', 'plans': plans, 'packs': [{'name': 'p', 'credits': 5, 'price_cents': 99}]})
    )
    book = plan_book(settings.model_copy(update={'plans_file': path}))
    assert [p.name for p in book.plans] == ['hobby', 'studio'] and book.currency == 'eur'
    assert book.default.name == 'hobby' and book.get('studio').tier == 'premium'
    assert not book.allows(User(email='h@x.io', plan='hobby'), 'premium')
    assert book.allows(User(email='s@x.io', plan='studio'), 'premium')
    assert not book.allows(User(email='s@x.io', plan='studio'), 'pro')
    broken = tmp_path / 'broken.json'  # read once per process: another file, as after an edit and a restart
    broken.write_text(json.dumps({'plans': [{'name': 'x', 'tiers': ['pro']}]}))  # a plan without basic
    with pytest.raises(SystemExit, match='tiers must include basic'):
        plan_book(settings.model_copy(update={'plans_file': broken}))


async def test_a_month_is_refilled_once_however_often_the_refill_runs(db: Database) -> None:
    book = PlanBook()
    creator = await _account(db, 'creator@example.com', plan='creator', balance=20)
    free = await _account(db, 'free@example.com', balance=20)
    assert await refill_all(db=db, book=book, now=DECEMBER) == 1
    assert await refill_all(db=db, book=book, now=DECEMBER + timedelta(days=20)) == 0  # a restart, the next day…
    assert await refill_user(db=db, book=book, user_id=creator, now=DECEMBER) == 0
    assert (await _user(db, creator)).credits == 220 and (await _user(db, free)).credits == 20
    assert await refill_all(db=db, book=book, now=JANUARY) == 1
    assert (await _user(db, creator)).credits == 420
    assert await _refills(db, creator) == [('refill', 200), ('refill', 200)]
    async with db.session() as session:
        periods = (await session.exec(select(PlanRefill.period).where(PlanRefill.user_id == creator))).all()
    assert sorted(periods) == ['2026-12', '2027-01']


async def test_changing_plan_moves_the_tier_and_gives_this_months_credits_once(db: Database) -> None:
    book = PlanBook()
    user_id = await _account(db, 'ada@example.com')
    user = await set_plan(db=db, book=book, user_id=user_id, plan=book.named('pro'))
    assert (user.plan, user.tier) == ('pro', 'pro') and not book.watermarked(await _user(db, user_id))
    assert (await _user(db, user_id)).credits == 1000
    await set_plan(db=db, book=book, user_id=user_id, plan=book.named('creator'))  # same month: nothing more
    assert (await _user(db, user_id)).credits == 1000 and (await _user(db, user_id)).tier == 'premium'
    await set_plan(db=db, book=book, user_id=user_id, plan=book.named('free'))
    assert book.watermarked(await _user(db, user_id))


async def test_a_bought_period_that_ended_falls_back_to_the_free_plan(db: Database) -> None:
    book = PlanBook()
    user_id = await _account(db, 'ada@example.com')
    await set_plan(db=db, book=book, user_id=user_id, plan=book.named('creator'), renews_at=DECEMBER)
    await refill_all(db=db, book=book, now=DECEMBER + timedelta(days=1))
    user = await _user(db, user_id)
    assert (user.plan, user.tier, user.plan_renews_at) == ('free', 'free', None)
    assert DEFAULT_PLANS[0].name == 'free'
