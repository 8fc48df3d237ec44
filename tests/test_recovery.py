"""A creator who forgot their password gets back in through a link sent by mail (a real SMTP server on loopback)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta

import pytest
from nicegui.testing import User
from sqlalchemy import update
from sqlmodel import col, select

from routix.accounts import sessions
from routix.core.db import Database
from routix.models import PasswordResetToken, utcnow
from routix.models import User as UserRow
from tests.helpers.accounts import PASSWORD, form_token
from tests.helpers.mailbox import Mailbox, body_of, link_in

SignUp = Callable[..., Awaitable[None]]
NEW_PASSWORD = 'brand new secret 77'
pytestmark = pytest.mark.usefixtures('app_ready')


@pytest.fixture(autouse=True)
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """The SMTP server the app sends to (set before the app starts: autouse fixtures come first)."""
    box = Mailbox()
    box.start()
    monkeypatch.setenv('SMTP_HOST', '127.0.0.1')
    monkeypatch.setenv('SMTP_PORT', str(box.port))
    monkeypatch.setenv('SMTP_TLS', 'none')
    monkeypatch.setenv('SMTP_FROM', 'Routix <routix@example.org>')
    yield box
    box.stop()


async def _forgot(user: User, email: str) -> str:
    token = await form_token(user, '/forgot')
    response = await user.http_client.post('/auth/forgot', data={'csrf': token, 'email': email})
    assert response.status_code == 303
    return response.headers['location']


async def _reset(user: User, link: str, password: str) -> str:
    await user.open(link)
    (csrf,) = user.find(marker='csrf').elements
    (token,) = user.find(marker='token').elements
    response = await user.http_client.post(
        '/auth/reset', data={'csrf': csrf.props['value'], 'token': token.props['value'], 'password': password}
    )
    assert response.status_code == 303
    return response.headers['location']


async def _login(user: User, email: str, password: str) -> str:
    token = await form_token(user, '/login')
    response = await user.http_client.post('/auth/login', data={'csrf': token, 'email': email, 'password': password})
    return response.headers['location']


async def _sign_out(user: User) -> None:
    await user.open('/account')
    (field,) = user.find(marker='csrf').elements
    await user.http_client.post('/auth/logout', data={'csrf': field.props['value']})


async def _user_id(db: Database, email: str) -> int:
    async with db.session() as session:
        row = (await session.exec(select(UserRow).where(UserRow.email == email))).one()
    assert row.id is not None
    return row.id


async def test_forgot_mail_link_reset_then_sign_in_with_the_new_password(
    user: User, sign_up: SignUp, mailbox: Mailbox, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    db = app_db()
    other_device = await sessions.create_session(db=db, user_id=await _user_id(db, 'ada@example.com'))
    await _sign_out(user)
    await user.open('/login')
    await user.should_see(marker='forgot-link')

    assert await _forgot(user, 'Ada@Example.com ') == '/forgot?sent=1'
    await user.open('/forgot?sent=1')
    await user.should_see('If an account with that email exists, a link is on its way.')
    mail = await mailbox.next_mail()
    assert mail['To'] == 'ada@example.com'
    assert mail['Subject'] == 'Reset your Routix password'
    assert 'works once, for 30 minutes' in body_of(mail)
    link = link_in(mail)
    assert link.startswith('/reset?token=')
    async with db.session() as session:  # only the token's hash is stored
        (row,) = (await session.exec(select(PasswordResetToken))).all()
    assert link.split('=', 1)[1] not in row.token_hash and len(row.token_hash) == 64

    assert await _reset(user, link, NEW_PASSWORD) == '/reset?done=1'
    await user.open('/reset?done=1')
    await user.should_see('Your password was changed and every session ended.')
    assert await sessions.user_for_session(db=db, token=other_device) is None  # signed out everywhere
    assert await _login(user, 'ada@example.com', PASSWORD) == '/login?error=credentials'
    assert await _login(user, 'ada@example.com', NEW_PASSWORD) == '/'
    await db.dispose()


async def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    user: User, sign_up: SignUp, mailbox: Mailbox
) -> None:
    await sign_up(user)
    await _sign_out(user)
    assert await _forgot(user, 'nobody@example.com') == '/forgot?sent=1'
    assert await _forgot(user, 'ada@example.com') == '/forgot?sent=1'
    mail = await mailbox.next_mail()  # the first mail that arrives is Ada's: none went to the unknown address
    assert mail['To'] == 'ada@example.com'


async def test_a_used_link_is_refused_with_a_clear_message(user: User, sign_up: SignUp, mailbox: Mailbox) -> None:
    await sign_up(user)
    await _sign_out(user)
    await _forgot(user, 'ada@example.com')
    link = link_in(await mailbox.next_mail())
    assert await _reset(user, link, NEW_PASSWORD) == '/reset?done=1'
    await user.open(link)
    await user.should_see('This link was already used. Ask for a new one.')
    await user.should_see(marker='ask-again')
    await user.should_not_see(marker='reset-form')


async def test_an_expired_link_is_refused(
    user: User, sign_up: SignUp, mailbox: Mailbox, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    await _sign_out(user)
    await _forgot(user, 'ada@example.com')
    link = link_in(await mailbox.next_mail())
    db = app_db()
    async with db.transaction() as session:  # 31 minutes later
        await session.exec(
            update(PasswordResetToken).values(expires_at=utcnow() - timedelta(minutes=1))  # type: ignore[call-overload]
        )
    await db.dispose()
    await user.open(link)
    await user.should_see('This link has expired. Ask for a new one.')
    await user.should_not_see(marker='reset-form')
    assert await _login(user, 'ada@example.com', PASSWORD) == '/'  # nothing changed


async def test_a_wrong_token_is_refused_on_the_page_and_on_post(user: User) -> None:
    await user.open('/reset?token=not-a-real-token')
    await user.should_see('This link is not valid. Ask for a new one.')
    token = await form_token(user, '/forgot')
    response = await user.http_client.post(
        '/auth/reset', data={'csrf': token, 'token': 'not-a-real-token', 'password': NEW_PASSWORD}
    )
    assert response.headers['location'] == '/reset?error=link_invalid'


async def test_a_weak_password_keeps_the_link_usable(user: User, sign_up: SignUp, mailbox: Mailbox) -> None:
    await sign_up(user)
    await _sign_out(user)
    await _forgot(user, 'ada@example.com')
    link = link_in(await mailbox.next_mail())
    location = await _reset(user, link, 'short')
    assert location.startswith('/reset?token=') and location.endswith('&error=password_short')
    await user.open(location)
    await user.should_see('Use at least 10 characters for the password.')
    assert await _reset(user, link, NEW_PASSWORD) == '/reset?done=1'


async def test_a_newer_reset_spends_the_older_links_too(user: User, sign_up: SignUp, mailbox: Mailbox) -> None:
    await sign_up(user)
    await _sign_out(user)
    await _forgot(user, 'ada@example.com')
    first = link_in(await mailbox.next_mail())
    await _forgot(user, 'ada@example.com')
    second = link_in(await mailbox.next_mail())
    assert await _reset(user, second, NEW_PASSWORD) == '/reset?done=1'
    await user.open(first)
    await user.should_see('This link was already used. Ask for a new one.')


async def test_asking_too_often_is_throttled(user: User, sign_up: SignUp, mailbox: Mailbox) -> None:
    await sign_up(user)
    await _sign_out(user)
    for _ in range(3):
        assert await _forgot(user, 'ada@example.com') == '/forgot?sent=1'
    location = await _forgot(user, 'ada@example.com')
    assert location == '/forgot?error=throttled&minutes=15'
    await user.open(location)
    await user.should_see('Too many attempts. Try again in 15 minutes.')


async def test_the_mail_is_in_the_account_language(
    user: User, sign_up: SignUp, mailbox: Mailbox, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    await _sign_out(user)
    db = app_db()
    async with db.transaction() as session:
        await session.exec(update(UserRow).where(col(UserRow.email) == 'ada@example.com').values(locale='fa'))  # type: ignore[call-overload]
    await db.dispose()
    await _forgot(user, 'ada@example.com')
    mail = await mailbox.next_mail()
    assert mail['Subject'] == 'بازنشانی گذرواژهٔ Routix'
    assert 'فقط یک بار و تا 30 دقیقه' in body_of(mail)


async def test_a_form_without_its_csrf_token_is_refused(user: User) -> None:
    await user.open('/forgot')
    response = await user.http_client.post('/auth/forgot', data={'csrf': 'forged', 'email': 'ada@example.com'})
    assert response.headers['location'] == '/forgot?error=csrf'


@pytest.mark.parametrize('path', ['/forgot', '/reset?token=x', '/verify?token=x'])
async def test_the_link_pages_open_without_a_session(user: User, path: str) -> None:
    response = await user.http_client.get(path)
    assert response.status_code == 200


async def test_a_signed_in_visitor_skips_forgot_but_may_follow_a_link(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    response = await user.http_client.get('/forgot')
    assert (response.status_code, response.headers['location']) == (303, '/')
    assert (await user.http_client.get('/reset?token=x')).status_code == 200
    assert (await user.http_client.get('/verify?token=x')).status_code == 200
