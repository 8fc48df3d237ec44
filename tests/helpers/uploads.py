"""What the chat page's file picker does in a browser: post the picked file to /upload, as that tab."""

from __future__ import annotations

import httpx
from nicegui.testing import User


def picker_headers(user: User, content_type: str = 'image/png') -> dict[str, str]:
    """The headers the picker's script sends: the type, the session's CSRF token and the tab's key (read from the
    picker's data attributes, where the page put them)."""
    (picker,) = user.find(marker='upload').elements
    return {
        'Content-Type': content_type,
        'X-CSRF-Token': str(picker.props['data-csrf']),
        'X-Routix-Tab': str(picker.props['data-tab']),
    }


async def pick_file(user: User, data: bytes, content_type: str = 'image/png') -> httpx.Response:
    """Pick ``data`` in the open chat tab's file picker (the browser posts it to /upload)."""
    return await user.http_client.post(
        str(user.find(marker='upload').elements.pop().props['data-url']),
        content=data,
        headers=picker_headers(user, content_type),
    )
