"""Feed mockups: the creator's thumbnail lands where YouTube puts it, at YouTube's sizes, in both themes and
directions, beside the creator's own comparison uploads; the service only shows a creator their own images."""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

import pytest
from PIL import Image

from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound
from routix.core.runtime import InlineRuntime
from routix.feed import SURFACES, FeedRequest, render_feed
from routix.feed._canvas import ui_font, wrap
from routix.feed.service import FeedService
from routix.models import Generation, Upload, User
from routix.storage import LocalStore, new_key
from routix.vocabulary import GenerationStatus

MAGENTA, CYAN = (255, 0, 255), (0, 255, 255)
# device-pixel boxes of the creator's slot: (x, y, w, h) in CSS px × scale (home/phone/sidebar 2, TV 1.5)
SLOTS = {
    'home': ((24 + 352 + 16) * 2, 136 * 2, 352 * 2, 198 * 2),
    'phone': (0, 124 * 2, 360 * 2, 203 * 2),
    'sidebar': (0, (56 + 102) * 2, 168 * 2, 94 * 2),
    'tv': ((104 + 324) * 1.5, 126 * 1.5, 300 * 1.5, 169 * 1.5),
}
SIZES = {'home': (2272, 1580), 'phone': (720, 1600), 'sidebar': (804, 1560), 'tv': (1920, 1080)}


def _solid(colour: tuple[int, int, int], size: tuple[int, int] = (1280, 720)) -> bytes:
    out = io.BytesIO()
    Image.new('RGB', size, colour).save(out, format='PNG')
    return out.getvalue()


def _png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == 'PNG'
    return image.convert('RGB')


def _close(a: tuple[int, ...], b: tuple[int, ...], tol: int = 12) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def _rgb(image: Image.Image, xy: tuple[float, float]) -> tuple[int, int, int]:
    r, g, b = cast('tuple[int, int, int]', image.getpixel((int(xy[0]), int(xy[1]))))
    return r, g, b


def _colours(image: Image.Image) -> list[tuple[int, int, int]]:
    return [cast('tuple[int, int, int]', c) for _n, c in image.getcolors(1 << 16) or []]


def _box_of(image: Image.Image, colour: tuple[int, int, int]) -> tuple[int, int, int, int]:
    w, h = image.size
    xs = [x for x in range(0, w, 2) for y in range(0, h, 8) if _close(_rgb(image, (x, y)), colour)]
    ys = [y for y in range(0, h, 2) for x in range(0, w, 8) if _close(_rgb(image, (x, y)), colour)]
    assert xs and ys, f'no {colour} in the mockup'
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize('surface', SURFACES)
@pytest.mark.parametrize('theme', ['light', 'dark'])
def test_each_surface_shows_the_thumbnail_in_its_slot_with_a_duration_stamp(surface: str, theme: str) -> None:
    image = _png(render_feed(FeedRequest(surface=surface, theme=theme, thumbnails=(_solid(MAGENTA),), title='Hi')))
    assert image.size == SIZES[surface]
    x, y, w, h = SLOTS[surface]
    assert _close(_rgb(image, (x + w * 0.3, y + h * 0.4)), MAGENTA)
    # the stamp: a dark box with white digits inside the bottom-right corner of the thumbnail
    corner = image.crop((int(x + w * 0.7), int(y + h * 0.75), int(x + w), int(y + h)))
    colours = set(_colours(corner))
    assert any(max(c) < 60 for c in colours) and any(min(c) > 200 and c != MAGENTA for c in colours)
    background = _rgb(image, (image.width - 3, image.height - 3))
    assert _close(background, (255, 255, 255) if theme == 'light' else (15, 15, 15), tol=3)


def test_the_sidebar_draws_the_thumbnail_at_168_by_94() -> None:
    image = _png(render_feed(FeedRequest(surface='sidebar', theme='light', thumbnails=(_solid(MAGENTA),), title='')))
    left, top, right, bottom = _box_of(image, MAGENTA)
    assert abs((right - left + 2) / 2 - 168) <= 2 and abs((bottom - top + 2) / 2 - 94) <= 4


def test_comparison_uploads_sit_beside_the_thumbnail_letterboxed_when_not_16_9() -> None:
    request = FeedRequest(
        surface='home',
        theme='dark',
        thumbnails=(_solid(MAGENTA),),
        title='Mine',
        comparisons=(_solid(CYAN, (720, 720)),),
    )
    image = _png(render_feed(request))
    mine, other = _box_of(image, MAGENTA), _box_of(image, CYAN)
    assert other[2] < mine[0] and abs(other[1] - mine[1]) <= 4  # left of it, in the same row
    slot_left = 24 * 2
    assert other[0] > slot_left + 100  # a square picture gets black bars left and right, not stretched
    assert _close(_rgb(image, (slot_left + 20, mine[1] + 150)), (0, 0, 0), tol=3)


