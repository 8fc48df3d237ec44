"""Tiers tell the truth up front and afterwards: a tier this server cannot make is disabled with the setting that
would enable it, the cost shows before Generate, and a paid job finished by the basic renderer is labelled and
watermarked as what made it ("Basic — Premium provider unavailable, refunded")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from routix.accounts import credits
from routix.core.db import Database
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView, tier_statuses
from routix.models import CreditEntry, Generation
from routix.models import User as Account
from routix.providers.registry import build_image_providers, chain_for
from routix.storage import LocalStore
from tests.fakes import STABILITY_KEY, make_settings
from tests.helpers.generation import build_service, finished
from tests.helpers.language import choose_language
from tests.helpers.pages import SLOW, click_newest, newest, send, visible, wait_for_count
from tests.helpers.tiers import dead_url, paid_tiers_down

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
PROMPT = 'Gaming video "EPIC WIN" neon purple'


# ---- which tiers this server can make ---------------------------------------------------------------------------


def test_a_tier_without_a_configured_provider_names_the_settings_that_would_enable_it() -> None:
    bare = {s.tier: s for s in tier_statuses(make_settings(), configured=())}
    assert bare['basic'].available and bare['basic'].cost == 0
    assert bare['premium'].missing == ('STABILITY_API_KEY',) and bare['premium'].cost == 3
    assert bare['pro'].missing == ('OPENAI_API_KEY', 'GEMINI_API_KEY') and bare['pro'].cost == 8
    gemini_only = {s.tier: s for s in tier_statuses(make_settings(pro_providers='gemini'), configured=('premium',))}
    assert gemini_only['premium'].available
    assert gemini_only['pro'].missing == ('GEMINI_API_KEY',)
    empty_chain = {s.tier: s for s in tier_statuses(make_settings(premium_providers=''), configured=())}
    assert empty_chain['premium'].missing == ('ROUTIX_PREMIUM_PROVIDERS',)


# ---- a paid job the basic renderer finished ---------------------------------------------------------------------


def _service_with_premium_down(db: Database, tmp_path: Path) -> GenerationService:
    settings = make_settings(
        stability_api_key=STABILITY_KEY, stability_base_url=dead_url(), provider_retries=0, data_dir=tmp_path / 'd'
    )
    chains = {'premium': chain_for(settings, build_image_providers(settings), 'premium')}
    return build_service(settings=settings, db=db, images=tmp_path / 'images', chains=chains)


async def _creator(db: Database, *, email: str, plan: str) -> int:
    async with db.transaction() as session:
        user = Account(email=email, tier=plan)
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=10, reason='grant')
    return user.id


async def _made(service: GenerationService, owner: int, tier: str) -> tuple[GenerationView, bytes]:
    started = await service.start(owner_id=owner, prompt=PROMPT, tier=tier, seed=4242)
    done = await finished(service, owner, started.id)
    assert done.status == 'completed' and done.image_url, done.error_text('en')
    assert isinstance(service.store, LocalStore)
    return done, await service.store.get(done.image_url.removeprefix('/media/'))


@pytest.mark.usefixtures('nicegui_runtime')
async def test_a_fallback_is_labelled_and_watermarked_by_what_made_it(db: Database, tmp_path: Path) -> None:
    service = _service_with_premium_down(db, tmp_path)
    free = await _creator(db, email='free@example.com', plan='free')
    paying = await _creator(db, email='plan@example.com', plan='premium')

    fell_back, fell_back_jpeg = await _made(service, free, 'premium')
    assert (fell_back.tier, fell_back.provider, fell_back.requested_tier) == ('basic', 'basic', 'premium')
    assert fell_back.refunded and fell_back.match['watermark'] is True
    assert fell_back.tier_text('en') == 'Basic — Premium provider unavailable, refunded'
    assert fell_back.tier_text('fa') == 'پایه — سرویس ویژه در دسترس نبود، اعتبار برگردانده شد'
    # the same picture, pixel for pixel, as the free creator's own basic thumbnail: the free plan's watermark included
    basic, basic_jpeg = await _made(service, free, 'basic')
    assert basic.tier_text('en') == 'Basic' and not basic.requested_tier
    assert fell_back_jpeg == basic_jpeg

    # a creator on a paid plan gets no watermark from a fallback either
    plan_fell_back, plan_jpeg = await _made(service, paying, 'premium')
    assert plan_fell_back.match['watermark'] is False and plan_fell_back.requested_tier == 'premium'
    assert plan_jpeg != fell_back_jpeg
    async with db.session() as session:
        rows = (await session.exec(select(Generation).order_by(Generation.id))).all()  # type: ignore[arg-type]
    assert [r.tier for r in rows] == ['basic', 'basic', 'basic']


def test_rows_from_before_the_relabelling_still_read_as_a_fallback() -> None:
    """Older rows kept the paid tier with the basic provider; they are labelled the same way."""
    row = Generation(id=1, owner_id=1, prompt='p', tier='premium', provider='basic', status='completed', refunded=True)
    old = GenerationView.of(row)
    assert old.made_tier == 'basic' and old.tier_text('en') == 'Basic — Premium provider unavailable, refunded'
    stability = GenerationView.of(
        Generation(id=2, owner_id=1, prompt='p', tier='premium', provider='stability', status='completed')
    )
    assert stability.tier_text('en') == 'Premium' and not stability.requested_tier


# ---- the studio and history pages -------------------------------------------------------------------------------

pages = pytest.mark.usefixtures('app_ready')


@pytest.fixture
def providers_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Premium and pro are configured on this server, and their providers refuse every connection."""
    paid_tiers_down(monkeypatch)


