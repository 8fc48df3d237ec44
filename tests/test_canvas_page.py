"""The canvas on the current thumbnail: a drag, a resize and a retype each become a new version the server renders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User
from sqlmodel import col, select

from components.canvas import CanvasChange, parse_change
from routix.core.db import Database
from routix.models import Conversation, Generation, Message
from tests.helpers.pages import SLOW, click_newest, send, wait_for_count

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]


async def thumbnail_with_canvas(user: User, sign_up: SignUp) -> dict:
    """Sign up, make a first thumbnail and return the headline layer the canvas offers."""
    await sign_up(user)
    await user.open('/')
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await wait_for_count(user, 'canvas', 1)
    (canvas,) = user.find(marker='canvas').elements
    return next(layer for layer in canvas.props['layers'] if layer['kind'] == 'headline')


async def generations(app_db: AppDb) -> tuple[list[Generation], int | None]:
    """Every generation (oldest first) and the thread's current one."""
    db = app_db()
    try:
        async with db.session() as session:
            rows = list((await session.exec(select(Generation).order_by(col(Generation.id)))).all())
            conv = (await session.exec(select(Conversation))).one()
            return rows, conv.last_generation_id
    finally:
        await db.dispose()


async def showing(user: User, version: Generation) -> None:
    """Wait until the canvas shows ``version`` and takes gestures again."""
    (canvas,) = user.find(marker='canvas').elements
    for _ in range(SLOW):
        if canvas.props['src'] == f'/media/{version.image_key}' and not canvas.props['busy']:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'the canvas never showed version {version.id}')


async def until_versions(app_db: AppDb, count: int) -> tuple[list[Generation], int | None]:
    for _ in range(SLOW):
        rows, current = await generations(app_db)
        if len(rows) >= count and current == rows[-1].id and rows[-1].status == 'completed':
            return rows, current
        await asyncio.sleep(0.1)
    raise AssertionError(f'no finished current version {count}')


