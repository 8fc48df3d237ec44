"""Regenerate: a new take on a finished thumbnail of the thread that looks new, not like a copy.

A regenerate is a new generation (charged as its tier charges, with a new random seed) of the same prompt, analysis
(with the words the thumbnail shows), template and photo, recorded in the thread as a generation is. The seed varies
the details (the subject's pose, the light, a gradient's angle) and ``seeded_mirror`` turns about half the seeds'
layouts to the other side, the text layer mirrored as "swap sides" mirrors it. Bound to ``ChatService.regenerate``.
"""

from __future__ import annotations

import dataclasses
import io
import random
from typing import TYPE_CHECKING

from PIL import Image

from routix.analysis.model import Analysis
from routix.chat.queries import owned_conversation
from routix.chat.uploads import reference_bytes
from routix.core.errors import InvalidRequest, NotFound
from routix.design.overrides import mirror_text_layer
from routix.design.templates import TemplateSpec, initial_text_layer
from routix.design.textlayer import TextLayer
from routix.design.variation import seeded_mirror
from routix.generation.recipe import Recipe, compose_now
from routix.generation.views import GenerationView
from routix.models import Generation, User
from routix.variants.phash import MIN_DISTANCE, distance, phash
from routix.vocabulary import GenerationStatus, Tier

if TYPE_CHECKING:
    from routix.chat.service import ChatService

TRIES = 4  # seeds tried for a basic regenerate that must look new (each a render in a worker: ~65 ms here)


async def regenerate(
    self: ChatService, *, owner_id: int, conversation_id: int, generation_id: int, seed: int | None = None
) -> GenerationView:
    """Start a new generation like ``generation_id`` (a finished thumbnail of this conversation) with a new seed
    (``seed``, else a random one other than the source's); it becomes the thread's current thumbnail."""
    async with self.db.session() as session:
        await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
        source = await session.get(Generation, generation_id)
        user = await session.get(User, owner_id)
    if source is None or source.owner_id != owner_id or source.deleted_at is not None:
        raise NotFound('generation.not_found')
    if source.conversation_id != conversation_id:
        raise NotFound('generation.not_found')
    if source.status != GenerationStatus.COMPLETED or not source.template_slug:
        raise InvalidRequest('generation.busy')
    spec = self.catalog.get(source.template_slug)
    given, seed = seed, seed if seed is not None else _new_seed(source.seed)
    shown = source.text_layer or {}
    analysis = Analysis.from_dict(source.analysis)
    words = str(shown.get('headline') or analysis.headline)  # as shown: an edit may have changed them
    if words.casefold() != analysis.headline.casefold():  # not just the template's capitals
        analysis = dataclasses.replace(analysis, headline=words)
    analysis = dataclasses.replace(analysis, subtitle=str(shown.get('subtitle', analysis.subtitle)))
    brand_colors = (user.brand_colors if user else None) or None
    layer = initial_text_layer(spec, analysis, brand_colors=brand_colors, prompt=source.prompt)
    if given is None and source.tier == Tier.BASIC and source.image_key:  # the basic picture is known in advance
        seed = await _distinct_seed(self, source, spec, layer, seed)
    mirrored = seeded_mirror(spec, seed)
    view = await self.generation.start(
        owner_id=owner_id,
        prompt=source.prompt,
        tier=source.tier,
        conversation_id=conversation_id,
        analysis=analysis,
        template_slug=spec.slug,
        upload_id=source.upload_id,
        text_layer=mirror_text_layer(layer) if mirrored else layer,
        seed=seed,
        mirrored=mirrored,
    )
    await self._set_last(owner_id, conversation_id, view.id)
    meta = {'kind': 'generation', 'generation_id': view.id, 'regenerated_from': generation_id}
    await self._reply(owner_id, conversation_id, '', meta)
    return view


async def _distinct_seed(self: ChatService, source: Generation, spec: TemplateSpec, layer: TextLayer, seed: int) -> int:
    """The first of a few new seeds whose basic render lies ``MIN_DISTANCE`` pHash bits or more from the source's
    picture (some seeds only nudge details), else the most distant one."""
    assert source.image_key is not None
    before = await self.runtime.cpu(_hash_of, await self.store.get(source.image_key))
    uploads = [source.upload_id] if source.upload_id is not None else []
    found = await reference_bytes(db=self.db, store=self.store, owner_id=source.owner_id, upload_ids=uploads)
    reference = found[0] if found else None
    best = (-1, seed)
    for candidate in [seed, *(_new_seed(source.seed) for _ in range(TRIES - 1))]:
        mirrored = seeded_mirror(spec, candidate)
        row = Generation(
            owner_id=source.owner_id,
            analysis=source.analysis,
            text_layer=(mirror_text_layer(layer) if mirrored else layer).to_dict(),
            seed=candidate,
            match={k: v for k, v in source.match.items() if k in ('palette', 'watermark', 'subject')}
            | ({'mirrored': True} if mirrored else {}),
        )
        recipe = Recipe.of(row, spec=spec, background=None, reference=reference)
        gap = await self.runtime.cpu(_distance_to, recipe, before)
        if gap is None or gap >= MIN_DISTANCE:
            return candidate
        best = max(best, (gap, candidate))
    return best[1]


def _hash_of(data: bytes) -> int:
    return phash(Image.open(io.BytesIO(data)).convert('RGB'))


def _distance_to(recipe: Recipe, before: int) -> int:
    """How many pHash bits the basic render of ``recipe`` lies from ``before`` (runs in a worker)."""
    return distance(phash(compose_now(recipe).image), before)


def _new_seed(old: int) -> int:
    while (seed := random.randrange(1, 2**31)) == old:
        continue
    return seed
