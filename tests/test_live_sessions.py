"""A tab left open after signing out does nothing: no message, no generation, no upload; it goes to /login.
Signing out another browser of the same creator leaves this tab alone."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Awaitable, Callable

import httpx
import pytest
from nicegui import app
from nicegui.testing import User
from PIL import Image
from sqlmodel import func, select

from routix.core.db import Database
from routix.models import Generation, Message, Upload
from tests.helpers.accounts import PASSWORD
from tests.helpers.pages import SLOW, click_newest, send
from tests.helpers.uploads import pick_file

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')


async def rows(app_db: AppDb, model: type) -> int:
    db = app_db()
    try:
        async with db.session() as session:
            return int((await session.exec(select(func.count()).select_from(model))).one())
    finally:
        await db.dispose()


async def sign_out_elsewhere(user: User) -> None:
    """Another tab of the same browser signs out through the real route (same cookie, the session's CSRF token)."""
    (logout,) = user.find(marker='logout').elements  # the header's sign-out button carries the session's token
    token = str(logout.props['value'])
    response = await user.http_client.post('/auth/logout', data={'csrf': token})
    assert response.status_code == 303 and response.headers['location'] == '/login'


async def on_login_page(user: User) -> None:
    for _ in range(SLOW):
        if user.back_history and user.back_history[-1] == '/login':
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'the tab did not go to /login: {user.back_history}')


async def test_sending_after_sign_out_stores_nothing(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await sign_out_elsewhere(user)
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await on_login_page(user)
    assert await rows(app_db, Message) == 0


async def test_generating_after_sign_out_starts_nothing(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await user.should_see(marker='proposal', retries=SLOW)
    await sign_out_elsewhere(user)
    click_newest(user, 'generate')
    await on_login_page(user)
    assert await rows(app_db, Generation) == 0


async def test_uploading_after_sign_out_is_refused(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await sign_out_elsewhere(user)
    out = io.BytesIO()
    Image.new('RGB', (64, 48), '#7b2ff7').save(out, format='PNG')
    response = await pick_file(user, out.getvalue())
    assert response.status_code == 401
    assert await rows(app_db, Upload) == 0
    await user.should_not_see(marker='pending-upload')


async def test_signing_out_another_browser_leaves_this_tab_working(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url='http://test') as other:
        page = (await other.get('/login')).text
        token = re.search(r'"name":"csrf","value":"([^"]+)"', page)  # the page's element tree is JSON
        assert token is not None
        signed_in = await other.post(
            '/auth/login', data={'csrf': token.group(1), 'email': 'ada@example.com', 'password': PASSWORD}
        )
        assert signed_in.status_code == 303 and signed_in.headers['location'] == '/'
        chat = (await other.get('/')).text  # the header's sign-out button carries this session's token
        logout = re.search(r'"name":"csrf"[^}]*?"value":"([^"]+)"', chat)
        assert logout is not None
        assert (await other.post('/auth/logout', data={'csrf': logout.group(1)})).status_code == 303
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await user.should_see(marker='proposal', retries=SLOW)
    assert user.back_history[-1] == '/'
    assert await rows(app_db, Message) == 2
