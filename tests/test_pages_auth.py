"""Signing up, in and out through the real forms of the running app."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from nicegui.testing import User
from sqlmodel import select

from routix.core.db import Database
from routix.models import AuthSession, CreditEntry, OAuthIdentity
from routix.models import User as UserRow
from routix.ops.users import set_disabled
from tests.helpers.accounts import PASSWORD, form_token
from tests.helpers.language import switch_language

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


async def _login(
    user: User,
    *,
    email: str = 'ada@example.com',
    password: str = PASSWORD,
    next_path: str | None = None,
    csrf: str | None = None,
) -> str:
    """POST the login form; returns where the app sends the browser."""
    token = await form_token(user, '/login') if csrf is None else csrf
    data = {'csrf': token, 'email': email, 'password': password}
    if next_path is not None:
        data['next'] = next_path
    response = await user.http_client.post('/auth/login', data=data)
    assert response.status_code == 303
    return response.headers['location']


async def _logout(user: User) -> None:
    await user.open('/account')
    (field,) = user.find(marker='csrf').elements
    response = await user.http_client.post('/auth/logout', data={'csrf': field.props['value']})
    assert response.status_code == 303
    assert response.headers['location'] == '/login'


@pytest.mark.parametrize('path', ['/', '/account', '/templates', '/history'])
async def test_anonymous_visitors_are_sent_to_login_before_a_page_is_built(user: User, path: str) -> None:
    response = await user.http_client.get(path)
    assert response.status_code == 303
    assert response.headers['location'] == '/login?next=' + path.replace('/', '%2F')


async def test_anonymous_visit_lands_on_the_login_form(user: User) -> None:
    await user.open('/account')
    await user.should_see(marker='login-form')
    await user.should_see('Sign in to Routix')
    (next_field,) = user.find(marker='next').elements
    assert next_field.props['value'] == '/account'


async def test_register_through_the_form_signs_in_with_signup_credits(
    user: User, sign_up: SignUp, app_db: Callable[[], Database]
) -> None:
    await sign_up(user, email='Ada@Example.com', name='Ada Lovelace')
    await user.open('/account')
    await user.should_see('ada@example.com')
    await user.should_see(marker='credit-balance')
    (balance,) = user.find(marker='credit-balance').elements
    assert balance.text == '20'
    db = app_db()
    async with db.session() as session:
        entries = (await session.exec(select(CreditEntry))).all()
        sessions = (await session.exec(select(AuthSession))).all()
    await db.dispose()
    assert [(e.delta, e.reason) for e in entries] == [(20, 'signup')]
    assert len(sessions) == 1


async def test_register_errors_come_back_translated_and_keep_what_was_typed(user: User) -> None:
    token = await form_token(user, '/register')
    response = await user.http_client.post(
        '/auth/register', data={'csrf': token, 'email': 'ada@example.com', 'password': 'Tiny1', 'display_name': 'Ada'}
    )
    assert response.status_code == 303
    assert response.headers['location'] == '/register?error=password_short'
    await user.open(response.headers['location'])
    await user.should_see('Use at least 10 characters for the password.')
    (email,) = user.find(marker='email').elements
    (name,) = user.find(marker='display_name').elements
    assert (email.value, name.value) == ('ada@example.com', 'Ada')
    assert 'Tiny1' not in response.headers['location']


async def test_registering_a_taken_email_gives_the_generic_message(
    user: User, sign_up: SignUp, create_user: Callable[[], User]
) -> None:
    await sign_up(user)
    other = create_user()
    token = await form_token(other, '/register')
    response = await other.http_client.post(
        '/auth/register', data={'csrf': token, 'email': 'ada@example.com', 'password': 'another pass 7'}
    )
    assert response.headers['location'] == '/register?error=taken'
    await other.open(response.headers['location'])
    await other.should_see('Check your details or sign in if you already have an account.')


async def test_wrong_password_shows_the_message_and_keeps_the_email(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await _logout(user)
    location = await _login(user, password='not my password 1')
    assert location == '/login?error=credentials'
    await user.open(location)
    await user.should_see('Email or password is not correct.')
    (email,) = user.find(marker='email').elements
    assert email.value == 'ada@example.com'


async def test_unknown_email_shows_the_same_message(user: User) -> None:
    location = await _login(user, email='nobody@example.com')
    assert location == '/login?error=credentials'


async def test_too_many_failures_are_throttled_with_a_wait_time(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await _logout(user)
    for _ in range(5):
        assert await _login(user, password='not my password 1') == '/login?error=credentials'
    location = await _login(user)
    assert location == '/login?error=throttled&minutes=15'
    await user.open(location)
    await user.should_see('Too many attempts. Try again in 15 minutes.')


@pytest.mark.parametrize(
    ('next_path', 'expected'),
    [
        ('/account', '/account'),
        ('/history?page=2', '/history?page=2'),
        ('//evil.com', '/'),
        ('/\\evil.com', '/'),
        ('https://evil.com/', '/'),
        ('javascript:alert(1)', '/'),
        ('/login', '/'),
    ],
)
async def test_next_is_honoured_only_for_same_origin_paths(
    user: User, sign_up: SignUp, next_path: str, expected: str
) -> None:
    await sign_up(user)
    await _logout(user)
    assert await _login(user, next_path=next_path) == expected


async def test_next_survives_a_failed_attempt(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await _logout(user)
    location = await _login(user, password='nope nope 12', next_path='/history')
    assert parse_qs(urlsplit(location).query) == {'error': ['credentials'], 'next': ['/history']}
    await user.open(location)
    (next_field,) = user.find(marker='next').elements
    assert next_field.props['value'] == '/history'


async def test_a_wrong_csrf_token_is_refused_with_a_message(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await _logout(user)
    location = await _login(user, csrf='forged-token-forged-token-forged-token')
    assert location == '/login?error=csrf'
    await user.open(location)
    await user.should_see('This form has expired. Please try again.')
    response = await user.http_client.post('/auth/login', data={'email': 'ada@example.com', 'password': PASSWORD})
    assert response.headers['location'] == '/login?error=csrf'


async def test_sign_in_rotates_the_session_cookie(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await _logout(user)
    token = await form_token(user, '/login')
    before = user.http_client.cookies.get('session')
    await _login(user, csrf=token)
    after = user.http_client.cookies.get('session')
    assert before and after and before != after
    # the pre-login form token died with the old session
    response = await user.http_client.post('/auth/logout', data={'csrf': token})
    assert response.headers['location'] == '/account?error=csrf'


async def test_logout_ends_the_session_server_side(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    stolen = user.http_client.cookies.get('session')
    assert (await user.http_client.get('/account')).status_code == 200
    await _logout(user)
    user.http_client.cookies.set('session', stolen)  # replaying the old cookie
    response = await user.http_client.get('/account')
    assert response.status_code == 303
    assert response.headers['location'].startswith('/login')


async def test_signed_in_visitors_skip_the_login_page(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    response = await user.http_client.get('/login?next=/account')
    assert response.status_code == 303
    assert response.headers['location'] == '/account'


async def test_login_page_switches_to_persian(user: User) -> None:
    await user.open('/login')
    await switch_language(user, 'fa')
    await user.should_see('ورود به روتیکس')
    await user.should_see(marker='login-form')
    await switch_language(user, 'en')
    await user.should_see('Sign in to Routix')


async def test_the_language_cannot_be_switched_by_a_link(user: User) -> None:
    response = await user.http_client.get('/auth/lang/fa?next=%2Flogin')
    assert response.status_code == 405
    await user.open('/login')
    await user.should_see('Sign in to Routix')


async def test_the_language_switch_needs_the_forms_token(user: User) -> None:
    await user.open('/login')
    response = await user.http_client.post('/auth/lang/fa?next=%2Flogin', data={'csrf': 'forged'})
    assert response.status_code == 303  # back where it was asked from, in the same language
    await user.open(response.headers['location'])
    await user.should_see('Sign in to Routix')


async def test_an_account_registered_in_persian_starts_in_persian(user: User, sign_up: SignUp) -> None:
    await user.open('/register')
    await switch_language(user, 'fa')
    await user.should_see('ساخت حساب روتیکس')
    await sign_up(user)
    await user.open('/account')
    await user.should_see('موجودی اعتبار')


async def test_login_and_register_link_to_each_other(user: User) -> None:
    await user.open('/login?next=/history')
    user.find(marker='switch-form').click()
    await user.should_see('Create your Routix account')
    (next_field,) = user.find(marker='next').elements
    assert next_field.props['value'] == '/history'


async def test_unknown_error_codes_show_nothing(user: User) -> None:
    await user.open('/login?error=<script>alert(1)</script>')
    await user.should_not_see(marker='auth-error')


# ---- OAuth / OpenID Connect against a fake provider on 127.0.0.1 ----------------------------------------------


class FakeOIDC:
    """A tiny OpenID provider: discovery, authorize (consents at once), token (client secret + PKCE), JWKS.

    The id_token is signed with an RSA key published in its JWKS, so Routix's real Authlib client verifies it.
    """

    client_id = 'routix-test'
    client_secret = 'fake-oidc-secret-0123456789'

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={'kid': 'k1', 'use': 'sig', 'alg': 'RS256'})
        self.claims: dict[str, Any] = {
            'sub': 'fake-subject-1',
            'email': 'grace@example.com',
            'email_verified': True,
            'name': 'Grace Hopper',
        }
        self.codes: dict[str, dict[str, str]] = {}
        self.server = ThreadingHTTPServer(('127.0.0.1', 0), self._handler())
        self.base = f'http://127.0.0.1:{self.server.server_address[1]}'
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path == '/.well-known/openid-configuration':
                    self._json(
                        {
                            'issuer': provider.base,
                            'authorization_endpoint': f'{provider.base}/authorize',
                            'token_endpoint': f'{provider.base}/token',
                            'jwks_uri': f'{provider.base}/jwks',
                            'response_types_supported': ['code'],
                            'subject_types_supported': ['public'],
                            'id_token_signing_alg_values_supported': ['RS256'],
                            'code_challenge_methods_supported': ['S256'],
                        }
                    )
                elif url.path == '/jwks':
                    self._json({'keys': [provider.key.as_dict(private=False)]})
                elif url.path == '/authorize':
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query
                    target = f'{query["redirect_uri"]}?{urlencode({"code": code, "state": query["state"]})}'
                    self.send_response(302)
                    self.send_header('Location', target)
                    self.end_headers()
                else:
                    self._json({'error': 'not_found'}, 404)

            def do_POST(self) -> None:
                body = parse_qs(self.rfile.read(int(self.headers['Content-Length'])).decode())
                form = {k: v[0] for k, v in body.items()}
                grant = provider.codes.pop(form.get('code', ''), None)
                expected_auth = (
                    'Basic ' + base64.b64encode(f'{provider.client_id}:{provider.client_secret}'.encode()).decode()
                )
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(form.get('code_verifier', '').encode()).digest())
                    .rstrip(b'=')
                    .decode()
                )
                if (
                    grant is None
                    or self.headers.get('Authorization') != expected_auth
                    or grant.get('code_challenge') != challenge
                    or grant['redirect_uri'] != form.get('redirect_uri')
                ):
                    self._json({'error': 'invalid_grant'}, 400)
                    return
                now = int(time.time())
                claims = {
                    'iss': provider.base,
                    'aud': provider.client_id,
                    'iat': now,
                    'exp': now + 300,
                    'nonce': grant['nonce'],
                    **provider.claims,
                }
                id_token = jwt.encode({'alg': 'RS256', 'kid': 'k1'}, claims, provider.key)
                self._json(
                    {
                        'access_token': secrets.token_urlsafe(16),
                        'token_type': 'Bearer',
                        'expires_in': 300,
                        'id_token': id_token,
                    }
                )

            def _json(self, data: object, status: int = 200) -> None:
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


@pytest.fixture
def fake_oidc(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOIDC]:
    """A running fake provider, configured as Routix's OIDC provider (set before the app starts)."""
    provider = FakeOIDC()
    monkeypatch.setenv('OIDC_DISCOVERY_URL', f'{provider.base}/.well-known/openid-configuration')
    monkeypatch.setenv('OIDC_CLIENT_ID', provider.client_id)
    monkeypatch.setenv('OIDC_CLIENT_SECRET', provider.client_secret)
    monkeypatch.setenv('OIDC_NAME', 'FakeID')
    yield provider
    provider.close()