def test_a_variant_set_fills_the_first_row_with_the_creators_thumbnails() -> None:
    colours = (MAGENTA, CYAN, (255, 255, 0))
    request = FeedRequest(
        surface='home', theme='light', thumbnails=tuple(_solid(c) for c in colours), title='', titles=('A', 'B', 'C')
    )
    image = _png(render_feed(request))
    boxes = [_box_of(image, c) for c in colours]
    assert boxes[0][2] < boxes[1][0] < boxes[1][2] < boxes[2][0]
    assert len({b[1] // 10 for b in boxes}) == 1


def test_a_persian_page_mirrors_the_card_but_keeps_the_stamp_bottom_right() -> None:
    def avatar_side(lang: str) -> str:
        image = _png(
            render_feed(
                FeedRequest(surface='sidebar', theme='light', lang=lang, thumbnails=(_solid(MAGENTA),), title='عنوان')
            )
        )
        left, _top, _right, _bottom = _box_of(image, MAGENTA)
        return 'left' if left < image.width / 2 else 'right'

    assert avatar_side('en') == 'left' and avatar_side('fa') == 'right'
    image = _png(
        render_feed(FeedRequest(surface='home', theme='light', lang='fa', thumbnails=(_solid(MAGENTA),), title='x'))
    )
    _left, _top, right, bottom = _box_of(image, MAGENTA)
    stamp = image.crop((right - 80, bottom - 50, right, bottom))
    assert any(max(c) < 60 for c in _colours(stamp))


def test_a_persian_title_is_right_aligned_on_an_english_page() -> None:
    def ink(title: str) -> tuple[int, int]:
        image = _png(
            render_feed(FeedRequest(surface='sidebar', theme='light', thumbnails=(_solid(MAGENTA),), title=title))
        )
        y = (56 + 102) * 2
        band = (
            image.crop(((168 + 8) * 2, y, (402 - 24) * 2, y + 40)).convert('L').point(lambda v: 255 if v < 128 else 0)
        )
        box = band.getbbox()
        assert box, 'no title drawn'
        return box[0], band.width - box[2]

    left_gap, right_gap = ink('پیتزا')
    assert right_gap < 6 < left_gap
    left_gap, right_gap = ink('Pizza')
    assert left_gap < 6 < right_gap


def test_a_long_title_wraps_to_two_lines_and_ends_in_an_ellipsis() -> None:
    font = ui_font('medium', 32)
    title = 'The longest title anyone ever typed for a video about baking bread at home with only a pan'
    rows = wrap(title, font, 560, 2)
    assert len(rows) == 2 and rows[-1].endswith('…')
    assert all(font.getlength(row) <= 560 for row in rows)
    assert wrap('Short', font, 560, 2) == ['Short']


# ---- the service: owner-checked rows and files ----------------------------------------------------------------


async def _creator(db: Database, email: str) -> int:
    async with db.transaction() as session:
        user = User(email=email, display_name='Ada Cooks')
        session.add(user)
        await session.flush()
        assert user.id is not None
        return user.id


async def _thumbnail(db: Database, store: LocalStore, owner: int, *, status: str = 'completed') -> int:
    key = new_key(owner, 'png')
    await store.put(key, _solid(MAGENTA))
    async with db.transaction() as session:
        gen = Generation(
            owner_id=owner, prompt='p', headline='NEW RECORD', status=GenerationStatus(status), image_key=key
        )
        session.add(gen)
        await session.flush()
        assert gen.id is not None
        return gen.id


async def _upload(db: Database, store: LocalStore, owner: int) -> int:
    key = new_key(owner, 'png')
    await store.put(key, _solid(CYAN))
    async with db.transaction() as session:
        upload = Upload(owner_id=owner, storage_key=key, mime='image/png', width=1280, height=720, sha256='0' * 64)
        session.add(upload)
        await session.flush()
        assert upload.id is not None
        return upload.id


async def test_the_service_shows_a_creator_only_their_own_thumbnails_and_uploads(db: Database, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / 'images')
    feed = FeedService(db=db, store=store, runtime=InlineRuntime())
    ada, bob = await _creator(db, 'ada@example.com'), await _creator(db, 'bob@example.com')
    mine, theirs = await _thumbnail(db, store, ada), await _thumbnail(db, store, bob)
    my_upload, their_upload = await _upload(db, store, ada), await _upload(db, store, bob)

    image = _png(await feed.preview(ada, mine, surface='home', theme='dark', comparison_upload_ids=[my_upload]))
    assert _box_of(image, MAGENTA) and _box_of(image, CYAN)

    with pytest.raises(NotFound):
        await feed.preview(ada, theirs)
    with pytest.raises(NotFound):
        await feed.preview(ada, mine, comparison_upload_ids=[their_upload])
    with pytest.raises(InvalidRequest):
        await feed.preview(ada, mine, surface='billboard')
    running = await _thumbnail(db, store, ada, status='processing')
    with pytest.raises(NotFound):
        await feed.preview(ada, running)
