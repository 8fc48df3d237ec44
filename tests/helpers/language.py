"""Switching the interface language the way a browser does: submit the picker's form with the token it carries."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User


async def switch_language(user: User, code: str) -> None:
    """Press the ``lang-<code>`` button of the open page: POST its form, then open where the answer leads."""
    (button,) = user.find(marker=f'lang-{code}').elements
    form = button.parent_slot.parent if button.parent_slot else None
    assert isinstance(form, ui.element) and form.tag == 'form'
    assert form.props['method'] == 'post'
    response = await user.http_client.post(form.props['action'], data={'csrf': button.props['value']})
    assert response.status_code == 303
    await user.open(response.headers['location'])


async def choose_language(user: User, code: str) -> None:
    """Switch a signed-in creator's language with the picker of the account page."""
    await user.open('/account')
    await switch_language(user, code)
