"""Finished view objects that cross into the UI: components render them and never reach into storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from routix.models import Generation
from routix.vocabulary import GenerationStatus, Stage, Tier

STAGES: tuple[str, ...] = ('queued', 'analysing', 'matching template', 'background', 'composing', 'finalising')
"""the label of each ``Stage``, by its number"""
assert len(STAGES) == len(Stage), 'one label per pipeline stage'
FINISHED = frozenset({GenerationStatus.COMPLETED, GenerationStatus.FAILED, GenerationStatus.CANCELLED})


def media_url(key: str | None) -> str | None:
    """The owner-checked route an image key is served from."""
    return f'/media/{key}' if key else None


@dataclass(kw_only=True, slots=True)
class GenerationView:
    """A generation as the pages show it."""

    id: int
    owner_id: int
    conversation_id: int | None
    parent_id: int | None
    prompt: str
    headline: str
    category: str
    tier: Tier
    provider: str
    model: str
    status: GenerationStatus
    stage: int
    stage_label: str
    progress: int
    queue_position: int | None
    error: str | None
    notice: str | None
    template_slug: str | None
    template_score: float | None
    credits_charged: int
    refunded: bool
    favourite: bool
    image_url: str | None
    preview_url: str | None
    png_url: str | None
    image_bytes: int
    created_at: datetime
    finished_at: datetime | None
    analysis: dict[str, Any] = field(default_factory=dict)
    match: dict[str, Any] = field(default_factory=dict)
    text_layer: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        """True once completed, failed or cancelled."""
        return self.status in FINISHED

    @classmethod
    def of(cls, gen: Generation, *, queue_position: int | None = None) -> GenerationView:
        """Build the view of a row."""
        assert gen.id is not None
        return cls(
            id=gen.id,
            owner_id=gen.owner_id,
            conversation_id=gen.conversation_id,
            parent_id=gen.parent_id,
            prompt=gen.prompt,
            headline=gen.headline,
            category=gen.category,
            tier=gen.tier,
            provider=gen.provider,
            model=gen.model,
            status=gen.status,
            stage=gen.stage,
            stage_label=STAGES[min(gen.stage, len(STAGES) - 1)],
            progress=gen.progress,
            queue_position=queue_position if gen.status == GenerationStatus.QUEUED else None,
            error=gen.error,
            notice=gen.notice,
            template_slug=gen.template_slug,
            template_score=gen.template_score,
            credits_charged=gen.credits_charged,
            refunded=gen.refunded,
            favourite=gen.favourite,
            image_url=media_url(gen.image_key),
            preview_url=media_url(gen.preview_key),
            png_url=f'/download/{gen.id}.png' if gen.status == GenerationStatus.COMPLETED and gen.image_key else None,
            image_bytes=gen.image_bytes,
            created_at=gen.created_at,
            finished_at=gen.finished_at,
            analysis=dict(gen.analysis),
            match=dict(gen.match),
            text_layer=dict(gen.text_layer),
            timings=dict(gen.timings),
        )
