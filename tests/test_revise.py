"""Follow-ups in the chat become new versions re-rendered from the recipe: real SQLite, real renders, no provider."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from routix.analysis.offline import OfflineAnalyzer
from routix.chat.service import ChatService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest
from routix.edits.change import RecipeChange
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.models import User
from tests.helpers.generation import build_service, finished

pytestmark = pytest.mark.usefixtures('nicegui_runtime')

FOLLOW_UPS = {
    'en': [
        'make the background dark',
        'bigger text',
        'remove the badge',
        'add a phone',
        'swap sides',
        'try another layout',
        'more contrast',
        'move the text to the top',
        'make the text yellow',
        'text: Game Over',
        'blur the background',
        'use a trophy instead',
    ],
    'fa': [
        'پس‌زمینه رو تیره‌تر کن',
        'متن رو بزرگتر کن',
        'برچسب رو بردار',
        'یه گوشی اضافه کن',
        'جاشون رو عوض کن',
        'یه قالب دیگه امتحان کن',
        'کنتراست بیشتر',
        'متن رو ببر بالا',
        'متن رو زرد کن',
        'متن: بازی تمام شد',
        'پس زمینه رو تار کن',
        'به جای اون یه جام بذار',
    ],
}


@pytest.fixture
async def generation(db: Database, settings: Settings, tmp_path: Path) -> AsyncIterator[GenerationService]:
    svc = build_service(settings=settings, db=db, images=tmp_path / 'images')
    await svc.catalog.sync(db)
    yield svc
    await svc.shutdown()


@pytest.fixture
def chat(generation: GenerationService) -> ChatService:
    return ChatService(
        db=generation.db,
        store=generation.store,
        analyzer=OfflineAnalyzer(),
        catalog=generation.catalog,
        generation=generation,
        max_upload_bytes=5_000_000,
        max_prompt_chars=2000,
    )


async def _creator(db: Database) -> int:
    async with db.transaction() as session:
        user = User(email='editor@example.com', tier='creator')
        session.add(user)
        await session.flush()
        assert user.id is not None
        return user.id


async def _pixels(service: GenerationService, view: GenerationView) -> Image.Image:
    assert view.image_url
    return Image.open(io.BytesIO(await service.store.get(view.image_url.removeprefix('/media/')))).convert('RGB')


async def _first(chat: ChatService, owner: int, prompt: str) -> tuple[int, GenerationView]:
    conv = await chat.create(owner_id=owner)
    proposal = (await chat.send(owner_id=owner, conversation_id=conv.id, text=prompt))[-1]
    view = await chat.generate(
        owner_id=owner,
        conversation_id=conv.id,
        proposal_id=proposal.id,
        template_slug=proposal.meta['matches'][0]['slug'],
        tier='basic',
    )
    return conv.id, await finished(chat.generation, owner, view.id)


@pytest.mark.parametrize('lang', ['en', 'fa'])
async def test_follow_ups_are_versions_whose_pixels_change_never_new_designs(chat: ChatService, lang: str) -> None:
    owner = await _creator(chat.db)
    prompt = 'tech review "NEW iPhone 20" unboxing' if lang == 'en' else 'بررسی گوشی «آیفون ۲۰ جدید»'
    conv_id, current = await _first(chat, owner, prompt)
    for text in FOLLOW_UPS[lang]:
        reply = (await chat.send(owner_id=owner, conversation_id=conv_id, text=text))[-1]
        assert reply.meta['kind'] in ('edit', 'no_change'), (text, reply.content)
        if reply.meta['kind'] == 'no_change':
            assert reply.content  # said honestly, in words
            continue
        child = await chat.generation.get(owner_id=owner, generation_id=reply.meta['generation_id'])
        assert child.parent_id == current.id and child.status == 'completed' and child.credits_charged == 0
        before, after = await _pixels(chat.generation, current), await _pixels(chat.generation, child)
        assert ImageChops.difference(before, after).getbbox() is not None, text
        assert reply.content and reply.meta['summary_fa']
        current = child
    assert await chat.versions.current(owner_id=owner, conversation_id=conv_id) == current.id


async def test_an_edit_that_changes_nothing_says_so(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, first = await _first(chat, owner, 'cooking video "Pasta Night"')
    with pytest.raises(InvalidRequest) as caught:
        await chat.generation.revise(
            owner_id=owner, generation_id=first.id, change=RecipeChange(subject=first.match['subject'])
        )
    assert caught.value.code == 'edit.no_change'
    await chat.send(owner_id=owner, conversation_id=conv_id, text='no shadow')
    reply = (await chat.send(owner_id=owner, conversation_id=conv_id, text='no shadow'))[-1]
    assert reply.meta['kind'] == 'no_change' and 'not change' in reply.content


async def test_overrides_are_stored_and_the_master_is_the_same_picture(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    _, first = await _first(chat, owner, 'gaming "EPIC WIN" neon')
    change = RecipeChange(
        palette=['#123456', *first.match['palette'][1:]],
        mirrored=True,
        adjust={'brightness': 0.7, 'blur': 4},
        subject='trophy',
        subject_box=(100, 100, 300, 300),
    )
    child = await chat.generation.revise(owner_id=owner, generation_id=first.id, change=change)
    assert child.match['mirrored'] is True and child.match['subject_box'] == [100, 100, 300, 300]
    assert child.match['adjust'] == {'brightness': 0.7, 'blur': 4.0} and child.match['subject'] == 'trophy'
    master = Image.open(io.BytesIO(await chat.generation.master_png(owner_id=owner, generation_id=child.id)))
    jpeg = await _pixels(chat.generation, child)
    diff = ImageChops.difference(master.convert('RGB'), jpeg).convert('L')
    assert max(diff.histogram()[40:]) == 0 or sum(diff.histogram()[40:]) < 0.01 * 1280 * 720  # JPEG noise only


async def test_undo_and_redo_move_the_current_version(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, first = await _first(chat, owner, 'travel vlog "Tokyo at night"')
    edit = (await chat.send(owner_id=owner, conversation_id=conv_id, text='make the background dark'))[-1]
    undo = (await chat.send(owner_id=owner, conversation_id=conv_id, text='undo'))[-1]
    assert undo.meta == {'kind': 'undo', 'generation_id': first.id}
    redo = (await chat.send(owner_id=owner, conversation_id=conv_id, text='redo'))[-1]
    assert redo.meta == {'kind': 'redo', 'generation_id': edit.meta['generation_id']}


async def test_unclear_asks_back_with_choices_and_starts_nothing(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, first = await _first(chat, owner, 'fitness "30 Day Abs"')
    reply = (await chat.send(owner_id=owner, conversation_id=conv_id, text='hmm not sure about this'))[-1]
    assert reply.meta['kind'] == 'clarify' and 2 <= len(reply.meta['choices']) <= 3
    assert await chat.versions.current(owner_id=owner, conversation_id=conv_id) == first.id
    picked = (await chat.send(owner_id=owner, conversation_id=conv_id, text=reply.meta['choices'][0]['text']))[-1]
    assert picked.meta['kind'] == 'edit'


async def test_the_other_language_version_flips_direction_and_mirrors(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, first = await _first(chat, owner, 'tech review "Best Phone 2026"')
    view = await chat.other_language(
        owner_id=owner, conversation_id=conv_id, generation_id=first.id, headline='بهترین گوشی ۲۰۲۶'
    )
    assert view.text_layer['direction'] == 'rtl' and view.text_layer['headline'] == 'بهترین گوشی ۲۰۲۶'
    assert view.match['mirrored'] is not bool(first.match.get('mirrored')) and view.parent_id == first.id
    x, _, w, _ = first.text_layer['box']
    assert view.text_layer['box'][0] == 1280 - x - w  # the headline changed sides with the layout


async def test_honest_replies_name_why_nothing_changed(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, first = await _first(chat, owner, 'tech review "NEW iPhone 20" unboxing')
    assert first.text_layer['align'] == 'left'
    edge = (await chat.send(owner_id=owner, conversation_id=conv_id, text='move the text left'))[-1]
    assert edge.meta['kind'] == 'no_change' and 'already as far' in edge.content
    ink = '#ffffff' if first.text_layer['color'].lower() in ('#111827', '#000000') else '#000000'
    shade = 'white' if ink == '#ffffff' else 'black'
    reply = (await chat.send(owner_id=owner, conversation_id=conv_id, text=f'make the text {shade}'))[-1]
    if reply.meta['kind'] == 'no_change':  # the renderer kept a readable colour: said so, with the colour's name
        assert 'would not be readable' in reply.content and shade in reply.content
    else:
        assert reply.meta['kind'] == 'edit' and reply.content == f'Colour {shade}'


async def test_use_my_photo_with_an_attached_image_puts_it_in_the_subject_slot(chat: ChatService) -> None:
    owner = await _creator(chat.db)
    conv_id, first = await _first(chat, owner, 'cooking video "Pasta Night"')
    photo = io.BytesIO()
    Image.new('RGB', (640, 480), '#3a7bd5').save(photo, format='PNG')
    upload = await chat.save_upload(owner_id=owner, data=photo.getvalue())
    reply = (await chat.send(owner_id=owner, conversation_id=conv_id, text='use my photo', upload_ids=[upload.id]))[-1]
    assert reply.meta['kind'] == 'edit', reply.content
    child = await chat.generation.get(owner_id=owner, generation_id=reply.meta['generation_id'])
    assert 'photo' in [layer['kind'] for layer in child.match['layers']]
    assert 'photo' not in [layer['kind'] for layer in first.match.get('layers', [])]
    asked = (await chat.send(owner_id=owner, conversation_id=conv_id, text='use my photo'))[-1]
    assert asked.meta['kind'] == 'clarify' and 'Attach the photo' in asked.content
