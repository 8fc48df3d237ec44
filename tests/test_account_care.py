"""The account page's care: change password and email (current password again), confirm the address by mail,
download my data, delete my account with its images. A real SMTP server on loopback receives the mail."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Awaitable, Callable, Iterator

import pytest
from nicegui.testing import User
from sqlmodel import select

from routix.accounts import sessions
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.runtime import InlineRuntime
from routix.models import Generation
from routix.models import User as UserRow
from routix.storage import LocalStore, new_key
from routix.vocabulary import GenerationStatus
from tests.helpers.accounts import PASSWORD, form_token
from tests.helpers.mailbox import Mailbox, link_in

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
    yield box
    box.stop()


def _store() -> LocalStore:
    return LocalStore(Settings(_env_file=None).data_dir / 'images', runtime=InlineRuntime())  # type: ignore[call-arg]


async def _row(db: Database, email: str) -> UserRow:
    async with db.session() as session:
        return (await session.exec(select(UserRow).where(UserRow.email == email))).one()


async def _thumbnail(db: Database, owner_id: int, prompt: str) -> tuple[int, str, bytes]:
    """A finished generation with its stored JPEG, as the pipeline leaves it."""
    key, data = new_key(owner_id, 'jpg'), b'\xff\xd8\xff' + prompt.encode() + b'\xff\xd9'
    await _store().put(key, data)
    async with db.transaction() as session:
        gen = Generation(owner_id=owner_id, prompt=prompt, status=GenerationStatus.COMPLETED, image_key=key)
        session.add(gen)
        await session.flush()
        assert gen.id is not None
        return gen.id, key, data


async def _login(user: User, email: str, password: str) -> str:
    token = await form_token(user, '/login')
    response = await user.http_client.post('/auth/login', data={'csrf': token, 'email': email, 'password': password})
    return response.headers['location']


async def _sign_out(user: User) -> None:
    await user.open('/account')
    (field,) = user.find(marker='csrf').elements
    await user.http_client.post('/auth/logout', data={'csrf': field.props['value']})


async def test_change_password_needs_the_current_one_and_ends_the_other_sessions(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    db = app_db()
    other_device = await sessions.create_session(db=db, user_id=(await _row(db, 'ada@example.com')).id or 0)
    await user.open('/account')
    user.find(marker='current-password').type('not my password 1')
    user.find(marker='new-password').type(NEW_PASSWORD)
    user.find(marker='change-password').click()
    await user.should_see('Your current password is not correct.')
    user.find(marker='current-password').clear().type(PASSWORD)
    user.find(marker='change-password').click()
    await user.should_see('Password changed. Your other sessions ended.')
    assert await sessions.user_for_session(db=db, token=other_device) is None
    await db.dispose()
    await user.open('/account')  # this browser stays signed in
    await user.should_see(marker='change-password')
    await _sign_out(user)
    assert await _login(user, 'ada@example.com', PASSWORD) == '/login?error=credentials'
    assert await _login(user, 'ada@example.com', NEW_PASSWORD) == '/'


async def test_change_email_then_confirm_it_through_the_mailed_link(
    user: User, sign_up: SignUp, mailbox: Mailbox
) -> None:
    await sign_up(user)
    await user.open('/account')
    await user.should_see('Not confirmed yet')
    user.find(marker='new-email').clear().type('ada@lovelace.dev')
    user.find(marker='email-password').type(PASSWORD)
    user.find(marker='change-email').click()
    await user.should_see('Email address changed.')
    mail = await mailbox.next_mail()
    assert (mail['To'], mail['Subject']) == ('ada@lovelace.dev', 'Confirm your email for Routix')
    link = link_in(mail)
    assert link.startswith('/verify?token=')

    await user.open(link)
    await user.should_see(marker='verify-form')
    (csrf,) = user.find(marker='csrf').elements
    (token,) = user.find(marker='token').elements
    response = await user.http_client.post(
        '/auth/verify', data={'csrf': csrf.props['value'], 'token': token.props['value']}
    )
    assert response.headers['location'] == '/verify?done=1'
    await user.open(link)  # once only
    await user.should_see('This link was already used. Ask for a new one.')
    await user.open('/account')
    await user.should_see('Confirmed')
    await _sign_out(user)
    assert await _login(user, 'ada@example.com', PASSWORD) == '/login?error=credentials'
    assert await _login(user, 'ada@lovelace.dev', PASSWORD) == '/'


async def test_an_address_in_use_or_a_wrong_password_changes_nothing(user: User, sign_up: SignUp) -> None:
    await sign_up(user, email='bob@example.com', name='Bob')
    await _sign_out(user)
    await sign_up(user)
    await user.open('/account')
    user.find(marker='new-email').clear().type('bob@example.com')
    user.find(marker='email-password').type(PASSWORD)
    user.find(marker='change-email').click()
    await user.should_see('Check your details or sign in if you already have an account.')
    user.find(marker='new-email').clear().type('ada@new.example')
    user.find(marker='email-password').clear().type('not my password 1')
    user.find(marker='change-email').click()
    await user.should_see('Your current password is not correct.')
    await _sign_out(user)
    assert await _login(user, 'ada@example.com', PASSWORD) == '/'


async def test_a_confirmation_link_can_be_sent_again_from_the_account_page(
    user: User, sign_up: SignUp, mailbox: Mailbox
) -> None:
    await sign_up(user)
    await user.open('/account')
    user.find(marker='send-verification').click()
    await user.should_see('A confirmation link is on its way to ada@example.com.')
    assert (await mailbox.next_mail())['To'] == 'ada@example.com'


async def test_my_data_is_a_zip_of_my_thumbnails_recipes_and_ledger_and_nobody_elses(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    assert (await user.http_client.get('/export/account.zip')).status_code == 404  # anonymous
    await sign_up(user)
    db = app_db()
    ada = (await _row(db, 'ada@example.com')).id or 0
    gen_id, _key, jpeg = await _thumbnail(db, ada, 'pizza night')
    response = await user.http_client.get('/export/account.zip')
    assert response.status_code == 200
    assert response.headers['content-type'] == 'application/zip'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.read(f'thumbnails/{gen_id}.jpg') == jpeg
        recipes = json.loads(archive.read('recipes.json'))
        ledger = json.loads(archive.read('ledger.json'))
        account = json.loads(archive.read('account.json'))
    assert [(r['id'], r['prompt'], r['thumbnail']) for r in recipes] == [
        (gen_id, 'pizza night', f'thumbnails/{gen_id}.jpg')
    ]
    assert [(e['reason'], e['delta']) for e in ledger] == [('signup', 20)]
    assert account['email'] == 'ada@example.com'

    await _sign_out(user)
    await sign_up(user, email='bob@example.com', name='Bob')
    response = await user.http_client.get('/export/account.zip')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert json.loads(archive.read('recipes.json')) == []
        assert not [name for name in archive.namelist() if name.startswith('thumbnails/')]
        assert json.loads(archive.read('account.json'))['email'] == 'bob@example.com'
    await db.dispose()


async def test_delete_my_account_with_my_images_then_the_address_is_free(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user)
    db = app_db()
    ada = (await _row(db, 'ada@example.com')).id or 0
    _gen_id, key, _jpeg = await _thumbnail(db, ada, 'pizza night')
    await user.open('/account')
    user.find(marker='delete-account').click()
    user.find(marker='delete-password').type('not my password 1')
    user.find(marker='confirm-delete').click()
    await user.should_see('Your current password is not correct.')
    user.find(marker='delete-password').clear().type(PASSWORD)
    user.find(marker='confirm-delete').click()
    await user.should_see(marker='login-form')
    assert not (_store().root / key).exists()
    async with db.session() as session:
        assert (await session.exec(select(Generation).where(Generation.owner_id == ada))).all() == []
    await db.dispose()
    assert (await user.http_client.get('/account')).status_code == 303  # the session ended
    assert await _login(user, 'ada@example.com', PASSWORD) == '/login?error=credentials'
    await sign_up(user)  # the address may open a new account
