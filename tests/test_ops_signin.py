"""A disabled creator: their open tab stops working at once and the sign-in form says why (only to whoever knows
the password); enabled again, they sign in as before."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui.testing import User
from sqlmodel import select

from routix.core.db import Database
from routix.models import Message
from routix.ops.users import set_disabled
from tests.helpers.accounts import PASSWORD, form_token
from tests.helpers.pages import SLOW, send

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]


async def _disable(app_db: AppDb, disabled: bool) -> None:
    db = app_db()
    try:
        await set_disabled(db=db, email='ada@example.com', disabled=disabled)
    finally:
        await db.dispose()


async def _sign_in(user: User, password: str = PASSWORD) -> str:
    token = await form_token(user, '/login')
    response = await user.http_client.post(
        '/auth/login', data={'csrf': token, 'email': 'ada@example.com', 'password': password, 'next': '/history'}
    )
    assert response.status_code == 303
    return response.headers['location']


async def test_a_disabled_creator_is_signed_out_and_told_why_at_sign_in(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    assert (await user.http_client.get('/history')).status_code == 200
    await _disable(app_db, True)
    signed_out = await user.http_client.get('/history')
    assert signed_out.status_code == 303 and signed_out.headers['location'].startswith('/login')
    assert (await _sign_in(user, 'not the password 1')).startswith('/login?error=credentials')
    location = await _sign_in(user)
    assert location.startswith('/login?error=disabled')
    await user.open(location)
    await user.should_see('This account has been disabled. Ask the operator of this Routix to enable it.')
    await _disable(app_db, False)
    assert await _sign_in(user) == '/history'


async def test_a_tab_opened_before_the_account_was_disabled_from_the_shell_cannot_act(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await _disable(app_db, True)  # as `routix users disable` does it: another process, this server is not told
    await send(user, 'cooking pasta at home')
    await user.should_see('This account has been disabled.', retries=SLOW)
    db = app_db()
    try:
        async with db.session() as session:
            assert (await session.exec(select(Message))).all() == []
    finally:
        await db.dispose()
