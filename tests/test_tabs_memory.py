"""Closed chat tabs are freed: however many tabs a creator opens and closes, no page object stays behind."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User

from components.composer import Composer
from pages.chat import ChatPage

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


def alive(kind: type) -> int:
    """How many objects of ``kind`` are still in memory after a full collection."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


async def settled(kind: type, *, retries: int = 50) -> int:
    """``alive(kind)`` once the closed tabs' own tasks (outbox loops, delete handlers) have ended."""
    for _ in range(retries):
        if (count := alive(kind)) == 0:
            return 0
        await asyncio.sleep(0.1)
    return count


async def test_closed_chat_tabs_leave_no_page_behind(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    for _ in range(6):
        client = await user.open('/')
        await user.should_see(marker='composer')
        client.delete()  # what NiceGUI does when a browser tab is gone for longer than the reconnect timeout
    del client
    await user.open('/account')  # the test's user now holds another page, not the last chat tab
    assert await settled(ChatPage) == 0
    assert await settled(Composer) == 0
