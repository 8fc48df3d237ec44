"""/admin: a 404 for anonymous visitors and creators; an admin sees the live load and manages accounts in it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User
from sqlmodel import col, select

from routix.core.db import Database
from routix.models import CreditEntry
from routix.models import User as Account
from routix.ops.users import set_role
from tests.helpers.pages import wait_for_count

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]


async def _promote(app_db: AppDb, email: str) -> None:
    db = app_db()
    try:
        await set_role(db=db, email=email, role='admin')
    finally:
        await db.dispose()


async def _account(app_db: AppDb, email: str) -> Account:
    db = app_db()
    try:
        async with db.session() as session:
            found = (await session.exec(select(Account).where(Account.email == email))).first()
    finally:
        await db.dispose()
    assert found is not None
    return found


async def test_anonymous_visitors_get_a_404_not_a_sign_in_page(user: User, app_ready: None) -> None:
    for path in ('/admin', '/admin/', '/admin/anything'):
        response = await user.http_client.get(path, follow_redirects=False)
        assert response.status_code == 404, path
        assert 'login' not in response.headers.get('location', '')


async def test_a_signed_in_creator_gets_the_same_404(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    response = await user.http_client.get('/admin', follow_redirects=False)
    assert (response.status_code, response.text) == (404, 'Not Found')


async def test_a_demoted_or_disabled_admin_loses_the_console(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await _promote(app_db, 'ada@example.com')
    assert (await user.http_client.get('/admin')).status_code == 200
    db = app_db()
    await set_role(db=db, email='ada@example.com', role='creator')
    await db.dispose()
    assert (await user.http_client.get('/admin', follow_redirects=False)).status_code == 404


async def test_an_admin_sees_the_operations_and_grants_credits_with_a_reason(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user, email='bob@example.com', name='Bob')
    await user.http_client.post('/auth/logout', data={})  # Bob exists; the admin signs in next
    user.http_client.cookies.clear()
    await sign_up(user)
    await _promote(app_db, 'ada@example.com')
    await user.open('/admin')
    await user.should_see('Live operations')
    await user.should_see(marker='ops-queued')
    await user.should_see('No failures in the last 24 hours.')
    await wait_for_count(user, 'account-bob@example.com', 1)
    user.find(marker='admin-search').type('bob')
    user.find(marker='admin-search-button').click()
    await user.should_not_see(marker='account-ada@example.com')
    await wait_for_count(user, 'account-bob@example.com', 1)
    user.find(marker='account-grant').click()
    user.find(marker='grant-amount').clear().type('15')
    user.find(marker='grant-reason').type('conference giveaway')
    user.find(marker='grant-confirm').click()
    await user.should_see('Done.')
    bob, ada = await _account(app_db, 'bob@example.com'), await _account(app_db, 'ada@example.com')
    assert bob.credits == 35
    db = app_db()
    async with db.session() as session:
        entry = (
            await session.exec(
                select(CreditEntry).where(CreditEntry.user_id == bob.id).order_by(col(CreditEntry.id).desc())
            )
        ).first()
    await db.dispose()
    assert entry is not None
    assert (entry.delta, entry.reason, entry.operator, entry.note) == (
        15,
        'grant',
        f'admin:{ada.id}',
        'conference giveaway',
    )


@pytest.mark.parametrize('lang', ['fa'])
async def test_the_console_reads_in_persian(user: User, sign_up: SignUp, app_db: AppDb, lang: str) -> None:
    await sign_up(user)
    await _promote(app_db, 'ada@example.com')
    db = app_db()
    async with db.transaction() as session:
        account = (await session.exec(select(Account).where(Account.email == 'ada@example.com'))).one()
        account.locale = lang
        session.add(account)
    await db.dispose()
    await user.open('/admin')
    await user.should_see('وضعیت زنده')
    await user.should_see('حساب‌ها')
    await user.should_see('ada@example.com')
    await user.should_see('مدیر')


async def test_an_admin_changes_a_plan_disables_and_deletes_an_account_from_the_list(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user, email='bob@example.com', name='Bob')
    user.http_client.cookies.clear()
    await sign_up(user)
    await _promote(app_db, 'ada@example.com')
    await user.open('/admin')
    user.find(marker='admin-search').type('bob@')
    user.find(marker='admin-search-button').click()
    await user.should_not_see(marker='account-ada@example.com')
    await wait_for_count(user, 'account-bob@example.com', 1)

    user.find(marker='account-plan').click()
    user.find('creator').click()
    await user.should_see('Done.')
    bob = await _account(app_db, 'bob@example.com')
    assert (bob.plan, bob.tier, bob.credits) == ('creator', 'premium', 220)  # this month's plan credits at once

    user.find(marker='account-toggle').click()
    await user.should_see(marker='account-disabled')
    assert (await _account(app_db, 'bob@example.com')).disabled_at is not None

    user.find(marker='account-delete').click()
    user.find(marker='delete-confirm').click()
    await user.should_see(marker='admin-no-accounts')
    db = app_db()
    async with db.session() as session:
        gone = (await session.exec(select(Account).where(Account.email == 'bob@example.com'))).first()
    await db.dispose()
    assert gone is None
