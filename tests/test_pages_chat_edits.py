"""A creator refines one thumbnail through ten varied follow-ups in either language: each is a new version whose
pixels differ (or an honest 'nothing changed'), none a new design; unclear messages get one-click answers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui import ui
from nicegui.testing import User

from tests.helpers.language import choose_language
from tests.helpers.pages import click_newest, newest, send, visible, wait_for_count

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')

FOLLOW_UPS = {
    'en': [
        'make the background dark',
        'bigger text',
        'add a picture of the phone',
        'swap sides',
        'make the text yellow',
        'try another layout',
        'more contrast',
        'move the text to the top',
        'blur the background',
        'text: Game Over',
    ],
    'fa': [
        'پس‌زمینه رو تیره‌تر کن',
        'متن رو بزرگتر کن',
        'یه گوشی اضافه کن',
        'جاشون رو عوض کن',
        'متن رو زرد کن',
        'یه قالب دیگه امتحان کن',
        'کنتراست بیشتر',
        'متن رو ببر بالا',
        'پس زمینه رو تار کن',
        'متن: بازی تمام شد',
    ],
}
PROMPTS = {'en': 'Tech review "NEW iPhone 20" unboxing', 'fa': 'بررسی گوشی با متن «آیفون ۲۰ جدید»'}


async def _first_thumbnail(user: User, prompt: str) -> None:
    await send(user, prompt)
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1)


async def _image_bytes(user: User) -> bytes:
    image = newest(user, 'generation-image')
    assert isinstance(image, ui.image)
    response = await user.http_client.get(image.source)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize('lang', ['en', 'fa'])
async def test_ten_follow_ups_are_ten_versions_and_never_a_new_design(user: User, sign_up: SignUp, lang: str) -> None:
    await sign_up(user)
    if lang == 'fa':
        await choose_language(user, 'fa')
    await user.open('/')
    await _first_thumbnail(user, PROMPTS[lang])
    previous = await _image_bytes(user)
    images, answers = 1, len(visible(user, 'assistant-text'))
    for text in FOLLOW_UPS[lang]:
        await send(user, text)
        for _ in range(150):  # a new version's card, or a plain answer saying nothing changed
            if len(visible(user, 'generation-image')) > images or len(visible(user, 'assistant-text')) > answers:
                break
            await asyncio.sleep(0.1)
        if len(visible(user, 'generation-image')) > images:
            images += 1
            current = await _image_bytes(user)
            assert current != previous, text
            previous = current
        else:
            answers += 1
        assert len(visible(user, 'proposal')) == 1, text  # no follow-up asked for a new design
    assert images >= 9  # at most one honest 'nothing changed' in ten


async def test_unclear_gets_one_click_answers_and_undo_goes_back(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await _first_thumbnail(user, PROMPTS['en'])
    await send(user, 'hmm not sure about this')
    await user.should_see(marker='clarify')
    assert len(visible(user, 'clarify-choice')) == 3
    assert len(visible(user, 'proposal')) == 1
    click_newest(user, 'clarify-choice')
    await wait_for_count(user, 'generation-image', 2)
    await send(user, 'undo')
    await user.should_see('Back to the previous version.')
    await send(user, 'redo')
    await user.should_see('The change is back.')
    assert len(visible(user, 'proposal')) == 1
