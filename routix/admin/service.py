"""AdminService: what the admin console does. Every call names the acting user and is refused unless they are a
live admin — the page checks too, but the service never trusts it.

Credits move through ``routix.ops.users.grant_credits`` (the same ledger rows as ``routix credits grant``, with
``admin:<id>`` as the operator); plans through ``routix.billing.refill.set_plan`` (this month's credits included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import col, select

from routix.accounts.erase import erase_user
from routix.accounts.service import AccountService
from routix.admin.live import Operations, snapshot
from routix.billing.plans import PlanBook
from routix.billing.refill import set_plan
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound
from routix.models import CreditEntry, User
from routix.ops import users as ops
from routix.providers.registry import ProviderStatus, check_providers
from routix.storage import ImageStore

PAGE_SIZE = 25


@dataclass(kw_only=True, frozen=True, slots=True)
class AccountRow:
    """One account as the console lists it."""

    id: int
    email: str
    display_name: str
    role: str
    plan: str
    tier: str
    credits: int
    last_seen_at: datetime | None
    disabled: bool


class AdminService:
    """Accounts, credits, plans and live operations, for admins."""

    def __init__(
        self, *, settings: Settings, db: Database, store: ImageStore, accounts: AccountService, book: PlanBook
    ) -> None:
        self.settings = settings
        self.db = db
        self.store = store
        self.accounts = accounts
        self.book = book

    async def is_admin(self, user_id: int | None) -> bool:
        """Whether ``user_id`` is a live (not deleted, not disabled) admin."""
        if user_id is None:
            return False
        user = await self.accounts.get_user(user_id)
        return user is not None and user.role == 'admin' and user.disabled_at is None and user.deleted_at is None

    async def search(self, *, actor_id: int, query: str = '', page: int = 1) -> tuple[list[AccountRow], int]:
        """Accounts whose email or name contains ``query`` (all when empty), oldest first, and the number of pages."""
        await self._require(actor_id)
        where: list[ColumnElement[bool]] = [col(User.deleted_at).is_(None)]
        if text := query.strip()[:120]:
            pattern = f'%{text.lower()}%'
            where.append(or_(func.lower(User.email).like(pattern), func.lower(User.display_name).like(pattern)))
        async with self.db.session() as session:
            total = (await session.exec(select(func.count()).select_from(User).where(*where))).one()
            found = await session.exec(
                select(User)
                .where(*where)
                .order_by(col(User.id))
                .offset((max(page, 1) - 1) * PAGE_SIZE)
                .limit(PAGE_SIZE)
            )
            rows = [_row(user) for user in found.all()]
        return rows, max(1, -(-int(total) // PAGE_SIZE))

    async def set_disabled(self, *, actor_id: int, user_id: int, disabled: bool) -> AccountRow:
        """Disable (no sign-in, every session and open tab ends) or enable an account; never one's own."""
        await self._require(actor_id)
        target = await self._target(user_id, actor_id=actor_id)
        user = await ops.set_disabled(db=self.db, email=target.email, disabled=disabled)
        if disabled:
            await self.accounts.end_all_sessions(user_id)  # also stops the tabs this server has open
        return _row(user)

    async def delete(self, *, actor_id: int, user_id: int) -> int:
        """Delete an account with its thumbnails, uploads, conversations and ledger; returns the images deleted."""
        await self._require(actor_id)
        await self._target(user_id, actor_id=actor_id)
        await self.accounts.end_all_sessions(user_id)
        return await erase_user(
            db=self.db, store=self.store, user_id=user_id, video_root=self.settings.data_dir / 'videos'
        )

    async def grant(self, *, actor_id: int, user_id: int, amount: int, reason: str) -> CreditEntry:
        """Add (negative: take away, never below zero) credits; the ledger keeps the reason and ``admin:<id>``."""
        await self._require(actor_id)
        target = await self._target(user_id)
        entry = await ops.grant_credits(
            db=self.db, email=target.email, amount=amount, reason=reason, operator=f'admin:{actor_id}'
        )
        self.accounts.balances.changed(user_id, entry.balance_after)
        return entry

    async def change_plan(self, *, actor_id: int, user_id: int, plan: str) -> AccountRow:
        """Put an account on another plan (no end date); a plan with monthly credits gives this month's at once."""
        await self._require(actor_id)
        await self._target(user_id)
        chosen = self.book.named(plan)
        user = await set_plan(db=self.db, book=self.book, user_id=user_id, plan=chosen, balances=self.accounts.balances)
        fresh = await self.accounts.get_user(user_id)
        return _row(fresh or user)

    async def operations(self, *, actor_id: int, connected_tabs: int) -> Operations:
        """The live load: tabs, queue, jobs per minute, the last day's failures, stored bytes."""
        await self._require(actor_id)
        return await snapshot(db=self.db, connected_tabs=connected_tabs)

    async def provider_health(self, *, actor_id: int) -> list[ProviderStatus]:
        """What ``routix providers check`` says: each image provider, configured or not, and a cheap call's result."""
        await self._require(actor_id)
        return await check_providers(self.settings)

    async def _require(self, actor_id: int) -> None:
        if not await self.is_admin(actor_id):
            raise NotFound()  # the console does not exist for anyone else

    async def _target(self, user_id: int, *, actor_id: int | None = None) -> User:
        if user_id == actor_id:
            raise InvalidRequest('admin.not_yourself')
        user = await self.accounts.get_user(user_id)
        if user is None or user.deleted_at is not None:
            raise NotFound('admin.no_such_account')
        return user


def _row(user: User) -> AccountRow:
    assert user.id is not None
    return AccountRow(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        plan=user.plan,
        tier=user.tier,
        credits=user.credits,
        last_seen_at=user.last_seen_at,
        disabled=user.disabled_at is not None,
    )
