"""Without SMTP no mail goes out: /forgot sends the creator to the operator, who prints a one-time link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import pytest
from nicegui.testing import User

from tests.helpers.accounts import form_token
from tests.test_ops_cli import routix

SignUp = Callable[..., Awaitable[None]]
NEW_PASSWORD = 'brand new secret 77'
pytestmark = pytest.mark.usefixtures('app_ready')


async def test_without_smtp_forgot_says_ask_the_operator_whose_link_works_once(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/account')
    await user.should_see('This Routix cannot send mail; ask its operator.')
    await user.should_not_see(marker='send-verification')
    (field,) = user.find(marker='csrf').elements
    await user.http_client.post('/auth/logout', data={'csrf': field.props['value']})
    await user.open('/forgot')
    await user.should_see(marker='no-mail')
    await user.should_not_see(marker='forgot-form')

    done = routix('users', 'reset-link', 'ADA@example.com', env={'ROUTIX_BASE_URL': 'https://thumbs.example.org'})
    assert done.returncode == 0, done.stderr
    link = done.stdout.strip()
    assert link.startswith('https://thumbs.example.org/reset?token=')
    parts = urlsplit(link)
    await user.open(f'{parts.path}?{parts.query}')
    (csrf,) = user.find(marker='csrf').elements
    (token,) = user.find(marker='token').elements
    response = await user.http_client.post(
        '/auth/reset', data={'csrf': csrf.props['value'], 'token': token.props['value'], 'password': NEW_PASSWORD}
    )
    assert response.headers['location'] == '/reset?done=1'
    login = await form_token(user, '/login')
    response = await user.http_client.post(
        '/auth/login', data={'csrf': login, 'email': 'ada@example.com', 'password': NEW_PASSWORD}
    )
    assert response.headers['location'] == '/'
    await user.open(f'{parts.path}?{parts.query}')
    await user.should_see('This link was already used. Ask for a new one.')


async def test_a_link_for_an_unknown_address_is_refused_by_the_cli(user: User) -> None:
    done = routix('users', 'reset-link', 'nobody@example.com')
    assert done.returncode == 1  # like every other 'no such account' of routix users
    assert done.stderr == 'routix: There is no account with the email nobody@example.com.\n'
    assert not done.stdout.startswith('http')
