"""GET /media/{key}: a user's images, to their owner only; everything else is an indistinguishable 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response
from nicegui import app

from routix.core.errors import RoutixError, StorageError
from routix.storage import content_type, owner_of

from .ids import parse_id

if TYPE_CHECKING:
    from routix.core.services import Services

HEADERS = {
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
}


def register(services: Services) -> None:
    """Add the media route (the auth middleware has already put the signed-in user id into request.state)."""

    @app.get('/media/{key:path}', include_in_schema=False)
    async def media(request: Request, key: str, download: str = '') -> Response:
        user_id = getattr(request.state, 'user_id', None)
        if user_id is None or owner_of(key) != user_id:
            return not_found()
        try:
            data = await services.store.get(key)
        except StorageError:
            return not_found()
        name = None
        if download == '1':
            token, ext = key.split('/', 1)[1].rsplit('.', 1)
            name = f'routix-{token}.{ext}'
        return private_file(data, content_type(key), download_as=name)

    @app.get('/download/{generation_id}.png', include_in_schema=False)
    async def master_png(request: Request, generation_id: str) -> Response:
        """The lossless PNG master of one of the signed-in creator's thumbnails (rendered on first request)."""
        user_id = getattr(request.state, 'user_id', None)
        number = parse_id(generation_id)
        if user_id is None or number is None:
            return not_found()
        try:
            data = await services.generation.master_png(owner_id=user_id, generation_id=number)
        except RoutixError:
            return not_found()
        return private_file(data, 'image/png', download_as=f'routix-{number}.png')


def private_file(data: bytes, media_type: str, *, download_as: str | None = None) -> Response:
    """A file of the signed-in creator: cached by their browser only, never sniffed or run, saved as ``download_as``
    when given (a name Routix made: no quotes or paths from the request)."""
    headers = dict(HEADERS)
    if download_as is not None:
        headers['Content-Disposition'] = f'attachment; filename="{download_as}"'
    return Response(content=data, media_type=media_type, headers=headers)


def not_found() -> Response:
    """The one answer for missing, foreign, malformed and anonymous requests."""
    return PlainTextResponse('Not Found', status_code=404, headers={'X-Content-Type-Options': 'nosniff'})
