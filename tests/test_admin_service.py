"""AdminService: refuses anyone but a live admin on every call, and what an admin does lands in the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from routix.accounts import care, credits, signup
from routix.accounts.credits import BalanceEvents
from routix.accounts.service import AccountService
from routix.admin.service import AdminService
from routix.billing.plans import PlanBook
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import AuthError, InvalidRequest, NotFound, QuotaExceeded
from routix.core.runtime import InlineRuntime
from routix.models import CreditEntry, Generation, Upload, User
from routix.storage import LocalStore, new_key
from routix.vocabulary import GenerationStatus
from tests.helpers.accounts import PASSWORD


@pytest.fixture
def admin(db: Database, settings: Settings, tmp_path: Path) -> AdminService:
    runtime = InlineRuntime()
    accounts = AccountService(db=db, runtime=runtime, settings=settings, balances=BalanceEvents())
    store = LocalStore(tmp_path / 'images', runtime=runtime)
    return AdminService(settings=settings, db=db, store=store, accounts=accounts, book=PlanBook())


async def _account(db: Database, email: str, *, role: str = 'creator', balance: int = 20) -> int:
    async with db.transaction() as session:
        user = User(email=email, role=role)
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=balance, reason='signup')
    return user.id


async def test_every_call_is_refused_to_creators_and_to_unknown_accounts(admin: AdminService, db: Database) -> None:
    creator = await _account(db, 'bob@example.com')
    other = await _account(db, 'eve@example.com')
    calls = (
        admin.search(actor_id=creator),
        admin.set_disabled(actor_id=creator, user_id=other, disabled=True),
        admin.delete(actor_id=creator, user_id=other),
        admin.grant(actor_id=creator, user_id=creator, amount=100, reason='me'),
        admin.change_plan(actor_id=creator, user_id=creator, plan='pro'),
        admin.operations(actor_id=creator, connected_tabs=0),
        admin.provider_health(actor_id=creator),
        admin.search(actor_id=9999),
    )
    for call in calls:
        with pytest.raises(NotFound):
            await call
    async with db.session() as session:
        eve, bob = await session.get(User, other), await session.get(User, creator)
    assert eve is not None and eve.disabled_at is None and bob is not None and (bob.credits, bob.plan) == (20, 'free')


async def test_an_admin_grants_revokes_and_changes_plans(admin: AdminService, db: Database) -> None:
    boss = await _account(db, 'boss@example.com', role='admin')
    bob = await _account(db, 'bob@example.com')
    entry = await admin.grant(actor_id=boss, user_id=bob, amount=-5, reason='  duplicate   sign-up ')
    assert (entry.delta, entry.reason, entry.operator, entry.note, entry.balance_after) == (
        -5,
        'revoke',
        f'admin:{boss}',
        'duplicate sign-up',
        15,
    )
    with pytest.raises(QuotaExceeded) as below:
        await admin.grant(actor_id=boss, user_id=bob, amount=-16, reason='too much')
    assert below.value.code == 'ops.below_zero'
    with pytest.raises(InvalidRequest):
        await admin.grant(actor_id=boss, user_id=bob, amount=5, reason='   ')
    row = await admin.change_plan(actor_id=boss, user_id=bob, plan='creator')
    assert (row.plan, row.tier, row.credits) == ('creator', 'premium', 215)
    with pytest.raises(InvalidRequest):
        await admin.change_plan(actor_id=boss, user_id=bob, plan='platinum')
    rows, pages = await admin.search(actor_id=boss, query='BOB')
    assert [(r.email, r.plan, r.credits) for r in rows] == [('bob@example.com', 'creator', 215)] and pages == 1


async def test_an_admin_cannot_disable_or_delete_themselves(admin: AdminService, db: Database) -> None:
    boss = await _account(db, 'boss@example.com', role='admin')
    for call in (
        admin.set_disabled(actor_id=boss, user_id=boss, disabled=True),
        admin.delete(actor_id=boss, user_id=boss),
    ):
        with pytest.raises(InvalidRequest) as refused:
            await call
        assert refused.value.code == 'admin.not_yourself'


async def test_disabling_stops_sign_in_and_deleting_removes_the_rows_and_the_images(
    admin: AdminService, db: Database
) -> None:
    boss = await _account(db, 'boss@example.com', role='admin')
    bob = await _account(db, 'bob@example.com')
    keys = [new_key(bob, 'jpg'), new_key(bob, 'png'), new_key(bob, 'png')]
    for key in keys:
        await admin.store.put(key, b'image bytes')
    async with db.transaction() as session:
        upload = Upload(owner_id=bob, storage_key=keys[2], mime='image/png', width=1, height=1, sha256='0' * 64)
        session.add(upload)
        await session.flush()
        parent = Generation(
            owner_id=bob,
            prompt='a',
            image_key=keys[0],
            png_key=keys[1],
            upload_id=upload.id,
            status=GenerationStatus.COMPLETED,
        )
        session.add(parent)
        await session.flush()
        session.add(Generation(owner_id=bob, prompt='b', parent_id=parent.id, status=GenerationStatus.FAILED))
    disabled = await admin.set_disabled(actor_id=boss, user_id=bob, disabled=True)
    assert disabled.disabled
    assert not await admin.is_admin(bob)
    videos = admin.settings.data_dir / 'videos'
    (videos / str(bob)).mkdir(parents=True)
    (videos / str(bob) / 'clip.mp4').write_bytes(b'a chat video of the deleted account')
    (videos / str(boss)).mkdir()
    assert await admin.delete(actor_id=boss, user_id=bob) == 3
    for key in keys:
        assert not (admin.store.root / key).exists()  # type: ignore[attr-defined]
    assert not (videos / str(bob)).exists()  # the account's videos go with it
    assert (videos / str(boss)).is_dir()  # nobody else's
    async with db.session() as session:
        assert await session.get(User, bob) is None
        assert (await session.exec(select(Generation).where(Generation.owner_id == bob))).all() == []
        assert (await session.exec(select(CreditEntry).where(col(CreditEntry.user_id) == bob))).all() == []
        assert (await session.get(User, boss)) is not None
    with pytest.raises(NotFound):
        await admin.delete(actor_id=boss, user_id=bob)


async def test_an_account_with_a_generation_in_the_queue_is_not_deleted(admin: AdminService, db: Database) -> None:
    boss = await _account(db, 'boss@example.com', role='admin')
    bob = await _account(db, 'bob@example.com')
    async with db.transaction() as session:
        session.add(Generation(owner_id=bob, prompt='queued', status=GenerationStatus.QUEUED))
    with pytest.raises(InvalidRequest) as busy:
        await admin.delete(actor_id=boss, user_id=bob)
    assert busy.value.code == 'admin.account_busy'
    async with db.session() as session:
        assert await session.get(User, bob) is not None


async def test_a_creator_deleting_their_own_busy_account_is_told_to_wait(db: Database, tmp_path: Path) -> None:
    runtime = InlineRuntime()
    user = await signup.register(
        db=db, runtime=runtime, email='cleo@example.com', password=PASSWORD, display_name='', signup_credits=5
    )
    assert user.id is not None
    async with db.transaction() as session:
        session.add(Generation(owner_id=user.id, prompt='queued', status=GenerationStatus.QUEUED))
    store = LocalStore(tmp_path / 'images', runtime=runtime)
    with pytest.raises(AuthError) as busy:
        await care.delete_account(db=db, runtime=runtime, store=store, user_id=user.id, password=PASSWORD)
    assert busy.value.code == 'auth.busy'  # the creator's words, not the console's
    async with db.session() as session:
        assert await session.get(User, user.id) is not None
