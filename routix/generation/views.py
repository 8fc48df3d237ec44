"""Finished view objects that cross into the UI: components render them and never reach into storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from routix.i18n import t
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
    error: str | None  # English; the only text of a failure stored before codes
    error_code: str | None
    error_params: dict[str, Any]
    notice: str | None  # English; the only text of a notice stored before codes
    notices: list[dict[str, Any]]
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

    def error_text(self, lang: str) -> str | None:
        """Why it failed or was cancelled, in ``lang``, with the refund when there was one; None when it did not."""
        if self.error_code is None:
            return self.error  # stored before failures had codes: its English text as is
        return failure_text(self.error_code, self.error_params, refunded=self.refunded_credits, lang=lang)

    def notice_text(self, lang: str) -> str | None:
        """What the generation adds to its result (e.g. it fell back to the basic renderer), in ``lang``."""
        if not self.notices:
            return self.notice  # None, or a notice stored before notices had codes
        return notices_text(self.notices, lang)

    @property
    def refunded_credits(self) -> int:
        """The credits given back to the creator (0 when none were charged or kept)."""
        return self.credits_charged if self.refunded else 0

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
            error_code=gen.error_code,
            error_params=dict(gen.error_params),
            notice=gen.notice,
            notices=[dict(n) for n in gen.notices],
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


def failure_text(code: str, params: dict[str, Any], *, refunded: int, lang: str) -> str:
    """The text of a stored failure in ``lang``: its error, then the refund when credits went back."""
    text = t(f'error.{code}', lang, **params)
    return f'{text} {t("notice.refunded", lang, n=refunded)}' if refunded else text


def notices_text(notices: list[dict[str, Any]], lang: str) -> str:
    """The text of stored notices (``{'key', 'params'}`` each) in ``lang``, one after the other."""
    return ' '.join(t(notice['key'], lang, **notice.get('params', {})) for notice in notices)
