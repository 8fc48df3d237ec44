"""/billing: the plans and credit packs, the creator's plan, and buying through Stripe Checkout when it is set up.

``POST /billing/webhook`` takes Stripe's webhooks (no session: the signature is the authentication); a purchase is
applied only there, never on the way back from Stripe (``?paid=1`` only says thank you).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from nicegui import app, ui

from routix.billing.plans import CreditPack, Plan
from routix.core.errors import InvalidRequest, RoutixError
from routix.i18n import pick_language, t
from routix.models import User

from .shell import base_url, frame, signed_in_user

if TYPE_CHECKING:
    from routix.core.services import Services

MAX_WEBHOOK_BYTES = 1024 * 1024


def register(services: Services) -> None:
    """Add /billing and the webhook route."""

    @ui.page('/billing', title='Routix · Plans')
    async def billing_page(request: Request) -> None:
        user = await signed_in_user(services, request)
        lang = pick_language(user.locale)
        origin = base_url(services, request).rstrip('/')
        with frame(services=services, user=user, active='billing'):
            ui.label(t('billing.title', lang)).classes('text-h5')
            if request.query_params.get('paid') == '1':
                ui.label(t('billing.thanks', lang)).mark('billing-thanks')
            elif request.query_params.get('cancelled') == '1':
                ui.label(t('billing.cancelled', lang)).mark('billing-cancelled')
            _current(services, user, lang)
            if not services.billing.enabled:
                ui.label(t('billing.off', lang)).classes('opacity-80').mark('billing-off')
            with ui.grid().classes('w-full gap-4 grid-cols-1 md:grid-cols-3'):
                for plan in services.plans.plans:
                    _plan_card(services, user, plan, lang, origin)
            with ui.row().classes('gap-4'):
                for pack in services.plans.packs:
                    _pack_card(services, user, pack, lang, origin)

    @app.post('/billing/webhook', include_in_schema=False)
    async def stripe_webhook(request: Request) -> Response:
        """Stripe's webhook: 200 when applied, a duplicate or not ours; 400 when unsigned; 404 when payment is off."""
        if not services.billing.enabled:
            return JSONResponse({'error': 'not found'}, status_code=404)
        payload = await request.body()
        if len(payload) > MAX_WEBHOOK_BYTES:
            return JSONResponse({'error': 'too large'}, status_code=413)
        try:
            done = await services.billing.handle_webhook(payload, request.headers.get('stripe-signature', ''))
        except InvalidRequest as e:
            return JSONResponse({'error': e.code}, status_code=400)
        return JSONResponse({'received': True, 'outcome': done.outcome})


def _current(services: Services, user: User, lang: str) -> None:
    plan = services.plans.plan_of(user)
    with ui.card().classes('w-full gap-1'):
        current = t('billing.current', lang, plan=plan_label(plan.name, lang))
        ui.label(current).classes('text-h6').mark('billing-current')
        if user.plan_renews_at:
            ui.label(t('billing.renews', lang, date=user.plan_renews_at.strftime('%Y-%m-%d'))).mark('billing-renews')


def _plan_card(services: Services, user: User, plan: Plan, lang: str, origin: str) -> None:
    currency = services.plans.currency.upper()
    with ui.card().classes('w-full gap-1').mark(f'plan plan-{plan.name}'):
        ui.label(plan_label(plan.name, lang)).classes('text-h6')
        price = t('billing.price', lang, price=f'{plan.price_cents / 100:.2f}', currency=currency)
        ui.label(price if plan.price_cents else t('billing.free', lang))
        ui.label(t('billing.monthly', lang, credits=plan.monthly_credits))
        ui.label(t('billing.watermark' if plan.watermark else 'billing.no_watermark', lang))
        ui.label(', '.join(t(f'vocab.tier.{tier}', lang) for tier in plan.tiers)).classes('opacity-80')
        if services.billing.enabled and plan.price_cents > 0:
            _buy_button(services, user, f'plan:{plan.name}', lang, origin)


def _pack_card(services: Services, user: User, pack: CreditPack, lang: str, origin: str) -> None:
    currency = services.plans.currency.upper()
    with ui.card().classes('gap-1').mark(f'pack pack-{pack.name}'):
        ui.label(
            t('billing.pack', lang, credits=pack.credits, price=f'{pack.price_cents / 100:.2f}', currency=currency)
        )
        if services.billing.enabled:
            _buy_button(services, user, f'pack:{pack.name}', lang, origin)


def _buy_button(services: Services, user: User, item: str, lang: str, origin: str) -> None:
    assert user.id is not None
    user_id = user.id

    async def buy() -> None:
        try:
            url = await services.billing.checkout(
                user_id=user_id,
                item=item,
                success_url=f'{origin}/billing?paid=1',
                cancel_url=f'{origin}/billing?cancelled=1',
            )
        except RoutixError as e:
            ui.notify(e.message(lang), type='negative')
            return
        ui.navigate.to(url)

    ui.button(t('billing.buy', lang), on_click=buy).props('unelevated').mark(f'buy-{item}')


def plan_label(name: str, lang: str) -> str:
    """A plan's name for people: the built-in plans are translated; an operator's own plan shows its name."""
    key = f'plan.{name}'
    text = t(key, lang)
    return name.capitalize() if text == key else text
