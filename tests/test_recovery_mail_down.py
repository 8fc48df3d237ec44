"""A mail server that refuses connections: the forgot page still answers the same, the account page says the mail
could not be sent, and the pages of the one-time links read in Persian too."""

from __future__ import annotations

import socket
from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User

from tests.helpers.accounts import form_token
from tests.helpers.language import switch_language

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


@pytest.fixture(autouse=True)
def dead_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    """SMTP configured on a loopback port nobody listens on (set before the app starts)."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv('SMTP_HOST', '127.0.0.1')
    monkeypatch.setenv('SMTP_PORT', str(port))
    monkeypatch.setenv('SMTP_TLS', 'none')
    monkeypatch.setenv('SMTP_TIMEOUT', '5')


async def test_a_dead_mail_server_changes_nothing_the_requester_sees(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/account')
    user.find(marker='send-verification').click()
    await user.should_see('The mail could not be sent. Please try again later.')
    (field,) = user.find(marker='csrf').elements
    await user.http_client.post('/auth/logout', data={'csrf': field.props['value']})
    token = await form_token(user, '/forgot')
    response = await user.http_client.post('/auth/forgot', data={'csrf': token, 'email': 'ada@example.com'})
    assert response.headers['location'] == '/forgot?sent=1'


async def test_the_link_pages_read_in_persian(user: User) -> None:
    await user.open('/forgot')
    await switch_language(user, 'fa')
    await user.should_see('بازنشانی گذرواژه')
    await user.should_see('پیوند را بفرست')
    await user.open('/reset?token=nothing-like-it')
    await user.should_see('این پیوند معتبر نیست. پیوند تازه‌ای بخواهید.')