@pytest.mark.usefixtures('app_ready')
async def test_dragging_the_headline_saves_a_version_whose_box_moved_by_as_much(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    headline = await thumbnail_with_canvas(user, sign_up)
    x, y, w, h = headline['box']
    # towards the middle, as far as the canvas leaves room (the layout puts the headline on either side)
    dx = min(100, 1280 - w - x) if x + w / 2 <= 640 else -min(100, x)
    dy = min(40, 720 - h - y) if y + h / 2 <= 360 else -min(40, y)
    assert dx and dy, headline
    assert headline['movable'] and headline['resizable'] and headline['label'] == 'Headline'
    (canvas,) = user.find(marker='canvas').elements
    before = canvas.props['src']

    user.find(marker='canvas').trigger(
        'change', {'kind': 'headline', 'action': 'move', 'box': [x + dx, y + dy, w, h], 'from': [x, y, w, h]}
    )
    (first, second), current = await until_versions(app_db, 2)
    assert current == second.id and second.parent_id == first.id
    assert second.text_layer['box'] == [x + dx, y + dy, w, h] and second.text_layer['offset_x'] == 0
    assert second.credits_charged == 0
    await showing(user, second)  # the server's render, not the browser's
    assert canvas.props['src'] != before
    moved = next(layer for layer in canvas.props['layers'] if layer['kind'] == 'headline')
    assert moved['box'] == [x + dx, y + dy, w, h]
    await user.should_see(marker='version-current')


@pytest.mark.usefixtures('app_ready')
async def test_resizing_and_retyping_the_headline(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    headline = await thumbnail_with_canvas(user, sign_up)
    x, y, w, h = headline['box']
    user.find(marker='canvas').trigger('change', {'kind': 'headline', 'action': 'resize', 'box': [x, y, w - 200, h]})
    (_, resized), _ = await until_versions(app_db, 2)
    assert resized.text_layer['box'] == [x, y, w - 200, h]
    await showing(user, resized)  # the canvas takes the next gesture once it shows the version it starts from

    user.find(marker='canvas').trigger('change', {'kind': 'headline', 'action': 'retype'})
    await user.should_see(marker='dialog-input')
    user.find(marker='dialog-input').clear().type('GAME OVER')
    user.find(marker='dialog-ok').click()
    (*_, retyped), _ = await until_versions(app_db, 3)
    assert retyped.text_layer['headline'] == 'GAME OVER' and retyped.parent_id == resized.id


@pytest.mark.usefixtures('app_ready')
async def test_what_a_tampered_client_sends_changes_nothing(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    headline = await thumbnail_with_canvas(user, sign_up)
    canvas = user.find(marker='canvas')
    canvas.trigger('change', {'kind': 'watermark', 'action': 'remove'})  # not a layer it offers
    canvas.trigger('change', {'kind': 'headline', 'action': 'move', 'box': ['x', 1, 2, 3]})
    canvas.trigger('change', {'kind': 'headline', 'action': 'explode'})
    canvas.trigger('change', {'kind': 'badge', 'action': 'remove'})  # this thumbnail has no badge
    x, y, w, h = headline['box']
    dy = 10 if y + h + 10 <= 720 else -10  # a real move, where the canvas leaves room
    canvas.trigger('change', {'kind': 'headline', 'action': 'move', 'box': [x, y + dy, w, h]})  # then a real one
    (first, second), _ = await until_versions(app_db, 2)
    await wait_for_count(user, 'version', 2)
    rows, _ = await generations(app_db)
    assert [r.id for r in rows] == [first.id, second.id] and second.text_layer['box'] == [x, y + dy, w, h]


def test_parse_change_takes_only_whole_boxes() -> None:
    assert parse_change({'kind': 'headline', 'action': 'move', 'box': [1.4, 2, 300, 200]}) == CanvasChange(
        kind='headline', action='move', box=(1, 2, 300, 200)
    )
    assert parse_change({'kind': 'headline', 'action': 'move', 'box': [1, 2, 0, 200]}) is None
    assert parse_change({'kind': 'headline', 'action': 'move', 'box': [float('nan'), 2, 3, 4]}) is None
    assert parse_change({'kind': 'headline', 'action': 'resize', 'box': [1, 2, 3]}) is None
    assert parse_change({'kind': 'badge', 'action': 'remove'}) == CanvasChange(kind='badge', action='remove')
    assert parse_change(['move']) is None


@pytest.mark.usefixtures('app_ready')
async def test_moving_the_picture_and_deleting_the_badge(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Gaming video "EPIC WIN" new world record')  # a badge the request asked for: NEW RECORD
    await wait_for_count(user, 'proposal', 1)
    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await wait_for_count(user, 'canvas', 1)
    (canvas,) = user.find(marker='canvas').elements
    layers = {layer['kind']: layer for layer in canvas.props['layers']}
    assert layers['badge']['removable'] and not layers['badge']['movable']
    x, y, w, h = layers['subject']['box']

    sx = 1 if x + w / 2 <= 640 else -1  # across, towards the middle and the headline: a drop goes where it is put
    dropped = [x + 80 * sx, y, w, h]
    user.find(marker='canvas').trigger('change', {'kind': 'subject', 'action': 'move', 'box': dropped})
    (first, moved), _ = await until_versions(app_db, 2)
    subject = next(layer for layer in moved.match['layers'] if layer['kind'] == 'subject')
    # drawn by the server where it was dropped, at its size (the ink's longer side fills the box, centred in it)
    nx, ny, nw, nh = subject['bbox']
    centre_x, centre_y = x + 80 * sx + w / 2, y + h / 2
    assert abs(nx + nw / 2 - centre_x) <= 4 and abs(ny + nh / 2 - centre_y) <= 4, (subject, dropped)
    assert abs(max(nw, nh) - min(w, h)) <= 4, (subject, dropped)
    assert moved.match['subject_box'] == dropped and moved.text_layer == first.text_layer

    await showing(user, moved)
    user.find(marker='canvas').trigger('change', {'kind': 'badge', 'action': 'remove'})
    (*_, plain), _ = await until_versions(app_db, 3)
    assert plain.text_layer['badge'] == '' and plain.parent_id == moved.id
    assert 'badge' not in {layer['kind'] for layer in plain.match['layers']}
    assert plain.match['subject_box'] == moved.match['subject_box']  # the move is kept
    await showing(user, plain)
    assert 'badge' not in {layer['kind'] for layer in canvas.props['layers']}


@pytest.mark.usefixtures('app_ready')
async def test_a_drop_that_changes_nothing_says_so_and_keeps_the_version(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    headline = await thumbnail_with_canvas(user, sign_up)
    (canvas,) = user.find(marker='canvas').elements
    user.find(marker='canvas').trigger('change', {'kind': 'headline', 'action': 'move', 'box': headline['box']})
    await user.should_see('That would not change anything on this thumbnail')
    rows, current = await generations(app_db)
    assert len(rows) == 1 and current == rows[0].id
    assert next(layer for layer in canvas.props['layers'] if layer['kind'] == 'headline')['box'] == headline['box']
    assert canvas.props['busy'] is False


@pytest.mark.usefixtures('app_ready')
async def test_a_gesture_is_recorded_in_the_thread_like_a_typed_edit(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    headline = await thumbnail_with_canvas(user, sign_up)
    x, y, w, h = headline['box']
    dy = 40 if y + h + 40 <= 720 else -40
    user.find(marker='canvas').trigger('change', {'kind': 'headline', 'action': 'move', 'box': [x, y + dy, w, h]})
    (_, moved), _ = await until_versions(app_db, 2)
    await user.should_see(content='Moved the headline', marker='edit-summary', retries=SLOW)
    await wait_for_count(user, 'generation', 2)  # the new version has its card in the thread
    db = app_db()
    try:
        async with db.session() as session:
            edit = (await session.exec(select(Message).order_by(col(Message.id).desc()))).first()
    finally:
        await db.dispose()
    assert edit is not None and edit.role == 'assistant' and edit.content == 'Moved the headline'
    assert edit.meta['kind'] == 'edit' and edit.meta['generation_id'] == moved.id
    assert edit.meta['summary_fa'] == 'تیتر جابه‌جا شد'
