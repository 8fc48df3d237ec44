"""What an operator does to accounts: create, list, disable/enable, promote/demote, grant or revoke credits.

Used by ``routix users …`` / ``routix credits grant`` (routix/ops/cli.py) and open to the admin console. Accounts are
named by email; a deleted account counts as none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.accounts import credits, sessions, signup
from routix.accounts.credentials import normalise_email
from routix.core.db import Database
from routix.core.errors import AuthError, InvalidRequest, NotFound, QuotaExceeded
from routix.core.runtime import Runtime
from routix.models import CreditEntry, User, utcnow

ROLES = ('creator', 'admin')
MAX_NOTE = 200


@dataclass(kw_only=True, frozen=True, slots=True)
class UserRow:
    """One line of ``routix users list``."""

    email: str
    role: str
    tier: str
    credits: int
    last_seen_at: datetime | None
    disabled: bool


async def create_user(
    *, db: Database, runtime: Runtime, email: str, password: str, signup_credits: int, admin: bool = False
) -> User:
    """A password account made by an operator (the sign-up rules and credits apply); ``admin`` makes it an admin."""
    try:
        user = await signup.register(
            db=db, runtime=runtime, email=email, password=password, display_name='', signup_credits=signup_credits
        )
    except AuthError as e:
        if e.code == 'auth.taken':
            raise InvalidRequest('ops.user_exists', email=normalise_email(email)) from e
        raise
    if admin:
        await set_role(db=db, email=user.email, role='admin')
        user.role = 'admin'
    return user


async def list_users(*, db: Database) -> list[UserRow]:
    """Every account that is not deleted, oldest first."""
    async with db.session() as session:
        users = (await session.exec(select(User).where(col(User.deleted_at).is_(None)).order_by(col(User.id)))).all()
    return [
        UserRow(
            email=u.email,
            role=u.role,
            tier=u.tier,
            credits=u.credits,
            last_seen_at=u.last_seen_at,
            disabled=u.disabled_at is not None,
        )
        for u in users
    ]


async def set_disabled(*, db: Database, email: str, disabled: bool) -> User:
    """Disable (no sign-in; every session ends at once) or enable an account."""
    async with db.transaction() as session:
        user = await _user(session, email)
        user.disabled_at = utcnow() if disabled else None
        session.add(user)
    if disabled:
        assert user.id is not None
        await sessions.end_all_sessions(db=db, user_id=user.id)
    return user


async def set_role(*, db: Database, email: str, role: str) -> User:
    """Make an account an admin or a creator."""
    if role not in ROLES:
        raise InvalidRequest('request.invalid')
    async with db.transaction() as session:
        user = await _user(session, email)
        await session.exec(update(User).where(col(User.id) == user.id).values(role=role))  # type: ignore[call-overload]
        user.role = role
    return user


async def grant_credits(*, db: Database, email: str, amount: int, reason: str, operator: str) -> CreditEntry:
    """Add (or, negative, take away) credits with a ledger row naming the operator and their reason.

    A revocation never takes the balance below zero: it is refused (QuotaExceeded 'ops.below_zero') instead."""
    note = ' '.join(reason.split())[:MAX_NOTE]
    if amount == 0:
        raise InvalidRequest('ops.amount_zero')
    if not note:
        raise InvalidRequest('ops.reason_missing')
    async with db.transaction() as session:
        user = await _user(session, email)
        assert user.id is not None
        if amount > 0:
            balance = await credits.credit(session=session, user_id=user.id, amount=amount, reason='grant')
        else:
            try:
                balance = await credits.debit(session=session, user_id=user.id, amount=-amount, reason='revoke')
            except QuotaExceeded as e:
                raise QuotaExceeded('ops.below_zero', email=user.email, have=user.credits) from e
        entry = (
            await session.exec(
                select(CreditEntry).where(CreditEntry.user_id == user.id).order_by(col(CreditEntry.id).desc()).limit(1)
            )
        ).one()
        entry.operator, entry.note = operator[:120], note
        session.add(entry)
    assert entry.balance_after == balance
    return entry


async def _user(session: AsyncSession, email: str) -> User:
    address = normalise_email(email)
    user = (await session.exec(select(User).where(User.email == address, col(User.deleted_at).is_(None)))).first()
    if user is None:
        raise NotFound('ops.no_such_user', email=address)
    return user
