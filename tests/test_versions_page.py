"""The chat's version strip as a creator uses it: undo, redo, click a version, compare; other tabs follow."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlmodel import col, select

from routix.core.db import Database
from routix.models import Conversation, Generation
from tests.helpers.pages import SLOW, click_newest, newest, send, visible, wait_for_count

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')


async def first_thumbnail(user: User, prompt: str = 'Gaming video "EPIC WIN" neon purple') -> None:
    """Send a prompt, Generate on the basic tier, wait for the image."""
    await send(user, prompt)
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation-image', 1)


def current_number(user: User) -> int | None:
    """The number of the version the strip marks as current (None when none is)."""
    marked = visible(user, 'version-current')
    numbers = [
        int(m.removeprefix('version-')) for e in marked for m in e._markers if m.removeprefix('version-').isdigit()
    ]
    return numbers[0] if numbers else None


async def wait_for_current(user: User, number: int) -> None:
    """Wait until the strip marks version ``number`` as the current one."""
    for _ in range(SLOW):
        if current_number(user) == number:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'version {number} never became current (it is {current_number(user)})')


def enabled(user: User, marker: str) -> bool:
    """Whether the button with ``marker`` can be pressed."""
    (button,) = user.find(marker=marker).elements
    assert isinstance(button, ui.button)
    return button.enabled


async def current_id(app_db: AppDb) -> tuple[int | None, list[int]]:
    """The open thread's current version and every version id, read from the database."""
    db = app_db()
    try:
        async with db.session() as session:
            conv = (await session.exec(select(Conversation))).one()
            ids = (await session.exec(select(Generation.id).order_by(col(Generation.id)))).all()
            return conv.last_generation_id, [i for i in ids if i is not None]
    finally:
        await db.dispose()


async def test_undo_redo_and_picking_a_version_move_the_current_one(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await first_thumbnail(user)
    await wait_for_count(user, 'version', 1)
    await wait_for_current(user, 1)
    assert not enabled(user, 'undo')  # the first version has nothing to undo

    await send(user, 'bigger text')
    await wait_for_count(user, 'generation-image', 2)
    await wait_for_count(user, 'version', 2)
    await wait_for_current(user, 2)
    current, (v1, v2) = await current_id(app_db)
    assert current == v2

    user.find(marker='undo').click()
    await wait_for_current(user, 1)
    assert (await current_id(app_db))[0] == v1
    assert enabled(user, 'redo')
    user.find(marker='redo').click()
    await wait_for_current(user, 2)
    assert (await current_id(app_db))[0] == v2

    user.find(marker='version-1').click()  # branch: the next edit starts from version 1
    await wait_for_current(user, 1)
    await send(user, 'make it red')
    await wait_for_count(user, 'version', 3)
    await wait_for_current(user, 3)
    db = app_db()
    try:
        async with db.session() as session:
            third = (await session.exec(select(Generation).order_by(col(Generation.id).desc()))).first()
    finally:
        await db.dispose()
    assert third is not None and third.parent_id == v1


async def test_ctrl_z_undoes_and_ctrl_shift_z_redoes(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await first_thumbnail(user)
    await send(user, 'bigger text')
    await wait_for_count(user, 'version', 2)
    await wait_for_current(user, 2)
    (keyboard,) = user.find(kind=ui.keyboard).elements
    press = {  # what the browser's keydown sends (nicegui's keyboard.js)
        'action': 'keydown',
        'key': 'z',
        'code': 'KeyZ',
        'location': 0,
        'repeat': False,
        'altKey': False,
        'ctrlKey': True,
        'shiftKey': False,
        'metaKey': False,
    }
    user.find(kind=ui.keyboard).trigger('key', press)
    await wait_for_current(user, 1)
    user.find(kind=ui.keyboard).trigger('key', {**press, 'key': 'Z', 'shiftKey': True})
    await wait_for_current(user, 2)
    assert keyboard.props['ignore'] == ['input', 'textarea', 'select']  # typing in the message box keeps its Ctrl+Z


async def test_every_open_tab_follows_an_undo(
    user: User, sign_up: SignUp, create_user: Callable[[], User], app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await first_thumbnail(user)
    await send(user, 'bigger text')
    await wait_for_count(user, 'version', 2)
    db = app_db()
    try:
        async with db.session() as session:
            conversation = (await session.exec(select(Conversation))).one()
    finally:
        await db.dispose()
    second = create_user()
    second.http_client.cookies = user.http_client.cookies
    await second.open(f'/?c={conversation.id}')
    await wait_for_current(second, 2)

    user.find(marker='undo').click()
    await wait_for_current(user, 1)
    await wait_for_current(second, 1)  # moved by the event, not by a reload
    second.find(marker='version-2').click()
    await wait_for_current(user, 2)


async def test_compare_shows_two_versions_side_by_side(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await first_thumbnail(user)
    await send(user, 'bigger text')
    await wait_for_count(user, 'version', 2)
    user.find(marker='compare').click()
    await user.should_see(marker='compare-dialog')
    left = newest(user, 'compare-left-image')
    right = newest(user, 'compare-right-image')
    assert isinstance(left, ui.image) and isinstance(right, ui.image)
    images = [e for e in user.find(marker='generation-image').elements if isinstance(e, ui.image)]
    assert {left.source, right.source} == {image.source for image in images}
    assert left.source != right.source


async def test_the_cards_number_versions_as_the_strip_does_after_a_branch(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await first_thumbnail(user)
    await send(user, 'bigger text')
    await wait_for_count(user, 'version', 2)
    await wait_for_current(user, 2)
    user.find(marker='version-1').click()  # branch: the third version is made from the first
    await wait_for_current(user, 1)
    await send(user, 'make it red')
    await wait_for_count(user, 'version', 3)
    await wait_for_current(user, 3)
    titles = sorted(user.find(marker='generation-title').elements, key=lambda label: label.id)
    assert [label.text for label in titles] == ['Thumbnail', 'Version 2', 'Version 3']  # not a second 'Version 2'
    await user.should_see(marker='version-3')
