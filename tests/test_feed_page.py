"""The feed preview page: a creator opens it on a finished thumbnail, switches surfaces and themes, types the title,
adds a comparison thumbnail and reads the check; the pictures are theirs alone."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlparse

import pytest
from nicegui import ui
from nicegui.testing import User
from PIL import Image
from sqlmodel import select

from routix.core.config import Settings
from routix.core.db import Database
from routix.models import Conversation, Generation, Message
from routix.models import User as Account
from routix.storage import LocalStore, new_key
from routix.vocabulary import GenerationStatus
from tests.helpers.pages import send
from tests.helpers.uploads import pick_file

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')


def _png(colour: tuple[int, int, int], size: tuple[int, int] = (1280, 720)) -> bytes:
    out = io.BytesIO()
    Image.new('RGB', size, colour).save(out, format='PNG')
    return out.getvalue()


async def _owner(db: Database, email: str) -> int:
    async with db.session() as session:
        owner = (await session.exec(select(Account).where(Account.email == email))).one()
    assert owner.id is not None
    return owner.id


def _images() -> LocalStore:
    """The store where the app under test keeps images."""
    return LocalStore(Settings(_env_file=None).data_dir / 'images')  # type: ignore[call-arg]


async def _thumbnail_of(app_db: AppDb, email: str, *, headline: str = 'NEW RECORD') -> int:
    """A finished thumbnail of the creator with ``email``, stored where the app keeps images."""
    db = app_db()
    try:
        owner = await _owner(db, email)
        key = new_key(owner, 'png')
        await _images().put(key, _png((255, 0, 255)))
        async with db.transaction() as session:
            gen = Generation(
                owner_id=owner, prompt='p', headline=headline, status=GenerationStatus.COMPLETED, image_key=key
            )
            session.add(gen)
            await session.flush()
            assert gen.id is not None
            return gen.id
    finally:
        await db.dispose()


def _image_query(user: User) -> tuple[str, dict[str, list[str]]]:
    (image,) = user.find(marker='feed-image').elements
    assert isinstance(image, ui.image)
    url = urlparse(image.source)
    return url.path, parse_qs(url.query)


async def _picture(user: User) -> Image.Image:
    (image,) = user.find(marker='feed-image').elements
    assert isinstance(image, ui.image)
    response = await user.http_client.get(image.source)
    assert response.status_code == 200 and response.headers['content-type'] == 'image/png'
    return Image.open(io.BytesIO(response.content))


async def _preview_opened(user: User, sign_up: SignUp, app_db: AppDb) -> int:
    """Ada signs up, has a finished thumbnail and opens its feed preview; the thumbnail's id."""
    await sign_up(user)
    gid = await _thumbnail_of(app_db, 'ada@example.com')
    await user.open(f'/feed/{gid}')
    await user.should_see(marker='feed-image')
    return gid


