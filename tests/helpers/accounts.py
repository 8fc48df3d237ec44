"""Accounts through the real forms: the password every test creator uses and the CSRF token a form carries."""

from __future__ import annotations

from nicegui.testing import User

PASSWORD = 'correct horse 42'


async def form_token(user: User, path: str = '/login') -> str:
    """Open a sign-in page like a browser and read the CSRF token its forms carry."""
    await user.open(path)
    (field,) = user.find(marker='csrf').elements
    return str(field.props['value'])
