"""Paid tiers through the pipeline with the in-process fake provider: what is charged, painted and refunded."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from routix.analysis.offline import OfflineAnalyzer
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import ProviderTimeout, Refused
from routix.design.catalog import TemplateCatalog
from routix.generation.service import GenerationService
from routix.providers.base import ImageProvider, ImageRequest
from routix.providers.chain import ProviderChain
from routix.storage import LocalStore
from tests.helpers.fake_provider import FakeImageProvider
from tests.helpers.generation import finished, ledger, premium_creator

pytestmark = pytest.mark.usefixtures('nicegui_runtime')
COLOUR = (43, 108, 176)  # FakeImageProvider's default '#2b6cb0'


def _service(db: Database, tmp_path: Path, *providers: ImageProvider, fallback: bool = False) -> GenerationService:
    settings = Settings(_env_file=None, fallback_to_basic=fallback)  # type: ignore[call-arg]
    return GenerationService(
        settings=settings,
        db=db,
        store=LocalStore(tmp_path / 'images'),
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
        chains={'premium': ProviderChain(name='premium', providers=providers)},
    )


@pytest.fixture
async def owner(db: Database) -> AsyncIterator[int]:
    """A premium creator with 10 credits."""
    yield await premium_creator(db)


async def test_the_fake_is_an_image_provider_that_paints_the_requested_size() -> None:
    provider: ImageProvider = FakeImageProvider()  # the protocol, checked by mypy
    image = await provider.generate(ImageRequest(prompt='a lake', width=640, height=360, seed=9))
    assert (image.provider, image.model, image.seed) == ('fake', 'fake-painter', 9)
    with Image.open(io.BytesIO(image.image)) as picture:
        assert (picture.format, picture.size, picture.getpixel((0, 0))) == ('PNG', (640, 360), COLOUR)
    assert await provider.check() == 'ok'


async def test_premium_paints_with_the_provider_and_charges_once(db: Database, tmp_path: Path, owner: int) -> None:
    painter = FakeImageProvider()
    service = _service(db, tmp_path, painter)
    start = await service.start(owner_id=owner, prompt='mountain travel vlog "SUMMIT DAY"', tier='premium')
    done = await finished(service, owner, start.id)
    master = await service.master_png(owner_id=owner, generation_id=start.id)
    await service.shutdown()
    assert done.status == 'completed', done.error
    assert (done.provider, done.model) == ('fake', 'fake-painter')
    assert not done.refunded and done.credits_charged == 3
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation')]
    (request,) = painter.requests
    assert (request.width, request.height) == (1280, 720)
    assert 'SUMMIT DAY' not in request.prompt  # Routix draws the headline itself
    with Image.open(io.BytesIO(master)) as picture:
        _, colour = max(picture.convert('RGB').getcolors(1280 * 720) or [])
    assert colour == COLOUR  # the provider's picture is the background the text was drawn on


async def test_a_refusal_fails_with_a_refund_even_with_fallback_on(db: Database, tmp_path: Path, owner: int) -> None:
    refusal = Refused('provider.refused_reason', reason='Boxing is not allowed here.')
    refusing = FakeImageProvider(name='strict', errors=[refusal])
    second = FakeImageProvider(name='lenient')
    service = _service(db, tmp_path, refusing, second, fallback=True)
    start = await service.start(owner_id=owner, prompt='boxing match highlights', tier='premium')
    done = await finished(service, owner, start.id)
    await service.shutdown()
    assert done.status == 'failed' and done.refunded
    assert done.error and 'Boxing is not allowed here.' in done.error and 'refunded' in done.error
    assert (done.error_code, done.error_params) == (refusal.code, refusal.params)
    persian = 'سرویس این درخواست را رد کرد: Boxing is not allowed here. 3 اعتبار شما برگردانده شد.'
    assert done.error_text('fa') == persian  # the provider's words in a Persian frame, then the refund
    assert await ledger(db, owner) == [(10, 'grant'), (-3, 'generation'), (3, 'refund')]
    assert not second.requests  # a refusal is never shopped to the next provider


async def test_a_timeout_falls_through_to_the_next_provider(db: Database, tmp_path: Path, owner: int) -> None:
    slow = FakeImageProvider(name='slow', errors=[ProviderTimeout()])
    backup = FakeImageProvider(name='backup', model='backup-1')
    service = _service(db, tmp_path, slow, backup)
    start = await service.start(owner_id=owner, prompt='crypto news today', tier='premium')
    done = await finished(service, owner, start.id)
    await service.shutdown()
    assert done.status == 'completed', done.error
    assert (done.provider, done.model) == ('backup', 'backup-1')
    assert (len(slow.requests), len(backup.requests)) == (1, 1)
    assert not done.refunded and await ledger(db, owner) == [(10, 'grant'), (-3, 'generation')]
