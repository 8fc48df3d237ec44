"""Health for hosting: ``/healthz`` (the process answers), ``/readyz`` (database and storage work) and ``/metrics``.

``/healthz`` and ``/readyz`` need no session and are answered here, outside the auth gate, so they answer even while
start-up (migrations) is still running: ``/healthz`` says the process is up, ``/readyz`` says 503 with the part that
is not ready. The same outer layer times and counts every request for the metrics.

``/metrics`` (Prometheus text) is for an admin's session or ``Authorization: Bearer $ROUTIX_METRICS_TOKEN``; anyone
else gets the same 404 as for a path that does not exist.
"""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from nicegui import Client, app
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from routix.core.metrics import CONTENT_TYPE, Metrics
from routix.ops.health import readiness

from .auth_routes import AUTH_KEY

if TYPE_CHECKING:
    from routix.core.services import Services

HEALTH_PATHS = ('/healthz', '/readyz')


def register(services: Services) -> None:
    """Add the health routes, the request metrics and ``/metrics`` (call after the auth middleware is added)."""
    metrics = Metrics(db=services.db, clients=_connected_clients)
    app.add_middleware(HealthGate, services=services, metrics=metrics)

    @app.get('/metrics', include_in_schema=False)
    async def prometheus(request: Request) -> Response:
        if not await _may_scrape(services, request):
            return PlainTextResponse('Not Found', status_code=404)
        return Response(await metrics.render(), media_type=CONTENT_TYPE)


class HealthGate:
    """Pure ASGI middleware: answers the health paths itself and counts every other HTTP request."""

    def __init__(self, app: ASGIApp, *, services: Services, metrics: Metrics) -> None:
        self.app = app
        self.services = services
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        path: str = scope['path']
        if path in HEALTH_PATHS:
            await self._health(path)(scope, receive, send)
            return
        start, status = time.perf_counter(), 500

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message['type'] == 'http.response.start':
                status = message['status']
                self.metrics.observe_request(
                    method=scope['method'], path=path, status=status, seconds=time.perf_counter() - start
                )
            await send(message)

        await self.app(scope, receive, send_counted)

    def _health(self, path: str) -> _Answer:
        return _Answer(self.services, ready=path == '/readyz')


class _Answer:
    """The answer of /healthz or /readyz."""

    def __init__(self, services: Services, *, ready: bool) -> None:
        self.services = services
        self.ready = ready

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}
        if not self.ready:
            response: Response = JSONResponse({'status': 'ok'}, headers=headers)
        else:
            services = self.services
            parts = await readiness(db=services.db, store=services.store, started=services.ready.is_set())
            ok = all(parts.values())
            body = {'status': 'ready' if ok else 'not ready', 'failed': [name for name, up in parts.items() if not up]}
            response = JSONResponse(body, status_code=200 if ok else 503, headers=headers)
        await response(scope, receive, send)


async def _may_scrape(services: Services, request: Request) -> bool:
    """A valid bearer token (when one is configured) or an admin's live session."""
    token = services.settings.metrics_token.get_secret_value()
    scheme, _, given = request.headers.get('authorization', '').partition(' ')
    if token and scheme.lower() == 'bearer' and secrets.compare_digest(given.strip().encode(), token.encode()):
        return True
    user = await services.accounts.user_for_session(request.session.get(AUTH_KEY))
    return user is not None and user.role == 'admin'


def _connected_clients() -> int:
    return sum(1 for client in Client.instances.values() if client.has_socket_connection)
