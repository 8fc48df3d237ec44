"""Finished view objects that cross into the UI: components render them and never reach into storage."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from routix.core.config import Settings
from routix.i18n import t
from routix.models import Generation
from routix.vocabulary import TIERS, GenerationStatus, Stage, Tier

STAGES: tuple[str, ...] = ('queued', 'analysing', 'matching template', 'background', 'composing', 'finalising')
"""the label of each ``Stage``, by its number"""
assert len(STAGES) == len(Stage), 'one label per pipeline stage'
FINISHED = frozenset({GenerationStatus.COMPLETED, GenerationStatus.FAILED, GenerationStatus.CANCELLED})
BASIC_PROVIDER = 'basic'
"""how a row records Routix's own renderer as its provider (the pipeline writes it)"""


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
    emitted_at: float | None = None
    """epoch seconds when the service sent this view as a live update (None when read from the database): a tab
    shows how long the update took to reach it, on whichever process the job ran"""

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
    def requested_tier(self) -> str:
        """The paid tier the creator asked for when the basic renderer made the image instead ('' otherwise).

        Rows from before fallbacks were relabelled keep the paid tier with the basic provider."""
        asked = str(self.match.get('requested_tier') or '')
        if asked and asked != Tier.BASIC:
            return asked
        return str(self.tier) if self.tier != Tier.BASIC and self.provider == BASIC_PROVIDER else ''

    @property
    def made_tier(self) -> Tier:
        """The tier that really made the image."""
        return Tier.BASIC if self.requested_tier else self.tier

    def tier_text(self, lang: str) -> str:
        """What made the image, in ``lang``: 'Premium', or 'Basic — Premium provider unavailable, refunded'."""
        made = t(f'vocab.tier.{self.made_tier}', lang)
        if not (asked := self.requested_tier):
            return made
        key = 'gen.fell_back_refunded' if self.refunded else 'gen.fell_back'
        return t(key, lang, made=made, asked=t(f'vocab.tier.{asked}', lang))

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


@dataclass(kw_only=True, frozen=True, slots=True)
class TierStatus:
    """A tier as the studio offers it: what one generation costs and, when none of its providers is configured,
    the settings the operator can set to enable it (any one of them)."""

    tier: Tier
    cost: int
    missing: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        """True when a generation of this tier is really made by this tier."""
        return not self.missing


def tier_statuses(settings: Settings, configured: Collection[str]) -> list[TierStatus]:
    """Every tier in order; ``configured`` names the paid tiers that have a provider chain on this server."""
    statuses = []
    for name in TIERS:
        tier = Tier(name)
        missing: tuple[str, ...] = ()
        if tier != Tier.BASIC and tier not in configured:
            keys = tuple(_key_setting(p) for p in settings.providers_for(tier))
            missing = keys or (f'ROUTIX_{tier.upper()}_PROVIDERS',)  # an empty chain: the chain setting itself
        statuses.append(TierStatus(tier=tier, cost=settings.cost_of(tier), missing=missing))
    return statuses


def _key_setting(provider: str) -> str:
    """The environment variable of a provider's API key (``stability`` → ``STABILITY_API_KEY``)."""
    info = Settings.model_fields.get(f'{provider}_api_key')
    return info.alias if info is not None and info.alias else f'{provider.upper()}_API_KEY'
