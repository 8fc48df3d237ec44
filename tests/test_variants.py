"""Variant sets: three thumbnails along one axis, each passing the check, every pair ≥ 12 bits of pHash apart."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from skimage import data as samples

from routix.analysis.model import Analysis
from routix.analysis.offline import OfflineAnalyzer
from routix.chat.service import ChatService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound, QuotaExceeded
from routix.design.catalog import TemplateCatalog
from routix.generation.service import GenerationService
from routix.models import Conversation, Message
from routix.providers.chain import ProviderChain
from routix.render import encode_png
from routix.variants.axes import candidates, headlines
from routix.variants.choose import choose
from routix.variants.phash import MIN_DISTANCE, distance, phash
from routix.variants.service import VariantService
from routix.vocabulary import Tier
from tests.helpers.fake_provider import FakeImageProvider
from tests.helpers.generation import build_service, finished, ledger, premium_creator

CATALOG = TemplateCatalog.load()


def _analysis(prompt: str) -> Analysis:
    return asyncio.run(OfflineAnalyzer().analyze(prompt))


def _pairwise(hashes: list[int]) -> list[int]:
    return [distance(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1 :]]


def test_phash_tells_a_picture_from_itself_and_from_another() -> None:
    photo = Image.fromarray(samples.astronaut())
    assert distance(phash(photo), phash(photo.resize((256, 256)))) <= 4
    assert distance(phash(photo), phash(Image.fromarray(samples.coffee()))) >= MIN_DISTANCE


def test_headline_rewordings_are_shorter_a_question_and_number_led_in_either_language() -> None:
    english = headlines(replace(_analysis('x'), headline='I Tried Every Budget Gaming Mouse', language='en'))
    assert english == ['Tried Every Budget', 'WHY Tried Every Budget?', 'TOP 3: Tried Every Budget']
    persian = headlines(replace(_analysis('x'), headline='بهترین گوشی ارزان ۲۰۲۶', language='fa', direction='rtl'))
    assert persian[1].startswith('چرا') and persian[1].endswith('؟') and persian[2].startswith('۲۰۲۶')


@pytest.mark.parametrize('axis', ['layout', 'colour', 'wording', 'subject'])
@pytest.mark.parametrize('prompt', ['I tried every budget gaming mouse', 'بهترین گوشی ارزان ۲۰۲۶'])
def test_every_axis_gives_three_variants_that_pass_the_check_and_differ_visibly(axis: str, prompt: str) -> None:
    analysis = _analysis(prompt)
    spec = CATALOG.get(CATALOG.match(analysis, top_n=1)[0].slug)
    found, used = candidates(axis, catalog=CATALOG, spec=spec, analysis=analysis, seed=1, reference=None)
    chosen = choose(found, prompt=prompt, watermark=True)
    assert used == axis and len(chosen) == 3
    assert min(_pairwise([shot.hash for shot in chosen])) >= MIN_DISTANCE
    assert all(shot.check_ok for shot in chosen), [shot.failing for shot in chosen]
    assert chosen[0].candidate is found[0]  # variant A is the source's own design
    if axis == 'layout':
        assert len({shot.candidate.spec.slug for shot in chosen}) == 3
    if axis == 'wording':
        assert len({shot.candidate.analysis.headline for shot in chosen}) == 3


def test_the_crop_axis_frames_the_face_three_ways_and_without_a_photo_falls_back_to_layout() -> None:
    analysis = _analysis('my morning routine vlog')
    spec = next(s for s in CATALOG.specs if s.category == 'vlog' and s.layout.get('subject'))
    photo = encode_png(Image.fromarray(samples.astronaut()))
    found, used = candidates('crop', catalog=CATALOG, spec=spec, analysis=analysis, seed=1, reference=photo)
    assert used == 'crop'
    crops = [c for c in found if c.reference_changed]
    sizes = [Image.open(io.BytesIO(c.reference or b'')).size for c in crops[:2]]
    assert len(crops) >= 2 and sizes[0][1] < sizes[1][1] < 512  # tight, then medium; wide is the photo itself
    chosen = choose(found, prompt='my morning routine vlog', watermark=True)
    assert len(chosen) == 3 and min(_pairwise([shot.hash for shot in chosen])) >= MIN_DISTANCE
    _, fallback = candidates('crop', catalog=CATALOG, spec=spec, analysis=analysis, seed=1, reference=None)
    assert fallback == 'layout'


def _routix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', 'routix.cli', *args], capture_output=True, text=True, cwd=cwd, timeout=180, check=False
    )


def test_cli_renders_a_set_into_a_folder_as_one_json_object(tmp_path: Path) -> None:
    out = tmp_path / 'set'
    result = _routix(
        'render', 'I tried every budget gaming mouse', '--variants', '3', '--out', str(out), '--json', cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report['axis'] == 'layout' and len(report['variants']) == 3
    assert sorted(p.name for p in out.iterdir()) == ['variant-A.jpg', 'variant-B.jpg', 'variant-C.jpg']
    hashes = []
    for variant in report['variants']:
        image = Image.open(variant['output'])
        assert image.size == (1280, 720) and image.format == 'JPEG'
        assert {layer['kind'] for layer in variant['layers']} >= {'headline'}
        assert variant['check']['ok'] is True
        hashes.append(phash(image))
    assert min(_pairwise(hashes)) >= MIN_DISTANCE
    wrong = _routix('render', 'x', '--variants', '5', '--out', str(out), cwd=tmp_path)
    assert wrong.returncode == 2 and '2 or 3 thumbnails' in wrong.stderr


# ---- the service: generations, the chat message, credits ------------------------------------------------------


@pytest.fixture
async def variants(
    db: Database, settings: Settings, tmp_path: Path, nicegui_runtime: None
) -> AsyncIterator[VariantService]:
    chains = {Tier.PREMIUM: ProviderChain(name='premium', providers=[FakeImageProvider()])}
    generation = build_service(settings=settings, db=db, images=tmp_path / 'images', chains=chains)
    await generation.catalog.sync(db)
    chat = ChatService(
        db=db,
        store=generation.store,
        analyzer=generation.analyzer,
        catalog=generation.catalog,
        generation=generation,
        max_upload_bytes=settings.max_upload_bytes,
        max_prompt_chars=settings.max_prompt_chars,
        runtime=generation.runtime,
    )
    yield VariantService(
        settings=settings,
        db=db,
        store=generation.store,
        catalog=generation.catalog,
        generation=generation,
        chat=chat,
        runtime=generation.runtime,
    )
    await generation.shutdown()


async def _thread(service: GenerationService, owner: int) -> tuple[int, int]:
    """A conversation with one finished thumbnail: (conversation id, generation id)."""
    async with service.db.transaction() as session:
        conv = Conversation(owner_id=owner, title='mice')
        session.add(conv)
        await session.flush()
        assert conv.id is not None
    view = await service.start(owner_id=owner, prompt='I tried every budget gaming mouse', conversation_id=conv.id)
    assert (await finished(service, owner, view.id)).status == 'completed'
    return conv.id, view.id


async def test_a_basic_set_starts_three_free_generations_recorded_in_one_message(variants: VariantService) -> None:
    gen = variants.generation
    owner = await premium_creator(gen.db, balance=5)
    conversation, source = await _thread(gen, owner)
    heard = []
    variants.chat.messages_for(owner).subscribe(heard.append)
    views = await variants.make(
        owner_id=owner, conversation_id=conversation, source_generation_id=source, axis='wording'
    )
    done = [await finished(gen, owner, view.id) for view in views]
    assert [v.status for v in done] == ['completed'] * 3 and variants.price('basic') == 0
    assert await ledger(gen.db, owner) == [(5, 'grant')]  # nothing charged
    images = [Image.open(io.BytesIO(await gen.store.get(v.image_url.removeprefix('/media/')))) for v in done]
    assert min(_pairwise([phash(image) for image in images])) >= MIN_DISTANCE  # the pipeline drew what was chosen
    assert len({v.headline for v in done}) == 3
    (message,) = heard
    assert message.kind == 'variants' and message.meta['axis'] == 'wording'
    assert message.meta['generation_ids'] == [v.id for v in views]
    zipped = await variants.export_zip(owner_id=owner, message_id=message.id)
    assert zipped[:2] == b'PK'


async def test_a_paid_set_charges_for_three_up_front_and_refuses_when_credits_are_short(
    variants: VariantService,
) -> None:
    gen = variants.generation
    cost = gen.settings.cost_of('premium')
    owner = await premium_creator(gen.db, balance=3 * cost)
    conversation, source = await _thread(gen, owner)
    assert variants.price('premium') == 3 * cost
    views = await variants.make(
        owner_id=owner, conversation_id=conversation, source_generation_id=source, axis='layout', tier='premium'
    )
    assert len(views) == 3 and sum(v.credits_charged for v in views) == 3 * cost
    for view in views:
        await finished(gen, owner, view.id)
    with pytest.raises(QuotaExceeded):
        await variants.make(
            owner_id=owner, conversation_id=conversation, source_generation_id=source, axis='layout', tier='premium'
        )
    with pytest.raises(InvalidRequest):
        await variants.make(owner_id=owner, conversation_id=conversation, source_generation_id=source, axis='mood')
    async with gen.db.session() as session:
        messages = [m for m in (await session.exec(__import__('sqlmodel').select(Message))).all()]
    assert [m.meta.get('kind') for m in messages].count('variants') == 1


async def test_a_set_from_a_proposal_and_nothing_from_someone_elses_thread(variants: VariantService) -> None:
    gen = variants.generation
    owner = await premium_creator(gen.db, balance=0)
    stranger = await premium_creator(gen.db, email='stranger@example.com', balance=0)
    conversation = (await variants.chat.create(owner_id=owner)).id
    replies = await variants.chat.send(
        owner_id=owner, conversation_id=conversation, text='easy pasta recipe in 10 minutes'
    )
    proposal = next(m for m in replies if m.kind == 'proposal')
    views = await variants.make(owner_id=owner, conversation_id=conversation, proposal_id=proposal.id, axis='subject')
    done = [await finished(gen, owner, view.id) for view in views]
    assert [v.status for v in done] == ['completed'] * 3
    assert len({v.match['subject'] for v in done}) == 3  # three subjects of the cooking category
    with pytest.raises(NotFound):
        await variants.make(owner_id=stranger, conversation_id=conversation, proposal_id=proposal.id, axis='layout')
    other = (await variants.chat.create(owner_id=stranger)).id
    with pytest.raises(NotFound):  # the stranger's own thread, but the owner's proposal
        await variants.make(owner_id=stranger, conversation_id=other, proposal_id=proposal.id, axis='layout')


def test_cli_crop_without_a_photo_says_it_varied_the_layout(tmp_path: Path) -> None:
    out = tmp_path / 'set'
    result = _routix(
        'render',
        'my morning routine vlog',
        '--variants',
        '2',
        '--axis',
        'crop',
        '--out',
        str(out),
        '--json',
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report['axis'] == 'layout' and len(report['variants']) == 2
    assert report['notice'] == 'No photo to crop: the variants differ in layout instead.'
