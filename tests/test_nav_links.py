"""The header links: every creator reaches their plans; only an admin is shown the console."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui.testing import User

from routix.core.db import Database
from routix.ops.users import set_role

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]


async def test_a_creator_sees_plans_but_no_admin_link(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/history')
    await user.should_see(marker='nav-billing')
    await user.should_not_see(marker='nav-admin')


async def test_an_admin_sees_the_console_link(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    db = app_db()
    try:
        await set_role(db=db, email='ada@example.com', role='admin')
    finally:
        await db.dispose()
    await user.open('/history')
    await user.should_see(marker='nav-admin')
    user.find(marker='nav-admin').click()
    await user.should_see(marker='nav-admin')  # the console's own header
    assert (await user.http_client.get('/admin')).status_code == 200
