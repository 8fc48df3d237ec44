"""Plan changes and the monthly refill: every account on a plan with monthly credits gets them once per month.

The refill inserts a ``plan_refills`` row (unique per user and 'YYYY-MM') and the ledger row in one transaction, so it
can run at every start, every day and from several processes: a month already refilled is skipped, and a race ends in
the unique constraint with nothing changed. A plan bought for a period (Stripe) falls back to the default plan once
its ``plan_renews_at`` has passed; a plan set by an admin has no end.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from routix.accounts import credits
from routix.accounts.credits import BalanceEvents
from routix.billing.plans import Plan, PlanBook
from routix.core.db import Database
from routix.core.errors import NotFound
from routix.models import PlanRefill, User, utcnow

DAY_SECONDS = 24 * 3600
log = logging.getLogger(__name__)


def period_of(moment: datetime) -> str:
    """The refill period ('YYYY-MM', UTC) a moment falls in."""
    return f'{moment.year:04d}-{moment.month:02d}'


async def set_plan(
    *,
    db: Database,
    book: PlanBook,
    user_id: int,
    plan: Plan,
    renews_at: datetime | None = None,
    balances: BalanceEvents | None = None,
) -> User:
    """Put an account on ``plan`` (its account tier follows) and give this month's credits if not given yet."""
    async with db.transaction() as session:
        user = await session.get(User, user_id)
        if user is None or user.deleted_at is not None:
            raise NotFound('ops.no_such_user', email=str(user_id))
        values = {'plan': plan.name, 'tier': plan.tier, 'plan_renews_at': renews_at}
        await session.exec(update(User).where(col(User.id) == user_id).values(**values))  # type: ignore[call-overload]
        user.plan, user.tier, user.plan_renews_at = plan.name, plan.tier, renews_at
    await refill_user(db=db, book=book, user_id=user_id, balances=balances)
    return user


async def refill_user(
    *, db: Database, book: PlanBook, user_id: int, now: datetime | None = None, balances: BalanceEvents | None = None
) -> int:
    """Give this account its plan's credits for the month of ``now`` unless it had them; returns the credits given."""
    period = period_of(now or utcnow())
    try:
        async with db.transaction() as session:
            user = await session.get(User, user_id)
            if user is None or user.deleted_at is not None or user.disabled_at is not None:
                return 0
            plan = book.plan_of(user)
            if plan.monthly_credits <= 0:
                return 0
            done = await session.exec(
                select(PlanRefill.id).where(PlanRefill.user_id == user_id, PlanRefill.period == period)
            )
            if done.first() is not None:
                return 0
            session.add(PlanRefill(user_id=user_id, period=period, plan=plan.name, credits=plan.monthly_credits))
            await session.flush()  # the unique (user, period) refuses a refill another process just made
            balance = await credits.credit(
                session=session, user_id=user_id, amount=plan.monthly_credits, reason='refill'
            )
    except IntegrityError:
        return 0
    if balances is not None:
        balances.changed(user_id, balance)
    return plan.monthly_credits


async def refill_all(
    *, db: Database, book: PlanBook, now: datetime | None = None, balances: BalanceEvents | None = None
) -> int:
    """End expired plan periods, then refill every account on a plan with monthly credits; returns how many."""
    now = now or utcnow()
    await _end_expired(db=db, book=book, now=now)
    paying = [plan.name for plan in book.plans if plan.monthly_credits > 0]
    if not paying:
        return 0
    refilled = select(PlanRefill.user_id).where(PlanRefill.period == period_of(now))
    async with db.session() as session:  # accounts refilled this month are left out here: a daily rerun is one query
        found = await session.exec(
            select(User.id).where(
                col(User.plan).in_(paying),
                col(User.deleted_at).is_(None),
                col(User.disabled_at).is_(None),
                col(User.id).not_in(refilled),
            )
        )
        ids = [i for i in found.all() if i is not None]
    given = 0
    for user_id in ids:
        given += bool(await refill_user(db=db, book=book, user_id=user_id, now=now, balances=balances))
    return given


async def run_refills(*, db: Database, book: PlanBook, balances: BalanceEvents) -> None:
    """The background task: refill at start, then once a day (a month's refill is applied once however often)."""
    while True:
        try:
            given = await refill_all(db=db, book=book, balances=balances)
            if given:
                log.info('monthly plan credits given to %d accounts', given)
        except Exception:  # a failed round is retried tomorrow; the task must not die
            log.exception('the monthly refill failed')
        await asyncio.sleep(DAY_SECONDS)


async def _end_expired(*, db: Database, book: PlanBook, now: datetime) -> None:
    async with db.session() as session:
        found = await session.exec(
            select(User.id).where(col(User.plan_renews_at).is_not(None), col(User.plan_renews_at) < now)
        )
        expired = [i for i in found.all() if i is not None]
    for user_id in expired:
        log.info('the plan of account %d ended; back on %s', user_id, book.default.name)
        await set_plan(db=db, book=book, user_id=user_id, plan=book.default)
