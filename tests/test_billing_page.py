"""/billing and POST /billing/webhook through the running app: who may see what, and a signed webhook's effect."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from urllib.parse import parse_qsl

import pytest
from nicegui.testing import User
from sqlmodel import select

from routix.core.db import Database
from routix.models import User as Account
from routix.ops.users import set_role
from tests.helpers.language import choose_language
from tests.test_billing import SECRET_KEY, WEBHOOK_SECRET, StripeFake, completed, signed

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]


@pytest.fixture
def stripe_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[StripeFake]:
    """Stripe keys and the loopback fake's address, set before the app starts."""
    with StripeFake() as fake:
        monkeypatch.setenv('STRIPE_SECRET_KEY', SECRET_KEY)
        monkeypatch.setenv('STRIPE_WEBHOOK_SECRET', WEBHOOK_SECRET)
        monkeypatch.setenv('STRIPE_API_BASE', fake.url)
        yield fake


async def _account(app_db: AppDb, email: str = 'ada@example.com') -> Account:
    db = app_db()
    try:
        async with db.session() as session:
            found = (await session.exec(select(Account).where(Account.email == email))).one()
    finally:
        await db.dispose()
    return found


async def test_anonymous_visitors_are_sent_to_sign_in_and_payment_off_hides_the_webhook(
    user: User, app_ready: None
) -> None:
    page = await user.http_client.get('/billing', follow_redirects=False)
    assert (page.status_code, page.headers['location']) == (303, '/login?next=%2Fbilling')
    assert (await user.http_client.post('/billing/webhook', content=b'{}')).status_code == 404


async def test_a_creator_sees_the_plans_and_that_payment_is_not_set_up(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/billing')
    await user.should_see('Your plan: Free')
    await user.should_see(marker='plan-creator')
    await user.should_see('100 credits for 5.00 USD')
    await user.should_see(marker='billing-off')
    await user.should_not_see(marker='buy-pack:pack-100')


async def test_buying_goes_to_stripe_and_only_the_signed_webhook_credits(
    stripe_on: StripeFake, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    stripe_on.checkout_page = '/billing?checkout='  # the simulated browser stays in the app instead of Stripe
    await user.open('/billing')
    user.find(marker='buy-pack:pack-100').click()
    for _ in range(100):
        if stripe_on.requests:
            break
        await asyncio.sleep(0.05)
    (request,) = stripe_on.requests
    assert dict(parse_qsl(request.body.decode()))['metadata[kind]'] == 'pack'
    ada = await _account(app_db)
    assert ada.credits == 20 and ada.id is not None
    payload = completed('evt_page_1', user_id=ada.id, kind='pack', name='pack-100')
    anonymous = await user.http_client.post('/billing/webhook', content=payload)  # no signature: refused
    assert anonymous.status_code == 400 and anonymous.json() == {'error': 'payment.bad_signature'}
    headers = {'Stripe-Signature': signed(payload), 'Content-Type': 'application/json'}
    first = await user.http_client.post('/billing/webhook', content=payload, headers=headers)
    again = await user.http_client.post('/billing/webhook', content=payload, headers=headers)
    assert (first.status_code, first.json()['outcome']) == (200, 'applied')
    assert (again.status_code, again.json()['outcome']) == (200, 'duplicate')
    assert (await _account(app_db)).credits == 120
    await user.open('/billing?paid=1')
    await user.should_see(marker='billing-thanks')


async def test_an_admin_and_another_creator_see_only_their_own_plan(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user, email='bob@example.com', name='Bob')
    user.http_client.cookies.clear()
    await sign_up(user)
    db = app_db()
    await set_role(db=db, email='ada@example.com', role='admin')
    await db.dispose()
    await user.open('/billing')
    await user.should_see('Your plan: Free')
    await user.should_not_see('bob@example.com')


async def test_a_persian_creator_reads_the_plan_names_in_persian(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    await user.open('/billing')
    await user.should_see('طرح شما: رایگان')
    await user.should_not_see('طرح شما: free')
