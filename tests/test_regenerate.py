"""Regenerate: a new generation of the same request that looks new (a 64-bit pHash ≥ 12 bits away from its source),
charged as its tier charges, recorded in the thread and made current. Real SQLite, real renders."""

from __future__ import annotations

import asyncio
import io
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from routix.chat.service import ChatService
from routix.chat.views import MessageView
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound
from routix.design.variation import FIXED_SIDE_FAMILIES, seeded_mirror
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.models import Generation, User
from routix.providers.chain import ProviderChain
from routix.variants.phash import MIN_DISTANCE, distance, phash
from routix.vocabulary import Tier
from tests.helpers.fake_provider import FakeImageProvider
from tests.helpers.generation import build_service, finished, ledger, premium_creator

pytestmark = pytest.mark.usefixtures('nicegui_runtime')
SEEDS = (11, 12, 13, 14, 15, 16)  # seeds of ``random``: six regenerates of each source


@pytest.fixture
async def chat(db: Database, settings: Settings, tmp_path: Path) -> AsyncIterator[ChatService]:
    chains = {Tier.PREMIUM: ProviderChain(name='premium', providers=[FakeImageProvider()])}
    generation = build_service(settings=settings, db=db, images=tmp_path / 'images', chains=chains)
    await generation.catalog.sync(db)
    yield ChatService(
        db=db,
        store=generation.store,
        analyzer=generation.analyzer,
        catalog=generation.catalog,
        generation=generation,
        max_upload_bytes=5_000_000,
        max_prompt_chars=2000,
    )
    await generation.shutdown()


async def _creator(db: Database) -> int:
    async with db.transaction() as session:
        user = User(email='regen@example.com', tier='creator')
        session.add(user)
        await session.flush()
        assert user.id is not None
        return user.id


async def _seed(db: Database, generation_id: int) -> int:
    async with db.session() as session:
        row = await session.get(Generation, generation_id)
    assert row is not None
    return row.seed


async def _hash(service: GenerationService, view: GenerationView) -> int:
    assert view.image_url
    data = await service.store.get(view.image_url.removeprefix('/media/'))
    return phash(Image.open(io.BytesIO(data)).convert('RGB'))


async def _first(chat: ChatService, owner: int, prompt: str, tier: str = 'basic') -> tuple[int, GenerationView]:
    conv = await chat.create(owner_id=owner)
    proposal = (await chat.send(owner_id=owner, conversation_id=conv.id, text=prompt))[-1]
    view = await chat.generate(
        owner_id=owner,
        conversation_id=conv.id,
        proposal_id=proposal.id,
        template_slug=proposal.meta['matches'][0]['slug'],
        tier=tier,
    )
    return conv.id, await finished(chat.generation, owner, view.id)


@pytest.mark.parametrize(
    'prompt', ['tech review "NEW iPhone 20" unboxing', 'بررسی گوشی «آیفون ۲۰ جدید»', 'cooking video "Pasta Night"']
)
async def test_a_regenerate_looks_new_on_every_seed(chat: ChatService, prompt: str) -> None:
    owner = await _creator(chat.db)
    conv_id, source = await _first(chat, owner, prompt)
    assert not source.match.get('mirrored')  # a first render keeps the template's side
    spec = chat.catalog.get(source.template_slug or '')
    before = await _hash(chat.generation, source)
    sides = set()
    for n in SEEDS:
        random.seed(n)  # the regenerate's own random seeds, repeatable
        started = await chat.regenerate(owner_id=owner, conversation_id=conv_id, generation_id=source.id)
        view = await finished(chat.generation, owner, started.id)
        assert view.status == 'completed' and view.template_slug == source.template_slug
        assert view.prompt == source.prompt and view.headline.casefold() == source.headline.casefold()
        seed = await _seed(chat.db, view.id)
        assert seed != await _seed(chat.db, source.id)
        assert bool(view.match.get('mirrored')) == seeded_mirror(spec, seed)
        sides.add(seeded_mirror(spec, seed))
        gap = distance(before, await _hash(chat.generation, view))
        assert gap >= MIN_DISTANCE, (seed, gap)
    if spec.family in FIXED_SIDE_FAMILIES:  # a before/after or a versus keeps its order
        assert sides == {False}
    assert await chat.versions.current(owner_id=owner, conversation_id=conv_id) == view.id


async def test_a_regenerate_gets_a_new_seed_a_message_and_reaches_every_listener(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, source = await _first(chat, owner, 'gaming "BOSS FIGHT" tonight')
    tabs: list[asyncio.Queue[MessageView]] = [asyncio.Queue(), asyncio.Queue()]  # two open tabs of the creator
    for tab in tabs:
        chat.messages_for(owner).subscribe(tab.put_nowait)
    view = await chat.regenerate(owner_id=owner, conversation_id=conv_id, generation_id=source.id)
    assert view.id != source.id and await _seed(chat.db, view.id) != await _seed(chat.db, source.id)
    for tab in tabs:
        message = tab.get_nowait()
        assert message.kind == 'generation' and message.meta['generation_id'] == view.id
    thread = await chat.messages(owner_id=owner, conversation_id=conv_id)
    assert thread[-1].meta == {'kind': 'generation', 'generation_id': view.id, 'regenerated_from': source.id}


@pytest.mark.parametrize('tier', ['basic', 'premium'])
async def test_a_regenerate_costs_what_a_generation_of_its_tier_costs(
    chat: ChatService, settings: Settings, tier: str
) -> None:
    owner = await premium_creator(chat.db, balance=20)
    conv_id, source = await _first(chat, owner, 'fitness "30 DAY ABS" challenge', tier=tier)
    spent = await ledger(chat.db, owner)
    view = await chat.regenerate(owner_id=owner, conversation_id=conv_id, generation_id=source.id)
    await finished(chat.generation, owner, view.id)
    entries = await ledger(chat.db, owner)
    cost = settings.cost_of(tier)
    assert entries[len(spent) :] == ([(-cost, 'generation')] if cost else [])
    assert view.credits_charged == cost == source.credits_charged and view.tier == tier


async def test_only_a_finished_thumbnail_of_the_owners_thread_is_regenerated(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, source = await _first(chat, owner, 'travel vlog "TOKYO IN 24 HOURS"')
    async with chat.db.transaction() as session:
        other = User(email='other@example.com', tier='creator')
        session.add(other)
        await session.flush()
        assert other.id is not None
        other_id = other.id
    other_conv = await chat.create(owner_id=other_id)
    with pytest.raises(NotFound):
        await chat.regenerate(owner_id=other_id, conversation_id=other_conv.id, generation_id=source.id)
    with pytest.raises(NotFound):
        await chat.regenerate(owner_id=other_id, conversation_id=conv_id, generation_id=source.id)
    elsewhere = await chat.create(owner_id=owner)
    with pytest.raises(NotFound):
        await chat.regenerate(owner_id=owner, conversation_id=elsewhere.id, generation_id=source.id)
    running = await chat.regenerate(owner_id=owner, conversation_id=conv_id, generation_id=source.id)
    if not (await chat.generation.get(owner_id=owner, generation_id=running.id)).finished:
        with pytest.raises(InvalidRequest):
            await chat.regenerate(owner_id=owner, conversation_id=conv_id, generation_id=running.id)
