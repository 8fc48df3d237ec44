"""``POST /upload``: the one route every chat tab sends its reference images to (the raw image as the body).

NiceGUI's ``ui.upload`` adds a route per element, and FastAPI keeps every endpoint it has seen in an ``lru_cache``
that outlives the element: each closed chat tab stayed in memory through it. This app-level route replaces them. The
browser posts the file itself (``fetch(file)``, see ``components.composer.PICKER_JS``) with the session cookie, the
session's CSRF token and the key of the tab; what became of the file reaches that tab as a per-user event
(``ChatService.uploads_for``), so the page never trusts an upload id from the browser.

The body never touches the disk: a declared ``Content-Length`` over the limit is refused before a byte is read, and
a chunked body is counted while it streams and refused (413) as soon as it passes the limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse
from nicegui import app

from routix.core import limits
from routix.core.errors import InvalidUpload, RoutixError

from .auth_routes import AUTH_KEY, csrf_valid

if TYPE_CHECKING:
    from routix.core.services import Services

UPLOAD_PATH = '/upload'
CSRF_HEADER = 'X-CSRF-Token'
TAB_HEADER = 'X-Routix-Tab'
MAX_TAB_KEY = 64


def register(services: Services) -> None:
    """Add ``POST /upload``."""

    @app.post(UPLOAD_PATH, include_in_schema=False)
    async def upload(request: Request) -> JSONResponse:
        user = await services.accounts.user_for_session(request.session.get(AUTH_KEY))
        if user is None or user.id is None:
            return JSONResponse({'code': 'signed_out'}, status_code=401)
        if not csrf_valid(request, request.headers.get(CSRF_HEADER)):
            return JSONResponse({'code': 'csrf'}, status_code=403)
        tab = request.headers.get(TAB_HEADER, '')[:MAX_TAB_KEY]
        try:  # fair use: refused before a byte of the body is read
            await limits.check_upload(db=services.db, settings=services.settings, owner_id=user.id)
        except RoutixError as e:
            services.chat.refuse_upload(owner_id=user.id, tab=tab, error=e)
            return JSONResponse({'code': e.code}, status_code=429)
        limit = services.settings.max_upload_bytes
        declared = request.headers.get('content-length')
        data = None
        if declared is None or (declared.isdecimal() and int(declared) <= limit):
            data = await _read_at_most(request, limit)
        if data is None:
            too_big = InvalidUpload('upload.too_many_bytes', mb=limit // (1024 * 1024))
            services.chat.refuse_upload(owner_id=user.id, tab=tab, error=too_big)
            return JSONResponse({'code': too_big.code}, status_code=413)
        try:
            view = await services.chat.receive_upload(owner_id=user.id, tab=tab, data=data)
        except RoutixError as e:  # the tab has been told already; the browser only needs the status
            return JSONResponse({'code': e.code}, status_code=422)
        return JSONResponse({'id': view.id}, status_code=201)


async def _read_at_most(request: Request, limit: int) -> bytes | None:
    """The body, held in memory, or None as soon as it is longer than ``limit`` (the rest is never read)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)