def _tier_chip(user: User, tier: str) -> ui.button:
    chip = newest(user, f'tier-{tier}')
    assert isinstance(chip, ui.button)
    return chip


def _label(user: User, marker: str) -> str:
    """The text of the newest label or badge with ``marker``."""
    text = getattr(newest(user, marker), 'text', None)
    assert isinstance(text, str), marker
    return text


@pages
async def test_tiers_without_providers_are_disabled_with_the_reason_and_cost_nothing(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, PROMPT)
    await wait_for_count(user, 'proposal', 1)
    assert _tier_chip(user, 'basic').enabled
    assert not _tier_chip(user, 'premium').enabled and not _tier_chip(user, 'pro').enabled
    assert _label(user, 'tier-off-premium') == 'Premium: Not set up on this server: the operator sets STABILITY_API_KEY'
    assert _label(user, 'tier-off-pro') == (
        'Pro: Not set up on this server: the operator sets OPENAI_API_KEY or GEMINI_API_KEY'
    )
    assert _label(user, 'cost') == 'This thumbnail is free'
    click_newest(user, 'tier-pro')  # a disabled chip does nothing
    assert _label(user, 'cost') == 'This thumbnail is free'
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1)
    db = app_db()
    try:
        async with db.session() as session:
            (generation,) = (await session.exec(select(Generation))).all()
            entries = (await session.exec(select(CreditEntry))).all()
    finally:
        await db.dispose()
    assert (generation.tier, generation.provider) == ('basic', 'basic')
    assert [(e.delta, e.reason) for e in entries] == [(20, 'signup')]


@pages
async def test_a_persian_creator_reads_why_a_tier_is_off(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    await user.open('/')
    await send(user, PROMPT)
    await wait_for_count(user, 'proposal', 1)
    assert _label(user, 'tier-off-premium') == (
        'ویژه: روی این سرور راه‌اندازی نشده است: مدیر سرور باید STABILITY_API_KEY را تنظیم کند'
    )
    assert _label(user, 'tier-off-pro') == (
        'حرفه‌ای: روی این سرور راه‌اندازی نشده است: مدیر سرور باید OPENAI_API_KEY یا GEMINI_API_KEY را تنظیم کند'
    )
    assert _label(user, 'cost') == 'این تصویر رایگان است'


@pages
@pytest.mark.usefixtures('providers_down')
async def test_the_cost_shows_before_generate_and_a_fallback_is_labelled_in_chat_and_history(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, PROMPT)
    await wait_for_count(user, 'proposal', 1)
    assert _tier_chip(user, 'premium').enabled and _tier_chip(user, 'pro').enabled
    assert visible(user, 'tier-off-premium') == visible(user, 'tier-off-pro') == []
    click_newest(user, 'tier-premium')
    assert _label(user, 'cost') == 'This thumbnail costs 3 credits'
    click_newest(user, 'tier-pro')
    assert _label(user, 'cost') == 'This thumbnail costs 8 credits'
    click_newest(user, 'tier-premium')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1, retries=SLOW)
    await user.should_see('Finished with the basic renderer instead; your credits were refunded.')
    assert _label(user, 'generation-tier') == 'Basic — Premium provider unavailable, refunded'  # the chat card

    await user.open('/history')
    await user.should_see(marker='history-card')
    assert _label(user, 'history-tier') == 'Basic — Premium provider unavailable, refunded'
    db = app_db()
    try:
        async with db.session() as session:
            (generation,) = (await session.exec(select(Generation))).all()
    finally:
        await db.dispose()
    await user.open(f'/history?g={generation.id}')
    await user.should_see(marker='detail-tier')
    assert _label(user, 'detail-tier') == 'Basic — Premium provider unavailable, refunded'
