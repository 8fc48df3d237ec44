"""The Regenerate button on a finished thumbnail, as a creator uses it: a new card with a new picture, in every open
tab of the conversation, charged like a new generation of that tier (basic: nothing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User
from sqlmodel import col, select

from routix.core.db import Database
from routix.models import Conversation, CreditEntry, Generation
from tests.helpers.language import choose_language
from tests.helpers.pages import click_newest, newest, send, visible, wait_for_count

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')


async def test_regenerate_adds_a_new_thumbnail_in_every_open_tab(
    user: User, sign_up: SignUp, create_user: Callable[[], User], app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1)
    button = newest(user, 'regenerate')
    assert button.props['aria-label'].startswith('Regenerate')

    db = app_db()
    try:
        async with db.session() as session:
            conversation = (await session.exec(select(Conversation))).one()
            entries = len((await session.exec(select(CreditEntry))).all())
        other_tab = create_user()
        other_tab.http_client.cookies = user.http_client.cookies  # the same creator, a second tab
        await other_tab.open(f'/?c={conversation.id}')
        await wait_for_count(other_tab, 'generation-image', 1)

        click_newest(user, 'regenerate')
        for tab in (user, other_tab):
            await wait_for_count(tab, 'generation-image', 2)
        assert len(visible(other_tab, 'generation')) == 2

        async with db.session() as session:
            first, second = (await session.exec(select(Generation).order_by(col(Generation.id)))).all()
            assert len((await session.exec(select(CreditEntry))).all()) == entries  # basic costs nothing
        assert second.seed != first.seed and second.template_slug == first.template_slug
        assert second.prompt == first.prompt and second.image_key != first.image_key
    finally:
        await db.dispose()


async def test_the_button_speaks_persian_to_a_persian_creator(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    await user.open('/')
    await send(user, 'بررسی گوشی «آیفون ۲۰ جدید»')
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1)
    await user.should_see(content='ساخت دوباره', marker='regenerate')
    assert newest(user, 'regenerate').props['aria-label'].startswith('ساخت دوباره')
