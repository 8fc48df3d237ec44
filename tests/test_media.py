"""/media/{key}: the owner's images to the owner only; every other request is the same 404."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nicegui.testing import User
from PIL import Image
from sqlmodel import select

from routix.core.db import Database
from routix.models import User as UserRow
from routix.storage import LocalStore, new_key

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new('RGB', (16, 9), '#ff0044').save(buffer, 'JPEG')
    return buffer.getvalue()


async def _stored_image(app_db: Callable[[], Database], data_dir: Path, email: str = 'ada@example.com') -> str:
    """Put an image under the user's prefix in the app's local store; returns its key."""
    db = app_db()
    async with db.session() as session:
        owner = (await session.exec(select(UserRow).where(UserRow.email == email))).one()
    await db.dispose()
    assert owner.id is not None
    key = new_key(owner.id, 'jpg')
    await LocalStore(data_dir / 'images').put(key, _jpeg())
    return key


async def test_the_owner_gets_the_image(
    user: User, sign_up: SignUp, app_db: Callable[[], Database], _isolated_env: Path
) -> None:
    await sign_up(user)
    key = await _stored_image(app_db, _isolated_env)
    response = await user.http_client.get(f'/media/{key}')
    assert response.status_code == 200
    assert response.content == _jpeg()
    assert response.headers['content-type'] == 'image/jpeg'
    assert response.headers['cache-control'] == 'private, max-age=3600'
    assert response.headers['x-content-type-options'] == 'nosniff'
    assert 'content-disposition' not in response.headers


async def test_download_adds_a_friendly_attachment_name(
    user: User, sign_up: SignUp, app_db: Callable[[], Database], _isolated_env: Path
) -> None:
    await sign_up(user)
    key = await _stored_image(app_db, _isolated_env)
    response = await user.http_client.get(f'/media/{key}?download=1')
    assert response.status_code == 200
    token = key.split('/')[1].removesuffix('.jpg')
    assert response.headers['content-disposition'] == f'attachment; filename="routix-{token}.jpg"'


async def test_another_user_gets_404(
    user: User, sign_up: SignUp, create_user: Callable[[], User], app_db: Callable[[], Database], _isolated_env: Path
) -> None:
    await sign_up(user)
    key = await _stored_image(app_db, _isolated_env)
    eve = create_user()
    await sign_up(eve, email='eve@example.com')
    response = await eve.http_client.get(f'/media/{key}')
    assert response.status_code == 404
    assert response.content != _jpeg()


async def test_anonymous_gets_404(
    user: User, sign_up: SignUp, create_user: Callable[[], User], app_db: Callable[[], Database], _isolated_env: Path
) -> None:
    await sign_up(user)
    key = await _stored_image(app_db, _isolated_env)
    stranger = create_user()
    response = await stranger.http_client.get(f'/media/{key}')
    assert response.status_code == 404
    assert 'location' not in response.headers


async def test_a_missing_image_of_the_owner_is_404(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    response = await user.http_client.get(f'/media/{new_key(1, "jpg")}')
    assert response.status_code == 404


@pytest.mark.parametrize(
    'path',
    [
        '/media/',
        '/media/u1',
        '/media/u1/short.jpg',
        '/media/u1/../u1/AAAAAAAAAAAAAAAAAAAAAAAA.jpg',
        '/media/u1/%2e%2e/%2e%2e/routix.db',
        '/media/..%2f..%2froutix.db',
        '/media/u1/AAAAAAAAAAAAAAAAAAAAAAAA.svg',
        '/media/u1/AAAAAAAAAAAAAAAAAAAAAAAA.jpg%00.png',
        '/media/U1/AAAAAAAAAAAAAAAAAAAAAAAA.jpg',
        '/media/%2e%2e/.secret_key',
    ],
)
async def test_malformed_keys_and_traversal_get_404(
    user: User, sign_up: SignUp, path: str, _isolated_env: Path
) -> None:
    await sign_up(user)  # user id 1: the well-formed-looking keys above would be theirs
    (_isolated_env / 'images' / 'u1').mkdir(parents=True, exist_ok=True)
    response = await user.http_client.get(path)
    assert response.status_code == 404


@pytest.mark.parametrize('path', ['/download/1.png', '/api/generations', '/media'])
async def test_private_routes_answer_404_to_anonymous_visitors(user: User, path: str) -> None:
    response = await user.http_client.get(path)
    assert response.status_code == 404
    assert 'location' not in response.headers
