"""GET /export/variants/{message_id}.zip: the set's finished thumbnails, named for Test & Compare, to its owner only."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nicegui.testing import User
from PIL import Image
from sqlmodel import select

from routix.core.db import Database
from routix.models import Conversation, Generation, Message
from routix.models import User as UserRow
from routix.storage import LocalStore, new_key
from routix.vocabulary import GenerationStatus

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new('RGB', (1280, 720), colour).save(out, 'JPEG')
    return out.getvalue()


async def _variant_set(app_db: Callable[[], Database], data_dir: Path, email: str) -> tuple[int, dict[str, bytes]]:
    """A variants message of ``email``'s with three finished thumbnails; its id and the expected zip members."""
    db = app_db()
    store = LocalStore(data_dir / 'images')
    expected: dict[str, bytes] = {}
    async with db.transaction() as session:
        owner = (await session.exec(select(UserRow).where(UserRow.email == email))).one()
        assert owner.id is not None
        conv = Conversation(owner_id=owner.id)
        session.add(conv)
        await session.flush()
        assert conv.id is not None
        ids = []
        for letter, colour in zip('ABC', ('#ff0044', '#00aa55', '#2244ff'), strict=True):
            key = new_key(owner.id, 'jpg')
            expected[f'variant-{letter}.jpg'] = _jpeg(colour)
            await store.put(key, expected[f'variant-{letter}.jpg'])
            gen = Generation(
                owner_id=owner.id, conversation_id=conv.id, status=GenerationStatus.COMPLETED, image_key=key
            )
            session.add(gen)
            await session.flush()
            ids.append(gen.id)
        msg = Message(
            conversation_id=conv.id,
            owner_id=owner.id,
            role='assistant',
            meta={'kind': 'variants', 'axis': 'layout', 'generation_ids': ids},
        )
        session.add(msg)
        await session.flush()
        assert msg.id is not None
        message_id = msg.id
    await db.dispose()
    return message_id, expected


async def test_the_owner_downloads_the_set_as_a_zip_named_for_test_and_compare(
    user: User, sign_up: SignUp, app_db: Callable[[], Database], _isolated_env: Path
) -> None:
    await sign_up(user)
    message_id, expected = await _variant_set(app_db, _isolated_env, 'ada@example.com')
    response = await user.http_client.get(f'/export/variants/{message_id}.zip')
    assert response.status_code == 200
    assert response.headers['content-type'] == 'application/zip'
    assert f'routix-variants-{message_id}.zip' in response.headers['content-disposition']
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ['variant-A.jpg', 'variant-B.jpg', 'variant-C.jpg']
    assert {name: archive.read(name) for name in archive.namelist()} == expected


async def test_anonymous_and_other_creators_get_404(
    user: User, sign_up: SignUp, app_db: Callable[[], Database], _isolated_env: Path
) -> None:
    await sign_up(user)
    message_id, _ = await _variant_set(app_db, _isolated_env, 'ada@example.com')
    await user.http_client.post('/auth/logout')
    user.http_client.cookies.clear()
    anonymous = await user.http_client.get(f'/export/variants/{message_id}.zip')
    assert anonymous.status_code == 404 and b'PK' not in anonymous.content
    await sign_up(user, email='bob@example.com', name='Bob')
    other = await user.http_client.get(f'/export/variants/{message_id}.zip')
    assert other.status_code == 404 and other.text == 'Not Found'
    assert (await user.http_client.get('/export/variants/abc.zip')).status_code == 404
