"""Two creators on one server: neither sees the other's conversations, thumbnails, files or live events; two tabs
of the same creator stay in step."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui import ElementFilter, ui
from nicegui.testing import User
from sqlmodel import select

from routix.core.db import Database
from routix.models import Conversation, Generation

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')
SLOW = 150


def found(user: User, marker: str) -> list[ui.element]:
    with user:
        return list(ElementFilter(marker=marker, only_visible=True, local_scope=False))


async def until(condition: Callable[[], bool], what: str, *, retries: int = SLOW) -> None:
    for _ in range(retries):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


async def make_thumbnail(user: User, prompt: str) -> None:
    await user.open('/')
    user.find(marker='composer').type(prompt)
    user.find(marker='send').click()
    await user.should_see(marker='proposal')
    user.find(marker='generate').click()
    await user.should_see(marker='generation-image', retries=SLOW)


async def rows(app_db: AppDb) -> tuple[list[Conversation], list[Generation]]:
    db = app_db()
    try:
        async with db.session() as session:
            return (
                list((await session.exec(select(Conversation))).all()),
                list((await session.exec(select(Generation))).all()),
            )
    finally:
        await db.dispose()


@pytest.fixture
async def two_creators(user: User, sign_up: SignUp, create_user: Callable[[], User]) -> tuple[User, User]:
    """Ada (``user``) and Bob, each signed in with their own cookies."""
    bob = create_user()
    await sign_up(user, email='ada@example.com', name='Ada')
    await sign_up(bob, email='bob@example.com', name='Bob')
    return user, bob


async def test_b_sees_none_of_as_conversations_history_or_files(two_creators: tuple[User, User], app_db: AppDb) -> None:
    ada, bob = two_creators
    await make_thumbnail(ada, 'Fitness video "IRON WEEK" bold red')
    (conversation,), (generation,) = await rows(app_db)
    (image,) = found(ada, 'generation-image')
    assert isinstance(image, ui.image)
    (download,) = found(ada, 'download-png')
    files = [image.source, download.props['href'].split('?')[0], f'{image.source}?download=1']

    await bob.open('/')
    await bob.should_see('No conversations yet.')
    await bob.should_not_see('Fitness video "IRON WEEK" bold red')
    await bob.should_not_see(marker='conversation')
    await bob.open(f'/?c={conversation.id}')
    await bob.should_see('That conversation does not exist. Here is a new chat.')
    await bob.should_not_see(marker='proposal')
    await bob.should_not_see(marker='generation')

    await bob.open('/history')
    await bob.should_see('Nothing here yet. Your thumbnails will appear here.')
    await bob.open(f'/history?g={generation.id}')
    await bob.should_see('That thumbnail does not exist.')
    await bob.should_not_see(marker='generation-detail')

    for url in files:
        assert (await bob.http_client.get(url)).status_code == 404
        assert (await ada.http_client.get(url)).status_code == 200


async def test_as_live_progress_never_reaches_bs_open_pages(two_creators: tuple[User, User]) -> None:
    ada, bob = two_creators
    await bob.open('/history')
    await bob.should_see('Nothing here yet. Your thumbnails will appear here.')
    bob_history = bob.client
    await make_thumbnail(ada, 'Gaming video "EPIC WIN" neon purple')
    # Ada's generation went through every stage while Bob's page was open: not one card arrived there
    with bob_history:
        assert not list(ElementFilter(marker='history-card', local_scope=False))
    await bob.open('/')
    chat_client = bob.client
    await make_thumbnail(ada, 'Cooking video "PASTA NIGHT" warm')
    with chat_client:
        assert not list(ElementFilter(marker='generation', local_scope=False))
        assert not list(ElementFilter(marker='user-message', local_scope=False))
        assert not list(ElementFilter(marker='conversation', local_scope=False))


async def test_two_tabs_of_one_creator_stay_in_step(
    user: User, sign_up: SignUp, create_user: Callable[[], User], app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    user.find(marker='composer').type('Gaming video "EPIC WIN" neon purple')
    user.find(marker='send').click()
    await user.should_see(marker='proposal')
    (conversation,), _ = await rows(app_db)

    second = create_user()
    second.http_client.cookies = user.http_client.cookies
    await second.open(f'/?c={conversation.id}')
    await second.should_see(marker='proposal')
    third = create_user()
    third.http_client.cookies = user.http_client.cookies
    await third.open('/')  # a new chat in a third tab: it sees the list change, not the thread
    await third.should_see(marker=f'conversation-{conversation.id}')

    user.find(marker='composer').type('Tech review "PHONE X" clean')
    user.find(marker='send').click()
    await until(lambda: len(found(second, 'proposal')) == 2, 'the second tab to get the new proposal')
    await second.should_see('Tech review "PHONE X" clean')

    user.find(marker='generate').click()  # the first proposal's Generate
    await until(lambda: bool(found(second, 'generation-image')), 'the second tab to see the finished image')
    await until(lambda: bool(found(user, 'generation-image')), 'the first tab to see it too')
    assert not found(third, 'generation')

    user.find(marker='conversation-menu').click()  # the ⋮ menu is built when first opened
    user.find(marker='rename').click()
    await user.should_see(marker='dialog-input')
    user.find(marker='dialog-input').clear().type('Renamed elsewhere')
    user.find(marker='dialog-ok').click()
    await until(
        lambda: any(getattr(e, 'text', '') == 'Renamed elsewhere' for e in found(third, 'conversation-title')),
        'the third tab to show the new title',
    )
