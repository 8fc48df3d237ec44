"""Buying credits or a plan through Stripe Checkout, fulfilled only from a signature-verified webhook, once per event.

``checkout`` asks Stripe for a Checkout Session (mode 'payment': a credit pack, or one month of a plan) carrying the
buyer's id and the item in its metadata, and returns the URL to send the buyer to. Nothing is granted on the way back
from Stripe: the ``checkout.session.completed`` webhook, verified with ``stripe.Webhook.construct_event`` and the
webhook secret, credits the pack or sets the plan. Its event id goes into ``payment_events`` in the same transaction,
so a redelivered event changes nothing. Stripe is off unless STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import stripe
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from routix.accounts import credits
from routix.accounts.credits import BalanceEvents
from routix.billing.plans import PlanBook
from routix.billing.refill import refill_user
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, ProviderUnavailable
from routix.models import PaymentEvent, User, utcnow

PLAN_PERIOD = timedelta(days=31)  # one paid month of a plan, a day's grace included
FULFILLING = ('checkout.session.completed', 'checkout.session.async_payment_succeeded')
TIMEOUT = 20.0
log = logging.getLogger(__name__)


@dataclass(kw_only=True, frozen=True, slots=True)
class Fulfilment:
    """What one webhook delivery did: 'applied', 'duplicate' (applied before) or 'ignored' (not a paid checkout)."""

    outcome: str
    user_id: int | None = None


class BillingService:
    """Stripe Checkout for credit packs and plans."""

    def __init__(self, *, settings: Settings, db: Database, book: PlanBook, balances: BalanceEvents) -> None:
        self.settings = settings
        self.db = db
        self.book = book
        self.balances = balances
        self._client: stripe.StripeClient | None = None

    @property
    def enabled(self) -> bool:
        """Whether payments are configured (both Stripe keys set)."""
        settings = self.settings
        return bool(settings.stripe_secret_key.get_secret_value() and settings.stripe_webhook_secret.get_secret_value())

    async def checkout(self, *, user_id: int, item: str, success_url: str, cancel_url: str) -> str:
        """A Checkout Session for ``item`` ('pack:<name>' or 'plan:<name>'); returns the URL to send the buyer to."""
        if not self.enabled:
            raise InvalidRequest('payment.off')
        kind, _, name = item.partition(':')
        if kind == 'pack':
            pack = self.book.pack(name)
            title, cents = f'Routix: {pack.credits} credits', pack.price_cents
        elif kind == 'plan':
            plan = self.book.named(name)
            if plan.price_cents <= 0:
                raise InvalidRequest('plan.not_for_sale', plan=plan.name)
            title, cents = f'Routix {plan.name} plan: one month, {plan.monthly_credits} credits', plan.price_cents
        else:
            raise InvalidRequest('plan.unknown', plan=item[:40])
        params: dict[str, Any] = {
            'mode': 'payment',
            'success_url': success_url,
            'cancel_url': cancel_url,
            'client_reference_id': str(user_id),
            'metadata': {'user_id': str(user_id), 'kind': kind, 'name': name},
            'line_items': [
                {
                    'quantity': 1,
                    'price_data': {
                        'currency': self.book.currency,
                        'unit_amount': cents,
                        'product_data': {'name': title},
                    },
                }
            ],
        }
        try:
            session = await self._stripe().v1.checkout.sessions.create_async(params)  # type: ignore[arg-type]
        except stripe.StripeError as e:
            log.warning('Stripe refused a checkout session: %s', type(e).__name__)
            raise ProviderUnavailable('payment.unavailable') from e
        if not session.url:
            raise ProviderUnavailable('payment.unavailable')
        return str(session.url)

    async def handle_webhook(self, payload: bytes, signature: str) -> Fulfilment:
        """Verify a webhook delivery and apply it at most once; a bad signature raises InvalidRequest."""
        if not self.enabled:
            raise InvalidRequest('payment.off')
        secret = self.settings.stripe_webhook_secret.get_secret_value()
        try:
            event = stripe.Webhook.construct_event(payload, signature, secret)
        except (stripe.SignatureVerificationError, ValueError) as e:
            raise InvalidRequest('payment.bad_signature') from e
        if event.type not in FULFILLING:
            return Fulfilment(outcome='ignored')
        checkout: dict[str, Any] = event.data.object.to_dict()
        if checkout.get('payment_status') != 'paid':
            return Fulfilment(outcome='ignored')  # async methods pay later: async_payment_succeeded follows
        metadata = checkout.get('metadata') or {}
        try:
            user_id = int(metadata.get('user_id') or checkout.get('client_reference_id') or '')
        except ValueError:
            log.warning('checkout session %s names no Routix user', checkout.get('id'))
            return Fulfilment(outcome='ignored')
        kind, name = str(metadata.get('kind')), str(metadata.get('name'))
        known = [p.name for p in self.book.packs] if kind == 'pack' else [p.name for p in self.book.plans]
        if kind not in ('pack', 'plan') or name not in known:  # removed from the plans file since: an operator's call
            log.warning('payment %s is for %s %r, which this server does not offer; not applied', event.id, kind, name)
            return Fulfilment(outcome='ignored', user_id=user_id)
        return await self._apply(event.id, event.type, user_id, kind, name)

    async def _apply(self, event_id: str, event_type: str, user_id: int, kind: str, name: str) -> Fulfilment:
        balance: int | None = None
        try:
            async with self.db.transaction() as session:
                seen = await session.exec(select(PaymentEvent.id).where(PaymentEvent.stripe_event_id == event_id))
                if seen.first() is not None:
                    return Fulfilment(outcome='duplicate', user_id=user_id)
                user = await session.get(User, user_id)
                if user is None or user.deleted_at is not None:
                    log.warning('payment %s for a deleted or unknown account %s', event_id, user_id)
                    return Fulfilment(outcome='ignored')
                session.add(PaymentEvent(stripe_event_id=event_id, type=event_type, user_id=user_id))
                await session.flush()  # the unique event id refuses a delivery another worker just applied
                if kind == 'pack':
                    pack = self.book.pack(name)
                    balance = await credits.credit(
                        session=session, user_id=user_id, amount=pack.credits, reason='purchase'
                    )
                else:
                    plan = self.book.named(name)
                    renews = max(utcnow(), user.plan_renews_at or utcnow()) + PLAN_PERIOD
                    await session.exec(
                        update(User)  # type: ignore[call-overload]
                        .where(col(User.id) == user_id)
                        .values(plan=plan.name, tier=plan.tier, plan_renews_at=renews)
                    )
        except IntegrityError:
            return Fulfilment(outcome='duplicate', user_id=user_id)
        if balance is not None:
            self.balances.changed(user_id, balance)
        else:
            await refill_user(db=self.db, book=self.book, user_id=user_id, balances=self.balances)
        log.info('payment %s applied: %s %s for account %d', event_id, kind, name, user_id)
        return Fulfilment(outcome='applied', user_id=user_id)

    def _stripe(self) -> stripe.StripeClient:
        if self._client is None:
            base = self.settings.stripe_api_base.rstrip('/')
            self._client = stripe.StripeClient(
                self.settings.stripe_secret_key.get_secret_value(),
                base_addresses={'api': base} if base else None,
                http_client=stripe.HTTPXClient(timeout=TIMEOUT),
                max_network_retries=1,
            )
        return self._client
