"""Stripe Checkout against a loopback fake of Stripe's API, and webhooks signed the way Stripe signs them.

A purchase is applied only from a webhook whose Stripe-Signature verifies, and each event once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

import pytest
from pydantic import SecretStr
from sqlmodel import col, select

from routix.accounts.credits import BalanceEvents
from routix.billing.plans import PlanBook
from routix.billing.service import BillingService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest
from routix.models import CreditEntry, PaymentEvent, User, utcnow
from tests.fakes import FakeServer, Recorded, Reply, Step

SECRET_KEY = 'sk_test_routix_0123456789abcdefghijklmnop'
WEBHOOK_SECRET = 'whsec_routix_test_0123456789abcdefghijklmn'


class StripeFake(FakeServer):
    """Enough of api.stripe.com for Checkout: POST /v1/checkout/sessions (form-encoded, bearer key)."""

    checkout_page = 'https://checkout.stripe.test/c/pay/'  # where Stripe would show the payment form

    def __enter__(self) -> StripeFake:
        super().__enter__()
        return self

    def respond(self, request: Recorded, step: Step) -> Reply:
        """Create a Checkout Session, or answer as Stripe does to a bad key or path."""
        if request.headers.get('authorization') != f'Bearer {SECRET_KEY}':
            return Reply.of_json({'error': {'type': 'invalid_request_error', 'message': 'Invalid API Key'}}, 401)
        if (request.method, request.path) != ('POST', '/v1/checkout/sessions'):
            return Reply.of_json({'error': {'type': 'invalid_request_error', 'message': 'Unrecognized'}}, 404)
        if step.kind == 'server_error':
            return Reply.of_json({'error': {'type': 'api_error', 'message': 'boom'}}, 500)
        form = dict(parse_qsl(request.body.decode()))
        number = len(self.requests)
        return Reply.of_json(
            {
                'id': f'cs_test_{number}',
                'object': 'checkout.session',
                'mode': form.get('mode'),
                'url': f'{self.checkout_page}cs_test_{number}',
                'client_reference_id': form.get('client_reference_id'),
                'metadata': {k[9:-1]: v for k, v in form.items() if k.startswith('metadata[')},
                'payment_status': 'unpaid',
            }
        )


def signed(payload: bytes, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """The Stripe-Signature header Stripe computes: t=<unix time>,v1=HMAC-SHA256(secret, '<t>.<payload>')."""
    timestamp = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f'{timestamp}.'.encode() + payload, hashlib.sha256).hexdigest()
    return f't={timestamp},v1={mac}'


def completed(event_id: str, *, user_id: int, kind: str, name: str, paid: bool = True) -> bytes:
    """A checkout.session.completed event as Stripe posts it."""
    event: dict[str, Any] = {
        'id': event_id,
        'object': 'event',
        'api_version': '2025-11-17.clover',
        'created': int(time.time()),
        'type': 'checkout.session.completed',
        'livemode': False,
        'data': {
            'object': {
                'id': 'cs_test_1',
                'object': 'checkout.session',
                'mode': 'payment',
                'client_reference_id': str(user_id),
                'metadata': {'user_id': str(user_id), 'kind': kind, 'name': name},
                'payment_status': 'paid' if paid else 'unpaid',
                'amount_total': 500,
            }
        },
    }
    return json.dumps(event).encode()


@pytest.fixture
def stripe_fake() -> Iterator[StripeFake]:
    with StripeFake() as fake:
        yield fake


@pytest.fixture
def billing(db: Database, settings: Settings, stripe_fake: StripeFake) -> BillingService:
    configured = settings.model_copy(
        update={
            'stripe_secret_key': SecretStr(SECRET_KEY),
            'stripe_webhook_secret': SecretStr(WEBHOOK_SECRET),
            'stripe_api_base': stripe_fake.url,
        }
    )
    return BillingService(settings=configured, db=db, book=PlanBook(), balances=BalanceEvents())


async def _creator(db: Database) -> int:
    async with db.transaction() as session:
        user = User(email='ada@example.com', credits=20)
        session.add(user)
    assert user.id is not None
    return user.id


async def _user(db: Database, user_id: int) -> User:
    async with db.session() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


async def test_checkout_asks_stripe_for_a_session_with_the_buyer_and_the_price(
    billing: BillingService, db: Database, stripe_fake: StripeFake
) -> None:
    user_id = await _creator(db)
    url = await billing.checkout(
        user_id=user_id, item='pack:pack-100', success_url='http://r.test/billing?paid=1', cancel_url='http://r.test/b'
    )
    assert url == 'https://checkout.stripe.test/c/pay/cs_test_1'
    (request,) = stripe_fake.requests
    form = dict(parse_qsl(request.body.decode()))
    assert form['mode'] == 'payment' and form['client_reference_id'] == str(user_id)
    assert (form['metadata[kind]'], form['metadata[name]'], form['metadata[user_id]']) == (
        'pack',
        'pack-100',
        str(user_id),
    )
    assert (form['line_items[0][price_data][unit_amount]'], form['line_items[0][price_data][currency]']) == (
        '500',
        'usd',
    )
    assert form['success_url'] == 'http://r.test/billing?paid=1'
    assert (await _user(db, user_id)).credits == 20  # nothing is granted on the way to Stripe
    with pytest.raises(InvalidRequest) as free:
        await billing.checkout(user_id=user_id, item='plan:free', success_url='x', cancel_url='y')
    assert free.value.code == 'plan.not_for_sale'


async def test_a_verified_webhook_credits_the_pack_once(billing: BillingService, db: Database) -> None:
    user_id = await _creator(db)
    payload = completed('evt_1', user_id=user_id, kind='pack', name='pack-100')
    assert (await billing.handle_webhook(payload, signed(payload))).outcome == 'applied'
    assert (await billing.handle_webhook(payload, signed(payload))).outcome == 'duplicate'  # Stripe redelivers
    assert (await _user(db, user_id)).credits == 120
    async with db.session() as session:
        rows = (
            await session.exec(select(CreditEntry.reason, CreditEntry.delta).where(CreditEntry.user_id == user_id))
        ).all()
        events = (await session.exec(select(PaymentEvent.stripe_event_id, PaymentEvent.user_id))).all()
    assert [(r, d) for r, d in rows] == [('purchase', 100)]
    assert [(e, u) for e, u in events] == [('evt_1', user_id)]


async def test_unsigned_forged_tampered_or_stale_webhooks_change_nothing(billing: BillingService, db: Database) -> None:
    user_id = await _creator(db)
    payload = completed('evt_2', user_id=user_id, kind='pack', name='pack-100')
    tampered = payload.replace(b'pack-100', b'pack-999')
    for body, header in (
        (payload, ''),
        (payload, signed(payload, secret='whsec_someone_else')),
        (tampered, signed(payload)),
        (payload, signed(payload, at=int(time.time()) - 600)),  # older than Stripe's 5 minutes of tolerance
    ):
        with pytest.raises(InvalidRequest) as refused:
            await billing.handle_webhook(body, header)
        assert refused.value.code == 'payment.bad_signature'
    unpaid = completed('evt_3', user_id=user_id, kind='pack', name='pack-100', paid=False)
    assert (await billing.handle_webhook(unpaid, signed(unpaid))).outcome == 'ignored'
    assert (await _user(db, user_id)).credits == 20


async def test_a_bought_plan_sets_the_plan_for_a_month_and_refills_it(billing: BillingService, db: Database) -> None:
    user_id = await _creator(db)
    payload = completed('evt_4', user_id=user_id, kind='plan', name='creator')
    assert (await billing.handle_webhook(payload, signed(payload))).outcome == 'applied'
    user = await _user(db, user_id)
    assert (user.plan, user.tier, user.credits) == ('creator', 'premium', 220)
    assert user.plan_renews_at is not None
    renews = user.plan_renews_at.replace(tzinfo=utcnow().tzinfo)
    assert timedelta(days=30) < renews - utcnow() <= timedelta(days=31)
    await billing.handle_webhook(payload, signed(payload))
    assert (await _user(db, user_id)).credits == 220
    async with db.session() as session:
        refills = (await session.exec(select(CreditEntry).where(col(CreditEntry.reason) == 'refill'))).all()
    assert len(refills) == 1


async def test_without_keys_there_is_no_payment(db: Database, settings: Settings) -> None:
    off = BillingService(settings=settings, db=db, book=PlanBook(), balances=BalanceEvents())
    assert not off.enabled
    for call in (
        off.checkout(user_id=1, item='pack:pack-100', success_url='x', cancel_url='y'),
        off.handle_webhook(b'{}', 't=1,v1=00'),
    ):
        with pytest.raises(InvalidRequest) as refused:
            await call
        assert refused.value.code == 'payment.off'


async def test_stripe_failing_is_said_plainly(billing: BillingService, db: Database, stripe_fake: StripeFake) -> None:
    from routix.core.errors import ProviderUnavailable

    stripe_fake.script('server_error', 'server_error', 'server_error')
    with pytest.raises(ProviderUnavailable) as failed:
        await billing.checkout(user_id=await _creator(db), item='plan:pro', success_url='x', cancel_url='y')
    assert failed.value.code == 'payment.unavailable'


async def test_a_paid_event_for_something_no_longer_offered_is_recorded_nowhere(
    billing: BillingService, db: Database
) -> None:
    user_id = await _creator(db)
    payload = completed('evt_5', user_id=user_id, kind='pack', name='pack-removed-from-the-file')
    assert (await billing.handle_webhook(payload, signed(payload))).outcome == 'ignored'
    assert (await _user(db, user_id)).credits == 20
