"""POST /upload, the one route chat tabs send reference images to: signed-in, CSRF-checked, capped while it
streams (nothing spooled to disk), at most MAX_UPLOADS_PER_MESSAGE waiting per creator, within a storage quota."""

from __future__ import annotations

import asyncio
import io
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from nicegui.testing import User
from PIL import Image
from sqlmodel import func, select

from routix.chat.service import MAX_UPLOADS_PER_MESSAGE
from routix.core.db import Database
from routix.models import Upload
from tests.helpers.pages import SLOW, click_newest
from tests.helpers.uploads import pick_file, picker_headers

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
MIB = 1024 * 1024


@pytest.fixture
def spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where temporary files would land (a body spooled to disk would show up here)."""
    folder = tmp_path / 'spool'
    folder.mkdir()
    monkeypatch.setattr(tempfile, 'tempdir', str(folder))
    return folder


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 MB upload limit (set before the app starts)."""
    monkeypatch.setenv('ROUTIX_MAX_UPLOAD_BYTES', str(MIB))


@pytest.fixture
def small_quota(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100-byte storage quota: any real image is over it (set before the app starts)."""
    monkeypatch.setenv('ROUTIX_USER_STORAGE_QUOTA_BYTES', '100')


def png(colour: str = '#7b2ff7', size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new('RGB', size, colour).save(out, format='PNG')
    return out.getvalue()


async def stored(app_db: AppDb) -> int:
    db = app_db()
    try:
        async with db.session() as session:
            return int((await session.exec(select(func.count()).select_from(Upload))).one())
    finally:
        await db.dispose()


async def test_a_declared_length_over_the_limit_is_refused_before_reading(
    limits: None, spool: Path, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    response = await pick_file(user, b'\x89PNG' + b'\0' * (2 * MIB))
    assert response.status_code == 413
    await user.should_see('The image is larger than 1 MB.', retries=SLOW)
    assert await stored(app_db) == 0
    assert list(spool.iterdir()) == []


async def test_a_chunked_body_that_grows_past_the_limit_is_cut_off(
    limits: None, spool: Path, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: httpx sends it chunked
        for _ in range(64):
            yield b'\0' * (64 * 1024)

    response = await user.http_client.post('/upload', content=chunks(), headers=picker_headers(user))
    assert response.status_code == 413
    await user.should_see('The image is larger than 1 MB.', retries=SLOW)
    assert await stored(app_db) == 0
    assert list(spool.iterdir()) == []


async def test_anonymous_and_forged_uploads_are_refused(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    headers = picker_headers(user)
    forged = await user.http_client.post('/upload', content=png(), headers=headers | {'X-CSRF-Token': 'x' * 43})
    assert forged.status_code == 403
    user.http_client.cookies.clear()
    anonymous = await user.http_client.post('/upload', content=png(), headers=headers)
    assert anonymous.status_code == 401
    assert await stored(app_db) == 0


async def test_parallel_uploads_store_at_most_the_allowed_number(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    responses = await asyncio.gather(*(pick_file(user, png(f'#{i:02x}2ff7')) for i in range(10)))
    assert sorted(r.status_code for r in responses) == [201] * MAX_UPLOADS_PER_MESSAGE + [422] * (
        10 - MAX_UPLOADS_PER_MESSAGE
    )
    assert {r.json()['code'] for r in responses if r.status_code == 422} == {'upload.too_many'}
    assert await stored(app_db) == MAX_UPLOADS_PER_MESSAGE
    await user.should_see(f'At most {MAX_UPLOADS_PER_MESSAGE} reference images can wait', retries=SLOW)
    for _ in range(SLOW):
        if len(user.find(marker='pending-upload').elements) == MAX_UPLOADS_PER_MESSAGE:
            break
        await asyncio.sleep(0.1)
    assert len(user.find(marker='pending-upload').elements) == MAX_UPLOADS_PER_MESSAGE


async def test_a_removed_upload_frees_its_place(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    for i in range(MAX_UPLOADS_PER_MESSAGE):
        assert (await pick_file(user, png(f'#{i:02x}0000'))).status_code == 201
    for _ in range(SLOW):
        if len(user.find(marker='remove-upload').elements) == MAX_UPLOADS_PER_MESSAGE:
            break
        await asyncio.sleep(0.1)
    click_newest(user, 'remove-upload')
    for _ in range(SLOW):
        if await stored(app_db) == MAX_UPLOADS_PER_MESSAGE - 1:
            break
        await asyncio.sleep(0.1)
    assert await stored(app_db) == MAX_UPLOADS_PER_MESSAGE - 1  # deleted, not only hidden
    assert (await pick_file(user, png('#00ff00'))).status_code == 201


async def test_an_upload_over_the_quota_says_so_and_stores_nothing(
    small_quota: None, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    response = await pick_file(user, png(size=(320, 200)))
    assert response.status_code == 422 and response.json()['code'] == 'upload.quota'
    await user.should_see('Your storage is full', retries=SLOW)
    assert await stored(app_db) == 0
