"""Plain HTTP sign-in routes: password login, registration, logout and the language switch (all POST).

They are real form POSTs (not websocket events) so that the session cookie is cleared and re-issued on sign-in.
Every form carries a per-session CSRF token. Failures redirect back with the reason of the AuthError's code
(``auth.<reason>``) in the query string; the page shows that code's translated message, and the typed email comes
back through the session, never the URL.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import httpx
from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from joserfc.errors import JoseError
from nicegui import app

from routix.accounts.oauth import (
    ProviderIdentity,
    configured_providers,
    identity_from_claims,
    identity_from_github,
)
from routix.core.errors import AuthError
from routix.i18n import LANGUAGES, pick_language

if TYPE_CHECKING:
    from routix.core.config import Settings
    from routix.core.services import Services

CSRF_KEY = 'csrf'
AUTH_KEY = 'auth'
LANG_KEY = 'lang'
FLASH_EMAIL_KEY = 'flash_email'
FLASH_NAME_KEY = 'flash_name'
OAUTH_NEXT_KEY = 'oauth_next'
GOOGLE_DISCOVERY = 'https://accounts.google.com/.well-known/openid-configuration'
_NO_RETURN = ('/login', '/register', '/auth/')
log = logging.getLogger(__name__)


def register(services: Services) -> None:
    """Add the /auth/* routes."""
    accounts = services.accounts

    @app.post('/auth/login', include_in_schema=False)
    async def login(request: Request) -> RedirectResponse:
        form = await _form(request)
        target = safe_next(form.get('next'))
        email = form.get('email', '')[:320]
        if not csrf_valid(request, form.get(CSRF_KEY)):
            return _back(request, '/login', 'csrf', target, email=email)
        try:
            user = await accounts.authenticate(
                email=email, password=form.get('password', ''), client_ip=client_ip(request)
            )
        except AuthError as e:
            return _back(request, '/login', _reason(e), target, email=email, minutes=e.params.get('minutes', 0))
        assert user.id is not None
        return await _sign_in(request, services, user.id, target)

    @app.post('/auth/register', include_in_schema=False)
    async def register_account(request: Request) -> RedirectResponse:
        form = await _form(request)
        target = safe_next(form.get('next'))
        email, name = form.get('email', '')[:320], form.get('display_name', '')[:120]
        if not csrf_valid(request, form.get(CSRF_KEY)):
            return _back(request, '/register', 'csrf', target, email=email, name=name)
        try:
            user = await accounts.register(
                email=email,
                password=form.get('password', ''),
                display_name=name,
                client_ip=client_ip(request),
                locale=pick_language(request.session.get(LANG_KEY)),
            )
        except AuthError as e:
            minutes = e.params.get('minutes', 0)
            return _back(request, '/register', _reason(e), target, email=email, name=name, minutes=minutes)
        assert user.id is not None
        return await _sign_in(request, services, user.id, target)

    @app.post('/auth/logout', include_in_schema=False)
    async def logout(request: Request) -> RedirectResponse:
        form = await _form(request)
        if not csrf_valid(request, form.get(CSRF_KEY)):
            return RedirectResponse('/account?error=csrf', status_code=303)
        await accounts.end_session(request.session.get(AUTH_KEY))
        lang = request.session.get(LANG_KEY)
        request.session.clear()
        if lang in LANGUAGES:
            request.session[LANG_KEY] = lang
        return RedirectResponse('/login', status_code=303)

    @app.post('/auth/lang/{lang}', include_in_schema=False)
    async def switch_language(request: Request, lang: str, next: str = '/') -> RedirectResponse:
        """Remember the language in the session and, when signed in, on the account (a POST with the CSRF token:
        another site must not be able to change it; GET answers 405)."""
        form = await _form(request)
        if lang in LANGUAGES and csrf_valid(request, form.get(CSRF_KEY)):
            request.session[LANG_KEY] = lang
            user = await accounts.user_for_session(request.session.get(AUTH_KEY))
            if user is not None and user.id is not None and user.locale != lang:
                await accounts.set_locale(user.id, lang)
        return RedirectResponse(safe_next(next, allow_auth_pages=True), status_code=303)

    _register_oauth(services)


def _register_oauth(services: Services) -> None:
    """GET /auth/oauth/{provider} and its callback, for the providers configured in the settings (Authlib keeps
    state, nonce and PKCE verifier in the signed session; the callback rotates the session like a password login)."""
    if not configured_providers(services.settings):
        return  # nothing configured: no routes
    oauth = _oauth_clients(services.settings)

    @app.get('/auth/oauth/{provider}', include_in_schema=False)
    async def oauth_start(request: Request, provider: str, next: str = '/') -> Response:
        client = oauth.create_client(provider)
        if client is None:
            return RedirectResponse('/login', status_code=303)
        request.session[OAUTH_NEXT_KEY] = safe_next(next)
        base = services.settings.base_url.rstrip('/')
        callback = (
            f'{base}/auth/oauth/{provider}/callback'
            if base
            else str(request.url_for('oauth_callback', provider=provider))
        )
        try:
            return await client.authorize_redirect(request, callback)
        except (OAuthError, httpx.HTTPError):
            log.warning('OAuth provider %s: discovery failed', provider, exc_info=True)
            return RedirectResponse('/login?error=oauth', status_code=303)

    @app.get('/auth/oauth/{provider}/callback', name='oauth_callback', include_in_schema=False)
    async def oauth_callback(request: Request, provider: str) -> RedirectResponse:
        client = oauth.create_client(provider)
        target = safe_next(request.session.pop(OAUTH_NEXT_KEY, '/'))
        if client is None:
            return RedirectResponse('/login', status_code=303)
        try:
            token = await client.authorize_access_token(request)
            identity = await _identity(provider, client, token)
            user = await services.accounts.sign_in_with_identity(
                identity, locale=pick_language(request.session.get(LANG_KEY))
            )
        except AuthError as e:
            return RedirectResponse(f'/login?{urlencode({"error": _reason(e)})}', status_code=303)
        except (OAuthError, JoseError, httpx.HTTPError, KeyError, ValueError):
            log.warning('OAuth sign-in with %s failed', provider, exc_info=True)
            return RedirectResponse('/login?error=oauth', status_code=303)
        assert user.id is not None
        return await _sign_in(request, services, user.id, target)


def _oauth_clients(settings: Settings) -> OAuth:
    """Authlib clients for Google and any OIDC provider (discovery, id_token checked against the JWKS) and GitHub."""
    oauth = OAuth()
    oidc_kwargs = {'scope': 'openid email profile', 'code_challenge_method': 'S256', 'timeout': 15}
    if settings.google_client_id:
        oauth.register(
            'google',
            client_id=settings.google_client_id,
            client_secret=settings.google_client_secret.get_secret_value(),
            server_metadata_url=GOOGLE_DISCOVERY,
            client_kwargs=oidc_kwargs,
        )
    if settings.github_client_id:
        oauth.register(
            'github',
            client_id=settings.github_client_id,
            client_secret=settings.github_client_secret.get_secret_value(),
            authorize_url='https://github.com/login/oauth/authorize',
            access_token_url='https://github.com/login/oauth/access_token',
            api_base_url='https://api.github.com/',
            client_kwargs={'scope': 'read:user user:email', 'timeout': 15},
        )
    if settings.oidc_discovery_url and settings.oidc_client_id:
        oauth.register(
            'oidc',
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret.get_secret_value(),
            server_metadata_url=settings.oidc_discovery_url,
            client_kwargs=oidc_kwargs,
        )
    return oauth


async def _identity(provider: str, client: Any, token: dict[str, Any]) -> ProviderIdentity:
    """Fetch what the provider says about the person (GitHub's API, or the OIDC claims) and read it."""
    if provider == 'github':
        profile = (await client.get('user', token=token)).raise_for_status().json()
        emails = (await client.get('user/emails', token=token)).raise_for_status().json()
        return identity_from_github(profile, emails)
    claims = token.get('userinfo') or await client.userinfo(token=token)  # id_token claims, verified by Authlib
    return identity_from_claims(provider, claims)


def safe_next(value: object, *, allow_auth_pages: bool = False) -> str:
    """``value`` if it is a same-origin relative path, else '/'. Never trust a ``next`` parameter without this."""
    if not isinstance(value, str) or not value.startswith('/') or value.startswith(('//', '/\\')):
        return '/'
    if len(value) > 2000 or '\\' in value or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return '/'
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return '/'
    if not allow_auth_pages and value.startswith(_NO_RETURN):
        return '/'  # no loop back into the sign-in pages
    return value


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use); render it into every form as a hidden input."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return token


def csrf_valid(request: Request, submitted: object) -> bool:
    """Whether a submitted token matches this session's."""
    expected = request.session.get(CSRF_KEY)
    return (
        isinstance(expected, str)
        and isinstance(submitted, str)
        and bool(submitted)
        and secrets.compare_digest(expected.encode(), submitted.encode())
    )


def client_ip(request: Request) -> str | None:
    """The peer address (behind a proxy, run uvicorn with forwarded_allow_ips so this is the real client)."""
    return request.client.host if request.client else None


async def _sign_in(request: Request, services: Services, user_id: int, target: str) -> RedirectResponse:
    """Rotate the session: end a previous sign-in, clear the cookie session, store the new server-side token."""
    token = await services.accounts.start_session(user_id=user_id, replacing=request.session.get(AUTH_KEY))
    request.session.clear()
    request.session[AUTH_KEY] = token
    return RedirectResponse(target, status_code=303)


def _reason(error: AuthError) -> str:
    """What the query string carries: the code without its ``auth.`` prefix (``/login?error=credentials``)."""
    return error.code.removeprefix('auth.')


def _back(
    request: Request, page: str, code: str, target: str, *, email: str = '', name: str = '', minutes: int = 0
) -> RedirectResponse:
    request.session[FLASH_EMAIL_KEY] = email
    request.session[FLASH_NAME_KEY] = name
    query: dict[str, Any] = {'error': code}
    if minutes:
        query['minutes'] = minutes
    if target != '/':
        query['next'] = target
    return RedirectResponse(f'{page}?{urlencode(query)}', status_code=303)


async def _form(request: Request) -> dict[str, str]:
    """The text fields of a urlencoded or multipart form (files are refused)."""
    form = await request.form(max_files=0, max_fields=20)
    return {key: value for key, value in form.items() if isinstance(value, str)}
