"""What a plan decides outside billing: which tiers an account may generate and whether its exports are marked.

Called by the generation service (a paid tier is refused before anything is charged when the plan lacks it) and by
``master_png`` (a thumbnail drawn with the free watermark exports without it once the owner's plan has none).
"""

from __future__ import annotations

from routix.billing.plans import plan_book
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest
from routix.models import Generation, User


async def check_tier(*, db: Database, settings: Settings, owner_id: int, tier: str) -> None:
    """Raise InvalidRequest('plan.tier_not_included') when the owner's plan does not include ``tier``."""
    async with db.session() as session:
        owner = await session.get(User, owner_id)
    if owner is not None and not plan_book(settings).allows(owner, tier):
        raise InvalidRequest('plan.tier_not_included', plan=owner.plan, tier=tier)


async def exports_unmarked(*, db: Database, settings: Settings, gen: Generation) -> bool:
    """Whether this watermarked thumbnail now exports without its watermark (its owner's plan has none)."""
    if not gen.match.get('watermark'):
        return False
    async with db.session() as session:
        owner = await session.get(User, gen.owner_id)
    return owner is not None and not plan_book(settings).watermarked(owner)
