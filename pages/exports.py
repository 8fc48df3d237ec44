"""GET /export/variants/{message_id}.zip: a variant set of the signed-in creator as one zip; anyone else gets 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from routix.core.errors import RoutixError

from .ids import parse_id
from .media import not_found, private_file

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the export route (the auth middleware has put the signed-in user id, if any, into request.state)."""

    @app.get('/export/variants/{message_id}.zip', include_in_schema=False)
    async def variants_zip(request: Request, message_id: str) -> Response:
        user_id = getattr(request.state, 'user_id', None)
        number = parse_id(message_id)
        if user_id is None or number is None:
            return not_found()
        try:
            data = await services.variants.export_zip(owner_id=user_id, message_id=number)
        except RoutixError:
            return not_found()
        return private_file(data, 'application/zip', download_as=f'routix-variants-{number}.zip')
