"""A new version from its parent and a ``RecipeChange``: the child's row, and its pixels rendered in one worker call.

``GenerationService.revise`` uses these: it builds the child with ``child_of``, refuses a change that gives the same
recipe, then renders the new recipe in a worker (``render_revision``) and compares it with the parent's JPEG, so
that a change the pixels do not show (a colour the renderer swaps for a readable one, a move clamped at the edge) is
reported honestly as no change instead of claimed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from routix import render
from routix.design.overrides import dressed_for, mirror_text_layer
from routix.design.templates import TemplateSpec
from routix.design.textlayer import TextLayer
from routix.edits.change import RecipeChange, normal_adjust
from routix.generation.recipe import Recipe, box_of, compose_now
from routix.models import Generation, utcnow
from routix.vocabulary import GenerationStatus, Stage, Tier

OVERRIDE_KEYS = ('palette', 'subject', 'subject_box', 'mirrored', 'adjust')
"""what a version may override in its row's ``match`` (``Recipe.of`` reads them back)"""


@dataclass(kw_only=True, slots=True)
class Revision:
    """A new version's encoded image and what was drawn; None from ``render_revision`` means the same pixels."""

    jpeg: bytes
    preview: bytes
    layers: list[dict[str, Any]]
    ms: int


def child_of(parent: Generation, change: RecipeChange, *, old: Recipe, spec: TemplateSpec) -> Generation:
    """The new version's row (not stored): ``parent``'s recipe (``old``) with ``change`` applied on ``spec``."""
    switched = spec.slug != parent.template_slug
    mirrored = old.mirrored if change.mirrored is None else change.mirrored
    text = change.text_layer
    if text is None:
        text = old.text
        if switched:
            text = dressed_for(text, spec.layout['headline'], mirrored=mirrored)
        elif mirrored != old.mirrored:
            text = mirror_text_layer(text)
    subject_box = change.subject_box if change.subject_box is not None else None if switched else old.subject_box
    match = {key: value for key, value in parent.match.items() if key != 'layers'}
    match.update(
        palette=list(change.palette if change.palette is not None else old.palette),
        subject=old.subject if change.subject is None else change.subject,
        subject_box=list(subject_box) if subject_box else None,
        mirrored=mirrored,
        adjust=normal_adjust(old.adjust if change.adjust is None else change.adjust),
    )
    return Generation(
        owner_id=parent.owner_id,
        conversation_id=parent.conversation_id,
        parent_id=parent.id,
        prompt=parent.prompt,
        analysis=dict(parent.analysis),
        template_slug=spec.slug,
        template_score=parent.template_score,
        match=match,
        tier=parent.tier if parent.background_key else Tier.BASIC,  # what really draws it: the basic renderer
        provider=parent.provider,
        model=parent.model,
        status=GenerationStatus.QUEUED,
        background_key=parent.background_key,
        upload_id=change.upload_id if change.upload_id is not None else parent.upload_id,
        text_layer=text.to_dict(),
        seed=parent.seed,
        headline=text.headline[:300],
        category=parent.category,
        notices=[dict(n) for n in parent.notices],
        notice=parent.notice,
    )


def same_recipe(parent: Generation, child: Generation, *, old: Recipe) -> bool:
    """Whether the child would be drawn from exactly the parent's recipe."""
    new_text = TextLayer.from_dict(child.text_layer)
    return (
        child.template_slug == parent.template_slug
        and child.upload_id == parent.upload_id
        and new_text == old.text
        and [c.lower() for c in child.match['palette']] == [c.lower() for c in old.palette]
        and child.match['subject'] == old.subject
        and box_of(child.match['subject_box']) == old.subject_box
        and bool(child.match['mirrored']) == old.mirrored
        and child.match['adjust'] == normal_adjust(old.adjust)
    )


def render_revision(new: Recipe, before: bytes) -> Revision | None:
    """Compose and encode ``new`` (in a worker process); None when its JPEG is byte for byte ``before``, the parent's.

    Rendering is deterministic, so the same pixels give the same JPEG: comparing the encoded bytes tells an edit the
    picture does not show (a colour swapped for a readable one, a move clamped at the edge) without composing the
    parent a second time.
    """
    start = time.perf_counter()
    composed = compose_now(new)
    finished = render.finalise(composed.image)
    if finished.jpeg == before:
        return None
    ms = round((time.perf_counter() - start) * 1000)
    return Revision(jpeg=finished.jpeg, preview=finished.preview, layers=composed.layers, ms=ms)


def complete(child: Generation, revision: Revision, *, image_key: str, preview_key: str) -> None:
    """Fill the child's row with its rendered revision: finished now, its stored keys, timings and the layers it drew
    (as the pipeline stores them for a first render)."""
    child.status, child.stage, child.progress = GenerationStatus.COMPLETED, Stage.FINALISING, 100
    child.image_key, child.preview_key, child.image_bytes = image_key, preview_key, len(revision.jpeg)
    child.timings = {'composing': revision.ms, 'total': revision.ms}
    child.match = {**child.match, 'layers': revision.layers}
    child.started_at = child.finished_at = utcnow()
