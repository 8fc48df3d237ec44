"""The one owner-checked read of a generation: every query that hands a creator a generation goes through it."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.errors import NotFound
from routix.models import Generation


async def owned_generation(session: AsyncSession, owner_id: int, generation_id: int) -> Generation:
    """``generation_id`` when ``owner_id`` owns it and it is not deleted; NotFound('generation.not_found') otherwise
    (someone else's and a missing one are indistinguishable)."""
    gen = await session.get(Generation, generation_id)
    if gen is None or gen.owner_id != owner_id or gen.deleted_at is not None:
        raise NotFound('generation.not_found')
    return gen