async def test_a_creator_sees_their_thumbnail_on_each_surface_with_the_check(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    gid = await _preview_opened(user, sign_up, app_db)
    path, query = _image_query(user)
    assert path == f'/api/feed/{gid}.png' and query['surface'] == ['home'] and query['title'] == ['NEW RECORD']
    assert (await _picture(user)).size == (2272, 1580)

    user.find(marker='feed-surface-sidebar').click()
    assert _image_query(user)[1]['surface'] == ['sidebar']
    assert (await _picture(user)).size == (804, 1560)
    user.find(marker='feed-dark').click()
    assert _image_query(user)[1]['theme'] == ['dark']
    dark = await _picture(user)
    assert dark.convert('RGB').getpixel((dark.width - 2, dark.height - 2)) == (15, 15, 15)

    await user.should_see(marker='check-verdict')
    await user.should_see(marker='check-timestamp_zone')
    user.find(marker='feed-title').type('How I broke the speedrun record')
    await user.should_see(marker='check-title_overlap')
    assert _image_query(user)[1]['title'] == ['How I broke the speedrun record']


async def test_a_comparison_upload_sits_beside_the_thumbnail_and_can_be_taken_out(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await _preview_opened(user, sign_up, app_db)
    response = await pick_file(user, _png((0, 255, 255)))
    assert response.status_code == 201, response.text
    await user.should_see(marker='feed-comparison')
    assert _image_query(user)[1]['uploads'] == [str(response.json()['id'])]
    picture = (await _picture(user)).convert('RGB')
    assert picture.getpixel((48 + 350, 272 + 198)) == (0, 255, 255)  # the first slot, left of the creator's

    user.find(marker='feed-uncompare').click()
    await user.should_not_see(marker='feed-comparison')
    assert 'uploads' not in _image_query(user)[1]


async def test_another_creators_thumbnail_and_pictures_are_not_shown(
    user: User, sign_up: SignUp, app_db: AppDb, create_user: Callable[[], User]
) -> None:
    await sign_up(user, email='bob@example.com')
    theirs = await _thumbnail_of(app_db, 'bob@example.com')
    assert (await user.http_client.get(f'/api/feed/{theirs}.png')).status_code == 200

    other = create_user()  # a second browser, signed in as another creator
    await sign_up(other, email='ada@example.com')
    await other.open(f'/feed/{theirs}')
    await other.should_see(marker='feed-missing')
    assert (await other.http_client.get(f'/api/feed/{theirs}.png')).status_code == 404
    assert (await other.http_client.get(f'/api/feed/set.png?ids={theirs}')).status_code == 404


async def _variant_set(app_db: AppDb, email: str, *, statuses: tuple[str, ...]) -> tuple[int, int, list[int]]:
    """A conversation of the creator with a 'variants' message naming three thumbnails in ``statuses``."""
    db = app_db()
    try:
        owner = await _owner(db, email)
        store = _images()
        async with db.transaction() as session:
            conversation = Conversation(owner_id=owner, title='speedrun')
            session.add(conversation)
            await session.flush()
            assert conversation.id is not None
            ids = []
            for n, status in enumerate(statuses):
                key = new_key(owner, 'png')
                await store.put(key, _png(((255, 0, 255), (0, 255, 255), (255, 255, 0))[n]))
                gen = Generation(
                    owner_id=owner,
                    conversation_id=conversation.id,
                    prompt='p',
                    headline=f'Variant {n}',
                    status=GenerationStatus(status),
                    stage=5 if status == 'completed' else 1,
                    image_key=key if status == 'completed' else None,
                )
                session.add(gen)
                await session.flush()
                assert gen.id is not None
                ids.append(gen.id)
            meta = {'kind': 'variants', 'axis': 'colour', 'generation_ids': ids}
            message = Message(conversation_id=conversation.id, owner_id=owner, role='assistant', meta=meta)
            session.add(message)
            await session.flush()
            assert message.id is not None
            return conversation.id, message.id, ids
    finally:
        await db.dispose()


async def test_a_variants_message_shows_the_three_in_the_feed_with_the_zip(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    conversation, message, ids = await _variant_set(app_db, 'ada@example.com', statuses=('completed',) * 3)
    await user.open(f'/?c={conversation}')
    await user.should_see(marker='variants-image')
    (image,) = user.find(marker='variants-image').elements
    assert isinstance(image, ui.image)
    assert parse_qs(urlparse(image.source).query)['ids'] == [','.join(map(str, ids))]
    (link,) = user.find(marker='variants-zip').elements
    assert link.props['href'] == f'/export/variants/{message}.zip'
    response = await user.http_client.get(image.source)
    picture = Image.open(io.BytesIO(response.content)).convert('RGB')
    row = [picture.getpixel((48 + 352 + (704 + 32) * i, 272 + 198)) for i in range(3)]
    assert row == [(255, 0, 255), (0, 255, 255), (255, 255, 0)]  # side by side in the first row


async def test_a_variant_set_still_being_drawn_says_how_far_it_is(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    conversation, _message, _ids = await _variant_set(
        app_db, 'ada@example.com', statuses=('completed', 'processing', 'queued')
    )
    await user.open(f'/?c={conversation}')
    await user.should_see(marker='variants-waiting')
    await user.should_see('1/3')
    await user.should_not_see(marker='variants-zip')


async def _chat_thumbnail(user: User, prompt: str) -> int:
    """A thumbnail made the way a creator makes one (chat, proposal, Generate); its id."""
    await user.open('/')
    await send(user, prompt)
    await user.should_see(marker='proposal', retries=150)  # the analysis runs in the process pool of a busy machine
    user.find(marker='generate').click()
    await user.should_see(marker='generation-image', retries=150)
    (card,) = user.find(marker='generation').elements
    return int(card.view.id)  # type: ignore[attr-defined]


async def test_a_finished_thumbnail_in_the_chat_opens_its_feed_preview(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    gid = await _chat_thumbnail(user, 'Minecraft speedrun "NEW RECORD" neon purple')
    (link,) = user.find(marker='open-feed').elements
    assert link.props['href'] == f'/feed/{gid}'
    await user.open(link.props['href'])
    await user.should_see(marker='feed-image')
    await user.should_see(marker='check-verdict', retries=150)


async def test_the_history_detail_of_a_finished_thumbnail_offers_the_feed_preview(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    gid = await _thumbnail_of(app_db, 'ada@example.com')
    await user.open(f'/history?g={gid}')
    await user.should_see(marker='generation-detail')
    (link,) = user.find(marker='open-feed').elements
    assert link.props['href'] == f'/feed/{gid}'


async def test_three_variants_started_from_the_preview_arrive_in_the_chat_side_by_side(
    user: User, sign_up: SignUp
) -> None:
    await sign_up(user)
    gid = await _chat_thumbnail(user, 'Minecraft speedrun "NEW RECORD" neon purple')
    await user.open(f'/feed/{gid}')
    await user.should_see(marker='variants-price')
    await user.should_see('Basic variants cost nothing.')
    user.find(marker='variants-axis').click()
    user.find('Colours').click()
    user.find(marker='variants-start').click()
    await user.should_see(marker='variants', retries=150)  # back in the chat
    await user.should_see(marker='variants-image', retries=300)
    (link,) = user.find(marker='variants-zip').elements
    assert str(link.props['href']).startswith('/export/variants/')


async def test_the_persian_version_made_from_the_preview_is_a_new_version_in_the_chat(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    gid = await _chat_thumbnail(user, 'Cooking video "PIZZA IN 10 MINUTES" red')
    await user.open(f'/feed/{gid}')
    await user.should_see('Make the Persian version')
    user.find(marker='other-language').click()
    user.find(marker='other-headline').type('پیتزا در ۱۰ دقیقه')
    user.find(marker='other-go').click()
    await user.should_see(marker='edit-summary', retries=150)
    db = app_db()
    try:
        async with db.session() as session:
            rows = (await session.exec(select(Generation).where(Generation.parent_id == gid))).all()
    finally:
        await db.dispose()
    assert [row.headline for row in rows] == ['پیتزا در ۱۰ دقیقه']
