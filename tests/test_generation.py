"""The generation pipeline on a real database and the real renderer: stages, images, credits, recovery."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from sqlmodel import select

from routix.accounts import credits
from routix.analysis.offline import OfflineAnalyzer
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, QuotaExceeded
from routix.design.catalog import TemplateCatalog
from routix.design.textlayer import TextLayer
from routix.generation.service import INTERRUPTED, GenerationService
from routix.generation.views import GenerationView
from routix.models import CreditEntry, Generation, User
from routix.storage import LocalStore
from tests.helpers.generation import build_service, finished

pytestmark = pytest.mark.usefixtures('nicegui_runtime')


@pytest.fixture
async def service(db: Database, settings: Settings, tmp_path: Path) -> AsyncIterator[GenerationService]:
    svc = build_service(settings=settings, db=db, images=tmp_path / 'images')
    await svc.catalog.sync(db)
    yield svc
    await svc.shutdown()


def _settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


async def _user(db: Database, *, balance: int = 0, tier: str = 'free') -> int:
    async with db.transaction() as session:
        user = User(email=f'{tier}{balance}@example.com', tier=tier)
        session.add(user)
        await session.flush()
        assert user.id is not None
        if balance:
            await credits.credit(session=session, user_id=user.id, amount=balance, reason='grant')
        return user.id


async def test_basic_generation_runs_five_stages_and_stores_a_youtube_ready_image(service: GenerationService) -> None:
    owner = await _user(service.db)
    seen: list[GenerationView] = []
    service.updates_for(owner).subscribe(seen.append)
    view = await service.start(owner_id=owner, prompt='Minecraft speedrun world record "NEW RECORD!" purple neon')
    done = await finished(service, owner, view.id)

    assert done.status == 'completed', done.error
    stages = [v.stage for v in seen if v.id == view.id]
    assert stages == sorted(stages) and {1, 2, 3, 4, 5} <= set(stages)
    assert [v.progress for v in seen if v.id == view.id][-1] == 100
    sent = [v.emitted_at for v in seen if v.id == view.id]  # each live update says when it left (pages time it)
    assert all(at is not None for at in sent) and sent == sorted(sent) and done.emitted_at is None
    assert done.analysis['category'] == 'gaming' and done.headline == 'NEW RECORD!'
    assert done.template_slug and done.match['chosen']['slug'] == done.template_slug
    assert len(done.match['runners_up']) == 2
    assert set(done.timings) >= {'analysing', 'matching', 'background', 'composing', 'finalising', 'total'}
    assert done.image_url and done.preview_url and done.png_url

    jpeg = await service.store.get(done.image_url.removeprefix('/media/'))
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == 'JPEG' and image.size == (1280, 720) and len(jpeg) <= 2 * 1024 * 1024
    preview = Image.open(io.BytesIO(await service.store.get(done.preview_url.removeprefix('/media/'))))
    assert preview.format == 'WEBP' and preview.size == (320, 180)

    # the lossless master is re-rendered from the recipe on request: the same picture the JPEG was made from
    master = Image.open(io.BytesIO(await service.master_png(owner_id=owner, generation_id=view.id)))
    assert master.format == 'PNG' and master.size == (1280, 720)
    difference = ImageChops.difference(master.convert('RGB'), image.convert('RGB'))
    assert max(ImageStat.Stat(difference).mean) < 3  # only JPEG noise
    assert await service.master_png(owner_id=owner, generation_id=view.id) == await service.master_png(
        owner_id=owner, generation_id=view.id
    )


async def test_other_creators_never_receive_the_events(service: GenerationService) -> None:
    alice, bob = await _user(service.db), await _user(service.db, balance=1)
    bobs: list[GenerationView] = []
    service.updates_for(bob).subscribe(bobs.append)
    view = await service.start(owner_id=alice, prompt='cooking pasta at home')
    await finished(service, alice, view.id)
    assert bobs == []


async def test_bad_requests_are_refused_before_anything_is_written(service: GenerationService) -> None:
    owner = await _user(service.db, balance=5)
    with pytest.raises(InvalidRequest, match='Describe'):
        await service.start(owner_id=owner, prompt='   ')
    with pytest.raises(InvalidRequest, match='too long'):
        await service.start(owner_id=owner, prompt='x' * 2001)
    with pytest.raises(InvalidRequest, match='no template called'):
        await service.start(owner_id=owner, prompt='a cat video', template_slug='does-not-exist')
    with pytest.raises(QuotaExceeded, match='needs 8 credits and you have 5'):
        await service.start(owner_id=owner, prompt='a cat video', tier='pro')
    async with service.db.session() as session:
        assert (await session.exec(select(Generation))).all() == []
        assert await credits.balance(session=session, user_id=owner) == 5


async def test_paid_tier_without_provider_falls_back_to_basic_and_refunds(service: GenerationService) -> None:
    owner = await _user(service.db, balance=10)
    view = await service.start(owner_id=owner, prompt='stock market crash explained', tier='premium')
    assert view.credits_charged == 3  # debited when it was accepted, before any provider call
    done = await finished(service, owner, view.id)
    assert done.status == 'completed'
    assert done.provider == 'basic' and done.refunded
    assert done.notice == (
        'No provider is configured for the premium tier. '
        'Finished with the basic renderer instead; your credits were refunded.'
    )
    assert done.notices == [
        {'key': 'error.generation.no_provider', 'params': {'tier': 'premium'}},
        {'key': 'notice.fell_back', 'params': {}},
    ]
    assert done.notice_text('fa') == (
        'برای سطح premium هیچ سرویسی تنظیم نشده است. به‌جای آن با سازنده‌ی پایه ساخته شد؛ اعتبار شما برگردانده شد.'
    )
    assert done.error_code is None and done.error_text('fa') is None
    async with service.db.session() as session:
        assert await credits.balance(session=session, user_id=owner) == 10
        reasons = [
            e.reason
            for e in (
                await session.exec(select(CreditEntry).where(CreditEntry.user_id == owner).order_by(CreditEntry.id))
            ).all()
        ]
    assert reasons == ['grant', 'generation', 'refund']


async def test_paid_tier_without_provider_and_without_fallback_fails_with_a_refund(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('ROUTIX_FALLBACK_TO_BASIC', 'false')
    svc = GenerationService(
        settings=_settings(),
        db=db,
        store=LocalStore(tmp_path / 'i'),  # type: ignore[call-arg]
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
    )
    owner = await _user(db, balance=10)
    with pytest.raises(InvalidRequest, match='not configured'):
        await svc.start(owner_id=owner, prompt='travel vlog in Japan', tier='premium')
    async with db.session() as session:
        assert await credits.balance(session=session, user_id=owner) == 10


async def test_storage_failure_fails_the_generation_and_refunds(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('ROUTIX_COST_BASIC', '2')
    blocked = tmp_path / 'not-a-directory'
    blocked.write_text('a file where the image folder should be')
    svc = GenerationService(
        settings=_settings(),
        db=db,
        store=LocalStore(blocked),
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
    )
    owner = await _user(db, balance=10, tier='premium')
    view = await svc.start(owner_id=owner, prompt='fitness home workout', tier='basic')
    done = await finished(svc, owner, view.id)
    assert done.status == 'failed'
    assert done.error and 'refunded' in done.error and 'Traceback' not in done.error
    async with db.session() as session:
        assert await credits.balance(session=session, user_id=owner) == 10


async def test_edit_rerenders_without_reanalysing_or_charging(service: GenerationService) -> None:
    owner = await _user(service.db)
    first = await finished(service, owner, (await service.start(owner_id=owner, prompt='tech review "iPhone 20"')).id)
    layer = TextLayer.from_dict(first.text_layer)
    layer.scale, layer.color = 1.5, '#ff0000'
    second = await finished(
        service, owner, (await service.edit(owner_id=owner, generation_id=first.id, text_layer=layer)).id
    )
    assert second.status == 'completed' and second.parent_id == first.id
    assert second.analysis == first.analysis and second.template_slug == first.template_slug
    assert second.text_layer['color'] == '#ff0000' and second.credits_charged == 0
    assert second.image_url != first.image_url
    a = await service.store.get(first.image_url.removeprefix('/media/'))  # type: ignore[union-attr]
    b = await service.store.get(second.image_url.removeprefix('/media/'))  # type: ignore[union-attr]
    assert a != b


async def test_queue_positions_and_cancel_refund(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('ROUTIX_JOB_CONCURRENCY', '1')
    svc = GenerationService(
        settings=_settings(),
        db=db,
        store=LocalStore(tmp_path / 'i'),  # type: ignore[call-arg]
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
    )
    owner = await _user(db, balance=9, tier='premium')
    views = [await svc.start(owner_id=owner, prompt=f'music video number {i}', tier='premium') for i in range(3)]
    # the first may already be running when the next one is queued: positions are 1/2 or 2/3, always in order
    assert views[1].queue_position in (1, 2)
    assert views[2].queue_position == views[1].queue_position + 1
    await svc.cancel(owner_id=owner, generation_id=views[2].id)
    last = await finished(svc, owner, views[2].id)
    assert last.status == 'cancelled' and last.refunded
    for view in views[:2]:
        assert (await finished(svc, owner, view.id)).status == 'completed'
    await svc.shutdown()


async def test_restart_recovers_jobs_left_behind(db: Database, settings: Settings, tmp_path: Path) -> None:
    owner = await _user(db, balance=10, tier='premium')
    async with db.transaction() as session:  # what a crashed process leaves: one mid-flight, one waiting
        stuck = Generation(
            owner_id=owner,
            prompt='news breaking story',
            tier='premium',
            status='processing',
            stage=3,
            credits_charged=3,
        )
        waiting = Generation(owner_id=owner, prompt='beauty makeup tutorial', tier='basic', status='queued')
        session.add(stuck)
        session.add(waiting)
        await session.flush()
        await credits.debit(session=session, user_id=owner, amount=3, reason='generation', generation_id=stuck.id)
    assert stuck.id and waiting.id
    svc = GenerationService(
        settings=settings,
        db=db,
        store=LocalStore(tmp_path / 'i'),
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
    )
    await svc.recover()
    failed = await finished(svc, owner, stuck.id)
    resumed = await finished(svc, owner, waiting.id)
    assert failed.status == 'failed' and failed.error_code == INTERRUPTED and failed.refunded
    assert failed.error == 'Interrupted by a server restart. Your 3 credits were refunded.'
    assert resumed.status == 'completed'
    async with db.session() as session:
        assert await credits.balance(session=session, user_id=owner) == 10
    await svc.shutdown()