async def _oidc_round_trip(user: User, next_path: str = '/account') -> str:
    """Start at the login button's link, let the provider consent, come back; returns where Routix sends us."""
    await user.open(f'/login?next={next_path}')
    (button,) = user.find(marker='oauth-oidc').elements
    start = await user.http_client.get(button.props['href'])
    assert start.status_code == 302
    async with httpx.AsyncClient() as browser:  # the provider lives on a real socket, not in the app
        consent = await browser.get(start.headers['location'])
    assert consent.status_code == 302
    callback = urlsplit(consent.headers['location'])
    back = await user.http_client.get(f'{callback.path}?{callback.query}')
    assert back.status_code == 303
    return back.headers['location']


@pytest.mark.usefixtures('fake_oidc')
async def test_oidc_sign_in_creates_an_account_with_signup_credits(user: User, app_db: Callable[[], Database]) -> None:
    await user.open('/login')
    await user.should_see('Continue with FakeID')
    assert await _oidc_round_trip(user) == '/account'
    await user.open('/account')
    await user.should_see('grace@example.com')
    (balance,) = user.find(marker='credit-balance').elements
    assert balance.text == '20'
    db = app_db()
    async with db.session() as session:
        identity = (await session.exec(select(OAuthIdentity))).one()
    await db.dispose()
    assert (identity.provider, identity.subject) == ('oidc', 'fake-subject-1')


