"""A creator's hands on a page (user-fixture tests): type and send, click the newest card, wait, look inside a card.

Only NiceGUI's public testing API: ``user.find``, ``ElementFilter`` and entering an element as a context.
"""

from __future__ import annotations

import asyncio

from nicegui import ElementFilter, ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

SLOW = 150  # retries of 0.1 s: the first render also starts the worker process pool


async def send(user: User, text: str) -> None:
    """Type into the composer and press Send."""
    user.find(marker='composer').clear().type(text)
    user.find(marker='send').click()


def newest(user: User, marker: str) -> ui.element:
    """The most recently created element with ``marker`` (the last card in the thread)."""
    return max(user.find(marker=marker).elements, key=lambda e: e.id)


def click_newest(user: User, marker: str) -> None:
    """Click the newest element with ``marker`` (``find().click()`` would pick the oldest)."""
    UserInteraction(user, {newest(user, marker)}, None).click()


def visible(user: User, marker: str) -> list[ui.element]:
    """The visible elements with ``marker`` (possibly none)."""
    with user:
        return list(ElementFilter(marker=marker, only_visible=True, local_scope=False))


async def wait_for_count(user: User, marker: str, count: int, *, retries: int = SLOW) -> None:
    """Wait until at least ``count`` visible elements carry ``marker``."""
    for _ in range(retries):
        if len(visible(user, marker)) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'expected {count} elements marked {marker!r}, found {len(visible(user, marker))}')


def marked(element: ui.element, marker: str) -> list[ui.element]:
    """The elements below ``element`` (not itself) that carry every marker in ``marker``, in page order."""
    with element:  # a local-scope filter searches the element we are in
        return list(ElementFilter(marker=marker, local_scope=True))


def texts(element: ui.element, marker: str) -> list[str]:
    """The texts of the labels with ``marker`` below ``element``."""
    with element:
        return [label.text for label in ElementFilter(kind=ui.label, marker=marker, local_scope=True)]
