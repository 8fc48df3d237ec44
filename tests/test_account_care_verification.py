"""ROUTIX_REQUIRE_EMAIL_VERIFICATION: an unconfirmed password account sees only /account until it follows the link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator

import pytest
from nicegui.testing import User

from tests.helpers.mailbox import Mailbox, link_in

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


@pytest.fixture(autouse=True)
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """SMTP on loopback and the requirement switched on, before the app starts."""
    box = Mailbox()
    box.start()
    monkeypatch.setenv('SMTP_HOST', '127.0.0.1')
    monkeypatch.setenv('SMTP_PORT', str(box.port))
    monkeypatch.setenv('SMTP_TLS', 'none')
    monkeypatch.setenv('ROUTIX_REQUIRE_EMAIL_VERIFICATION', 'true')
    yield box
    box.stop()


async def test_the_studio_waits_until_the_address_is_confirmed(user: User, sign_up: SignUp, mailbox: Mailbox) -> None:
    await sign_up(user)
    for path in ('/', '/history', '/templates'):
        response = await user.http_client.get(path)
        assert (response.status_code, response.headers['location']) == (303, '/account'), path
    await user.open('/account')
    await user.should_see('Please confirm your email address: we send a link to it.')
    user.find(marker='send-verification').click()
    await user.should_see('A confirmation link is on its way to ada@example.com.')
    await user.open(link_in(await mailbox.next_mail()))
    (csrf,) = user.find(marker='csrf').elements
    (token,) = user.find(marker='token').elements
    response = await user.http_client.post(
        '/auth/verify', data={'csrf': csrf.props['value'], 'token': token.props['value']}
    )
    assert response.headers['location'] == '/verify?done=1'
    assert (await user.http_client.get('/history')).status_code == 200
