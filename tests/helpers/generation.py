"""Waiting for a generation the way a page does: on the service's own events, never on a clock."""

from __future__ import annotations

import asyncio

from routix.generation.service import GenerationService
from routix.generation.views import GenerationView


async def finished(service: GenerationService, owner_id: int, generation_id: int) -> GenerationView:
    """The generation once it completed, failed or was cancelled."""
    updates: asyncio.Queue[GenerationView] = asyncio.Queue()
    service.updates_for(owner_id).subscribe(updates.put_nowait)
    try:
        view = await service.get(owner_id=owner_id, generation_id=generation_id)
        while not view.finished:
            await asyncio.wait_for(updates.get(), timeout=60)
            view = await service.get(owner_id=owner_id, generation_id=generation_id)
        return view
    finally:
        service.updates_for(owner_id).unsubscribe(updates.put_nowait)
