"""The auth gate, the security headers of every response and the error page.

The auth gate: every page route, /media/*, /download/* and /api/* need a live server-side session.

It runs before a page is built, so anonymous visitors cost no NiceGUI client: page routes answer
``303 /login?next=<path>``; media and API answer 404 (not 403, which would reveal that something is there).
The resolved user id goes into ``request.state.user_id`` (and the row into ``request.state.user``).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from nicegui import Client, app, core
from nicegui.error import error_content
from nicegui.page import page
from starlette.datastructures import QueryParams
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth_routes import AUTH_KEY, safe_next

if TYPE_CHECKING:
    from routix.core.services import Services
    from routix.models import User

PUBLIC_PAGES = frozenset({'/login', '/register', '/forgot'})
OPEN_PAGES = frozenset({'/reset', '/verify'})  # one-time links: public, and a signed-in visitor stays
APP_PAGES = frozenset({'/', '/templates', '/history', '/account'})  # protected even before their module registers
PUBLIC_PREFIXES = ('/auth/', '/_nicegui/', '/_nicegui_ws/', '/fonts/', '/static/')
HIDDEN_PREFIXES = ('/media/', '/api/', '/download/', '/export/')  # private data: 404 without a session
log = logging.getLogger(__name__)
# NiceGUI renders its page setup as inline scripts and Vue compiles the element templates in the browser
# ('unsafe-eval'); everything else is locked to this origin. Media answers carry their own, stricter policy.
CONTENT_SECURITY_POLICY = '; '.join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = tuple(
    (name.lower().encode(), value.encode())
    for name, value in (
        ('Content-Security-Policy', CONTENT_SECURITY_POLICY),
        ('X-Content-Type-Options', 'nosniff'),
        ('X-Frame-Options', 'DENY'),
        ('Referrer-Policy', 'same-origin'),
        ('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'),
        ('Cross-Origin-Opener-Policy', 'same-origin'),
    )
)


class SignedOut(Exception):
    """Raised while building a page whose user vanished mid-request; answered with a redirect to /login."""


def register(services: Services) -> None:
    """Install the middleware and the SignedOut handler (before ui.run adds the session middleware around it)."""
    app.add_middleware(AuthMiddleware, services=services)
    app.add_middleware(SecurityHeaders)  # added last, so it wraps the gate: its 303s and 404s get the headers too
    # the websocket only from the public origin when it is known (NiceGUI allows any; the session cookie is lax)
    origin = public_origin(services.settings.base_url)
    core.sio.eio.cors_allowed_origins = [origin] if origin else '*'
    app.add_exception_handler(SignedOut, _to_login)
    app.add_exception_handler(Exception, _server_error)  # replaces NiceGUI's, which shows the exception's text


def public_origin(base_url: str) -> str:
    """``scheme://host[:port]`` of the configured public URL, or '' when there is none."""
    parts = urlsplit(base_url.strip())
    return f'{parts.scheme}://{parts.netloc}' if parts.scheme in ('http', 'https') and parts.netloc else ''


class SecurityHeaders:
    """Pure ASGI middleware that adds SECURITY_HEADERS to every HTTP answer that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message['type'] == 'http.response.start':
                headers = list(message.get('headers', []))
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in SECURITY_HEADERS if name not in present)
                message['headers'] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AuthMiddleware:
    """Pure ASGI middleware (no BaseHTTPMiddleware: it would buffer media responses and break contextvars)."""

    def __init__(self, app: ASGIApp, *, services: Services) -> None:
        self.app = app
        self.services = services
        self._routes: tuple[str, ...] = ()
        self._patterns: list[re.Pattern[str]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        if not self.services.ready.is_set():  # migrations may still be running right after start
            try:
                await asyncio.wait_for(self.services.ready.wait(), timeout=60)
            except TimeoutError:
                await PlainTextResponse('Starting up, try again shortly.', status_code=503)(scope, receive, send)
                return
        path: str = scope['path']
        kind = self._kind(path)
        token = scope.get('session', {}).get(AUTH_KEY)
        if kind == 'public':
            if path in PUBLIC_PAGES and token and await self.services.accounts.user_for_session(token):
                target = safe_next(QueryParams(scope.get('query_string', b'')).get('next'))
                await RedirectResponse(target, status_code=303)(scope, receive, send)  # already signed in
                return
            await self.app(scope, receive, send)
            return
        user = await self.services.accounts.user_for_session(token) if token else None
        if user is None:
            if kind == 'hidden':
                response: Response = PlainTextResponse('Not Found', status_code=404)
            else:
                query = scope.get('query_string', b'').decode('latin-1')
                target = path + (f'?{query}' if query else '')
                response = RedirectResponse(f'/login?next={quote(target, safe="")}', status_code=303)
            await response(scope, receive, send)
            return
        if kind == 'page' and path != '/account' and _must_verify(self.services, user):
            await RedirectResponse('/account', status_code=303)(scope, receive, send)  # confirm the address first
            return
        state = scope.setdefault('state', {})
        state['user_id'] = user.id
        state['user'] = user
        await self.app(scope, receive, send)

    def _kind(self, path: str) -> str:
        """'hidden' (media/API), 'page' (a page route) or 'public'."""
        if path in PUBLIC_PAGES or path in OPEN_PAGES or path.startswith(PUBLIC_PREFIXES):
            return 'public'
        if path.startswith(HIDDEN_PREFIXES) or path in ('/media', '/api', '/download'):
            return 'hidden'
        return 'page' if self._is_page(path) else 'public'

    def _is_page(self, path: str) -> bool:
        routes = tuple(sorted(set(Client.page_routes.values())))
        if routes != self._routes:  # pages are registered before the first request; recompile if that changes
            self._routes = routes
            self._patterns = [compile_path(route)[0] for route in routes]
        return path in APP_PAGES or any(pattern.match(path) for pattern in self._patterns)


def _must_verify(services: Services, user: User) -> bool:
    """ROUTIX_REQUIRE_EMAIL_VERIFICATION (with SMTP, or nobody could comply): a password account with an unconfirmed
    address sees only /account (where it sends itself the link) until it follows the link; provider sign-ins came
    with a confirmed address."""
    return (
        services.settings.require_email_verification
        and services.recovery.can_mail
        and user.email_verified_at is None
        and bool(user.password_hash)
    )


async def _to_login(_request: Request, _exc: Exception) -> RedirectResponse:
    return RedirectResponse('/login', status_code=303)


async def _server_error(request: Request, exc: Exception) -> Response:
    """A failure the code did not expect: logged in full, answered without its text (it may name files or data)."""
    log.error('unhandled error in %s', request.url.path, exc_info=exc)
    if not request.scope.get('nicegui_page_path'):
        return PlainTextResponse('Internal Server Error', status_code=500)
    with Client(page(''), request=request) as client:
        error_content(500, '')
    return client.build_response(request, 500)
