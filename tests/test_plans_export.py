"""The plan decides the watermark at export and the tiers a creator may generate."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from routix import render
from routix.accounts import credits
from routix.billing.plans import PlanBook
from routix.billing.refill import set_plan
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest
from routix.generation.recipe import Recipe, compose_now
from routix.models import Generation, User
from tests.helpers.generation import build_service, finished, ledger

pytestmark = pytest.mark.usefixtures('nicegui_runtime')


async def _creator(db: Database, *, plan: str = 'free') -> int:
    async with db.transaction() as session:
        user = User(email='ada@example.com', plan=plan, tier='free')
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=20, reason='signup')
    return user.id


async def test_after_an_upgrade_an_earlier_thumbnail_exports_without_the_watermark(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    service = build_service(settings=settings, db=db, images=tmp_path / 'images')
    owner = await _creator(db)
    started = await service.start(owner_id=owner, prompt='cooking pasta at home', seed=77)
    done = await finished(service, owner, started.id)
    assert done.status == 'completed' and done.match['watermark'] is True
    marked = await service.master_png(owner_id=owner, generation_id=done.id)

    book = PlanBook()
    await set_plan(db=db, book=book, user_id=owner, plan=book.named('creator'))
    unmarked = await service.master_png(owner_id=owner, generation_id=done.id)
    async with db.session() as session:
        row = await session.get(Generation, done.id)
    assert row is not None and row.template_slug
    recipe = Recipe.of(row, spec=service.catalog.get(row.template_slug), background=None, reference=None)
    assert recipe.watermark  # the recipe keeps what it was drawn with; only the export leaves it out
    expected = render.finalise(compose_now(replace(recipe, watermark=False)).image, master=True).png
    assert unmarked == expected and unmarked != marked
    assert await service.store.get(row.png_key or '') == marked  # the kept master was not overwritten

    await set_plan(db=db, book=book, user_id=owner, plan=book.named('free'))  # back on free: marked again
    assert await service.master_png(owner_id=owner, generation_id=done.id) == marked


async def test_a_tier_the_plan_does_not_include_is_refused_before_any_charge(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / 'plans.json'
    path.write_text(json.dumps({'plans': [{'name': 'hobby', 'watermark': True, 'tiers': ['basic']}]}))
    service = build_service(settings=settings.model_copy(update={'plans_file': path}), db=db, images=tmp_path / 'i')
    owner = await _creator(db, plan='hobby')
    with pytest.raises(InvalidRequest) as refused:
        await service.start(owner_id=owner, prompt='stock market crash explained', tier='premium')
    assert (refused.value.code, refused.value.params) == (
        'plan.tier_not_included',
        {'plan': 'hobby', 'tier': 'premium'},
    )
    assert refused.value.message('en') == 'Your plan (hobby) does not include premium thumbnails.'
    assert await ledger(db, owner) == [(20, 'signup')]
    basic = await service.start(owner_id=owner, prompt='stock market crash explained')
    assert (await finished(service, owner, basic.id)).status == 'completed'
