"""Closed chat tabs are freed: however many tabs a creator opens and closes, no page object stays behind."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


ChatPage, Composer = 'pages.chat.ChatPage', 'components.composer.Composer'


def instances(kind: str) -> list[object]:
    """Every object of the class named ``kind`` in memory after a full collection.

    Matched by qualified name, not by ``isinstance``: the test harness re-imports the app's modules for each test,
    so a class imported by this module may not be the one today's pages are built from.
    """
    gc.collect()
    return [o for o in gc.get_objects() if f'{type(o).__module__}.{type(o).__qualname__}' == kind]


async def settled(tracked: weakref.WeakSet[object], *, retries: int = 100) -> int:
    """How many tracked objects live on once the closed tabs' own tasks (outbox loops, delete handlers) have ended."""
    for _ in range(retries):
        gc.collect()
        if not tracked:
            return 0
        await asyncio.sleep(0.1)
    return len(tracked)


async def test_closed_chat_tabs_leave_no_page_behind(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    # other tests' leftovers don't count (weakly held: a leftover freed later may hand its address to a new page)
    earlier: weakref.WeakSet[object] = weakref.WeakSet(o for kind in (ChatPage, Composer) for o in instances(kind))
    pages: weakref.WeakSet[object] = weakref.WeakSet()
    composers: weakref.WeakSet[object] = weakref.WeakSet()
    opened = 0
    for _ in range(6):
        client = await user.open('/')
        await user.should_see(marker='composer')
        new = [o for o in instances(ChatPage) if o not in earlier and o not in pages]
        opened += len(new)
        pages.update(new)
        composers.update(o for o in instances(Composer) if o not in earlier)
        client.delete()  # what NiceGUI does when a browser tab is gone for longer than the reconnect timeout
    del client, new
    assert opened == 6  # every tab's page was seen while it was open
    await user.open('/account')  # the test's user now holds another page, not the last chat tab
    assert await settled(pages) == 0
    assert await settled(composers) == 0
