"""A premium generation through the web pages, with the real Stability adapter talking to a loopback fake."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from routix.core.db import Database
from routix.models import CreditEntry, Generation
from tests.fakes import STABILITY_KEY, StabilityFake
from tests.helpers.language import choose_language
from tests.helpers.pages import SLOW, click_newest, newest, send, wait_for_count

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')


@pytest.fixture(autouse=True)
def stability(monkeypatch: pytest.MonkeyPatch) -> Iterator[StabilityFake]:
    """A Stability fake the app is configured to use (autouse: it must exist before `user` starts the app)."""
    with StabilityFake() as fake:
        monkeypatch.setenv('STABILITY_API_KEY', STABILITY_KEY)
        monkeypatch.setenv('STABILITY_BASE_URL', fake.url)
        monkeypatch.setenv('STABILITY_TIMEOUT', '5')
        yield fake


async def _ledger(app_db: AppDb) -> list[tuple[int, str]]:
    db = app_db()
    async with db.session() as session:
        rows = (await session.exec(select(CreditEntry).order_by(CreditEntry.id))).all()
    await db.dispose()
    return [(e.delta, e.reason) for e in rows]


async def test_chat_premium_generation_then_history(
    stability: StabilityFake, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Mountain travel vlog "SUMMIT DAY" cinematic')
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-premium')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1, retries=SLOW)
    image = newest(user, 'generation-image')
    assert isinstance(image, ui.image) and image.source.startswith('/media/')

    posts = [r for r in stability.requests if r.method == 'POST']
    assert len(posts) == 1 and posts[0].fields['aspect_ratio'] == '16:9'
    assert await _ledger(app_db) == [(20, 'signup'), (-3, 'generation')]

    await user.open('/history')
    await user.should_see('SUMMIT DAY')
    db = app_db()
    async with db.session() as session:
        (generation,) = (await session.exec(select(Generation))).all()
    await db.dispose()
    assert (generation.tier, generation.provider, generation.status) == ('premium', 'stability', 'completed')
    await user.open(f'/history?g={generation.id}')
    await user.should_see('stability')


async def test_a_refused_premium_generation_shows_why_and_refunds(
    stability: StabilityFake, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    stability.script('refused')
    await sign_up(user)
    await user.open('/')
    await send(user, 'boxing match highlights')
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-premium')
    click_newest(user, 'generate')
    await user.should_see('content moderation', retries=SLOW)
    await user.should_see('refunded')
    assert await _ledger(app_db) == [(20, 'signup'), (-3, 'generation'), (3, 'refund')]


async def test_a_persian_creator_reads_a_refusal_in_persian_live_and_later(
    stability: StabilityFake, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    stability.script('refused')
    await sign_up(user)
    await choose_language(user, 'fa')
    await user.open('/')
    await send(user, 'boxing match highlights')
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-premium')
    click_newest(user, 'generate')
    refusal = 'سرویس این درخواست را رد کرد:'  # the Persian frame; Stability's own words sit inside it
    await user.should_see(refusal, retries=SLOW)
    await user.should_see('3 اعتبار شما برگردانده شد.')
    db = app_db()
    async with db.session() as session:
        (generation,) = (await session.exec(select(Generation))).all()
    await db.dispose()
    assert (generation.status, generation.error_code) == ('failed', 'provider.refused_reason')
    assert 'content moderation' in generation.error_params['reason']
    await user.open(f'/history?g={generation.id}')  # read back from the database, not from the live event
    with user.scope(marker='generation-detail'):
        await user.should_see(refusal)
        await user.should_see('3 اعتبار شما برگردانده شد.')
