"""The account page as a signed-in creator sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from routix.accounts import credits
from routix.core.db import Database
from routix.models import AuthSession, Generation, utcnow
from routix.models import User as UserRow
from tests.helpers.language import switch_language
from tests.helpers.tiers import paid_tiers_down

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


async def _user_row(app_db: Callable[[], Database], email: str = 'ada@example.com') -> UserRow:
    db = app_db()
    try:
        async with db.session() as session:
            return (await session.exec(select(UserRow).where(UserRow.email == email))).one()
    finally:
        await db.dispose()


async def test_account_shows_tier_balance_and_the_signup_entry(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/account')
    await user.should_see('Account')
    await user.should_see('Free')
    (balance,) = user.find(marker='account-balance').elements
    assert balance.text == '20'
    (ledger,) = user.find(marker='ledger').elements
    assert [(r['reason'], r['change'], r['balance']) for r in ledger.rows] == [('Sign-up bonus', '+20', 20)]
    await user.should_see(marker='generations-chart')


async def test_the_ledger_is_paginated_newest_first(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    row = await _user_row(app_db)
    db = app_db()
    for i in range(24):
        async with db.transaction() as session:
            await credits.credit(session=session, user_id=row.id, amount=i + 1, reason='grant')
    await db.dispose()
    await user.open('/account')
    (ledger,) = user.find(marker='ledger').elements
    assert len(ledger.rows) == 20
    assert ledger.rows[0]['change'] == '+24'
    (pages,) = user.find(marker='ledger-pages').elements
    assert pages.visible and pages.max == 2
    pages.value = 2  # what clicking page 2 does
    for _ in range(40):
        if len(ledger.rows) == 5:
            break
        await asyncio.sleep(0.05)
    assert [r['change'] for r in ledger.rows] == ['+4', '+3', '+2', '+1', '+20']


async def test_generations_of_the_last_30_days_are_charted(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    row = await _user_row(app_db)
    db = app_db()
    async with db.transaction() as session:
        for days_ago in (0, 0, 2, 40):
            session.add(Generation(owner_id=row.id, prompt='x', created_at=utcnow() - timedelta(days=days_ago)))
    await db.dispose()
    await user.open('/account')
    (chart,) = user.find(marker='generations-chart').elements
    assert isinstance(chart, ui.echart)
    data = chart.options['series'][0]['data']
    assert len(data) == 30
    assert data[-1] == 2 and data[-3] == 1 and sum(data) == 3


async def test_switching_to_persian_shows_persian_right_to_left(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    await user.open('/account')
    await switch_language(user, 'fa')
    await user.should_see('حساب کاربری')
    await user.should_see('موجودی اعتبار')
    (content,) = user.find(marker='content').elements
    assert content.props['dir'] == 'rtl'
    assert (await _user_row(app_db)).locale == 'fa'
    await user.open('/account')  # remembered on the account, not just for this page
    (ledger,) = user.find(marker='ledger').elements
    assert ledger.rows[0]['reason'] == 'هدیهٔ ثبت‌نام'


async def test_a_forged_language_switch_leaves_the_account_alone(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    assert (await user.http_client.get('/auth/lang/fa?next=%2Faccount')).status_code == 405
    response = await user.http_client.post('/auth/lang/fa?next=%2Faccount', data={'csrf': 'forged'})
    assert response.status_code == 303
    assert (await _user_row(app_db)).locale == 'en'
    await user.open('/account')
    await user.should_see('Account')
    await switch_language(user, 'fa')  # the real button still works
    await user.should_see('حساب کاربری')
    assert (await _user_row(app_db)).locale == 'fa'


async def test_the_language_select_saves_the_locale(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    await user.open('/account')
    (select_,) = user.find(marker='language-select').elements
    select_.value = 'fa'
    await user.should_see('ترجیحات')
    assert (await _user_row(app_db)).locale == 'fa'


async def test_brand_colours_are_validated_and_saved(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    await user.open('/account')
    (first,) = user.find(marker='brand-color-1').elements
    first.value = 'red'
    user.find(marker='save-colours').click()
    await user.should_see('Use up to 3 colours written as #RRGGBB, for example #FF0044.')
    assert (await _user_row(app_db)).brand_colors == []

    first.value = '#ff0044'
    (second,) = user.find(marker='brand-color-2').elements
    second.value = '#0af'
    user.find(marker='save-colours').click()
    await user.should_see('Saved.')
    await user.should_not_see(marker='brand-error')
    assert (await _user_row(app_db)).brand_colors == ['#FF0044', '#00AAFF']


async def test_display_name_and_theme_are_saved(user: User, sign_up: SignUp, app_db: Callable[[], Database]) -> None:
    await sign_up(user)
    await user.open('/account')
    (name,) = user.find(marker='display-name').elements
    name.value = '  Ada   Lovelace '
    user.find(marker='save-name').click()
    await user.should_see('Saved.')
    (theme,) = user.find(marker='theme-select').elements
    theme.value = 'dark'
    for _ in range(20):
        if (await _user_row(app_db)).dark_mode is True:
            break
        await asyncio.sleep(0.05)
    row = await _user_row(app_db)
    assert (row.display_name, row.dark_mode) == ('Ada Lovelace', True)


async def test_header_theme_toggle_is_saved(user: User, sign_up: SignUp, app_db: Callable[[], Database]) -> None:
    await sign_up(user)
    await user.open('/account')
    user.find(marker='theme').click()
    for _ in range(20):
        if (await _user_row(app_db)).dark_mode is True:
            break
        await asyncio.sleep(0.05)
    assert (await _user_row(app_db)).dark_mode is True


async def test_sign_out_everywhere_ends_every_session(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    await user.open('/account')
    user.find(marker='signout-all').click()
    user.find(marker='confirm-signout-all').click()
    await user.should_see(marker='login-form')
    db = app_db()
    async with db.session() as session:
        assert (await session.exec(select(AuthSession))).all() == []
    await db.dispose()
    assert (await user.http_client.get('/account')).status_code == 303


async def test_the_header_navigates(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/account')
    for key in ('studio', 'templates', 'history', 'account'):
        await user.should_see(marker=f'nav-{key}')
    await user.should_see('Routix')
    (active,) = user.find(marker='nav-account').elements
    assert 'routix-nav-active' in active.classes


@pytest.fixture
def providers_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Premium is configured (so it can be picked) and its provider refuses every connection."""
    paid_tiers_down(monkeypatch)


@pytest.mark.usefixtures('providers_down')
async def test_the_header_balance_follows_credit_changes_live(user: User, sign_up: SignUp) -> None:
    """A premium thumbnail takes 3 credits up front; with its provider down it finishes with the basic renderer and
    refunds them. The header shows both changes without a reload."""
    await sign_up(user)
    await user.open('/')
    (badge,) = user.find(marker='credit-balance').elements
    assert badge.text == '20'
    user.find(marker='composer').type('Gaming video "EPIC WIN" neon purple')
    user.find(marker='send').click()
    await user.should_see(marker='tier-premium', retries=50)
    user.find(marker='tier-premium').click()
    user.find(marker='generate').click()
    seen = []
    for _ in range(5000):  # poll tightly: the debit and the refund can be a few milliseconds apart
        if not seen or seen[-1] != badge.text:
            seen.append(badge.text)
        if seen[-2:] == ['17', '20']:
            break
        await asyncio.sleep(0.002)
    assert seen == ['20', '17', '20']
