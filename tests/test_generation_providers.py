"""Paid tiers through the pipeline: the real Stability adapter against its loopback fake, credits after each."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from routix.accounts import credits
from routix.core.db import Database
from routix.generation.service import INTERRUPTED, GenerationService
from routix.providers.registry import build_image_providers, chain_for
from tests.fakes import STABILITY_KEY, RecordingSleep, StabilityFake, Step, make_settings
from tests.helpers.generation import build_service, finished, ledger, premium_creator

pytestmark = pytest.mark.usefixtures('nicegui_runtime')


@pytest.fixture
def fake() -> Iterator[StabilityFake]:
    with StabilityFake() as server:
        yield server


def _service(db: Database, tmp_path: Path, fake: StabilityFake, **overrides: Any) -> GenerationService:
    values = {
        'stability_api_key': STABILITY_KEY,
        'stability_base_url': fake.url,
        'stability_timeout': 0.5,
        'data_dir': tmp_path / 'data',
    }
    settings = make_settings(**(values | overrides))
    chains = {'premium': chain_for(settings, build_image_providers(settings, sleep=RecordingSleep()), 'premium')}
    return build_service(settings=settings, db=db, images=tmp_path / 'images', chains=chains)


@pytest.fixture
async def owner(db: Database) -> AsyncIterator[int]:
    """A premium creator with 10 credits."""
    yield await premium_creator(db)


async def test_premium_uses_stability_and_charges_once(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    service = _service(db, tmp_path, fake)
    done = await finished(
        service,
        owner,
        (await service.start(owner_id=owner, prompt='mountain travel vlog "SUMMIT DAY"', tier='premium')).id,
    )
    assert done.status == 'completed', done.error
    assert (done.provider, done.model) == ('stability', 'core')
    assert not done.refunded and done.credits_charged == 3
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation')]
    posted = [r for r in fake.requests if r.method == 'POST']
    assert len(posted) == 1 and posted[0].fields['aspect_ratio'] == '16:9'
    assert 'SUMMIT DAY' not in posted[0].fields['prompt']  # Routix draws the headline itself: never misspelled
    await service.shutdown()


async def test_refusal_fails_with_the_reason_and_a_refund_even_with_fallback_on(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    fake.script('refused')
    service = _service(db, tmp_path, fake, fallback_to_basic=True)
    done = await finished(
        service, owner, (await service.start(owner_id=owner, prompt='boxing match highlights', tier='premium')).id
    )
    assert done.status == 'failed' and done.refunded
    assert done.error and 'content moderation' in done.error and 'refunded' in done.error
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation'), (3, 'refund')]


async def test_outage_without_fallback_fails_and_refunds(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    fake.script('server_error', 'server_error', 'server_error')
    service = _service(db, tmp_path, fake, fallback_to_basic=False)
    done = await finished(
        service, owner, (await service.start(owner_id=owner, prompt='crypto news today', tier='premium')).id
    )
    assert done.status == 'failed' and done.refunded
    assert STABILITY_KEY not in (done.error or '')
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation'), (3, 'refund')]


async def test_outage_with_fallback_finishes_with_basic_and_refunds(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    fake.script('server_error', 'server_error', 'server_error')
    service = _service(db, tmp_path, fake, fallback_to_basic=True)
    done = await finished(
        service, owner, (await service.start(owner_id=owner, prompt='crypto news today', tier='premium')).id
    )
    assert done.status == 'completed' and done.provider == 'basic' and done.refunded
    assert done.notice and 'basic renderer' in done.notice
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation'), (3, 'refund')]


async def test_shutdown_mid_generation_records_an_interruption_and_refunds(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    fake.script(Step(kind='hang'))
    service = _service(db, tmp_path, fake, stability_timeout=30.0)
    view = await service.start(owner_id=owner, prompt='speedrun gaming', tier='premium')
    stage_three = asyncio.Event()
    service.updates_for(owner).subscribe(lambda v: stage_three.set() if v.stage >= 3 else None)
    await asyncio.wait_for(stage_three.wait(), timeout=30)
    await service.shutdown()  # what app shutdown does while the provider still works on it
    done = await service.get(owner_id=owner, generation_id=view.id)
    assert done.status == 'failed' and done.error_code == INTERRUPTED and done.refunded
    assert done.error == 'Interrupted by a server restart. Your 3 credits were refunded.'
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation'), (3, 'refund')]


async def test_concurrent_paid_starts_never_overspend(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    from routix.core.errors import QuotaExceeded

    service = _service(db, tmp_path, fake)

    async def attempt(i: int) -> bool:
        try:
            await service.start(owner_id=owner, prompt=f'gaming clip {i}', tier='premium')
            return True
        except QuotaExceeded:
            return False

    started = await asyncio.gather(*(attempt(i) for i in range(6)))
    assert started.count(True) == 3  # 10 credits, 3 each
    async with db.session() as session:
        assert await credits.balance(session=session, user_id=owner) == 1
    await service.shutdown()


async def test_a_full_bleed_template_lets_the_provider_paint_the_headline(
    db: Database, tmp_path: Path, fake: StabilityFake, owner: int
) -> None:
    import dataclasses

    service = _service(db, tmp_path, fake)
    spec = service.catalog.get('travel-horizon-banner')
    service.catalog.by_slug[spec.slug] = dataclasses.replace(spec, full_bleed=True)
    done = await finished(
        service,
        owner,
        (
            await service.start(
                owner_id=owner, prompt='mountain travel vlog "SUMMIT DAY"', tier='premium', template_slug=spec.slug
            )
        ).id,
    )
    assert done.status == 'completed' and done.match['full_bleed'] is True
    (post,) = [r for r in fake.requests if r.method == 'POST']
    assert '"SUMMIT DAY"' in post.fields['prompt']
    from routix.core.errors import InvalidRequest
    from routix.design.textlayer import TextLayer

    with pytest.raises(InvalidRequest, match='cannot be edited'):
        await service.edit(owner_id=owner, generation_id=done.id, text_layer=TextLayer(headline='other'))
    await service.shutdown()