@pytest.mark.usefixtures('fake_oidc')
async def test_oidc_sign_in_again_finds_the_same_account(user: User, app_db: Callable[[], Database]) -> None:
    await _oidc_round_trip(user)
    await _logout(user)
    assert await _oidc_round_trip(user, '/history') == '/history'
    db = app_db()
    async with db.session() as session:
        assert len((await session.exec(select(UserRow))).all()) == 1
    await db.dispose()


@pytest.mark.usefixtures('fake_oidc')  # a function-level mark: configured before the app starts
async def test_oidc_without_a_verified_email_is_refused(fake_oidc: FakeOIDC, user: User) -> None:
    fake_oidc.claims['email_verified'] = False
    location = await _oidc_round_trip(user)
    assert location == '/login?error=oauth_email'
    await user.open(location)
    await user.should_see('That provider did not confirm an email address for your account.')


@pytest.mark.usefixtures('fake_oidc')
async def test_oidc_does_not_take_over_a_password_account(fake_oidc: FakeOIDC, user: User, sign_up: SignUp) -> None:
    await sign_up(user, email='grace@example.com')
    await _logout(user)
    assert await _oidc_round_trip(user) == '/login?error=oauth_exists'


@pytest.mark.usefixtures('fake_oidc')
async def test_a_disabled_oauth_account_is_refused_with_the_message(user: User, app_db: Callable[[], Database]) -> None:
    await _oidc_round_trip(user)
    await _logout(user)
    db = app_db()
    await set_disabled(db=db, email='grace@example.com', disabled=True)
    async with db.session() as session:
        sessions_before = len((await session.exec(select(AuthSession))).all())
    location = await _oidc_round_trip(user)
    async with db.session() as session:
        sessions_after = len((await session.exec(select(AuthSession))).all())
    await db.dispose()
    assert location == '/login?error=disabled'
    assert sessions_after == sessions_before  # no session was handed out
    await user.open(location)
    await user.should_see(content='This account has been disabled.', marker='auth-error')


@pytest.mark.usefixtures('fake_oidc')
async def test_a_forged_callback_is_refused(user: User) -> None:
    await user.open('/login')
    response = await user.http_client.get('/auth/oauth/oidc/callback?code=stolen&state=forged')
    assert response.status_code == 303
    assert response.headers['location'] == '/login?error=oauth'


async def test_no_provider_buttons_without_configuration(user: User) -> None:
    await user.open('/login')
    await user.should_not_see(marker='oauth-oidc')
    assert (await user.http_client.get('/auth/oauth/oidc')).status_code == 404
