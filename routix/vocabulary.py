"""The closed vocabularies shared by the analyser, the templates, the matcher and the UI."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Tier(StrEnum):
    """How a generation's picture is made: Routix's own renderer, or a paid provider chain."""

    BASIC = 'basic'
    PREMIUM = 'premium'
    PRO = 'pro'


class GenerationStatus(StrEnum):
    """Where a generation is in its life; the last three are final."""

    QUEUED = 'queued'
    PROCESSING = 'processing'
    COMPLETED = 'completed'
    FAILED = 'failed'  # an interruption by a restart is recorded as failed, with its own message
    CANCELLED = 'cancelled'


class Stage(IntEnum):
    """The pipeline stage a generation is in (stored as its number; 0 while queued)."""

    QUEUED = 0
    ANALYSING = 1
    MATCHING = 2
    BACKGROUND = 3
    COMPOSING = 4
    FINALISING = 5


CATEGORIES: tuple[str, ...] = (
    'gaming',
    'tech',
    'education',
    'vlog',
    'cooking',
    'fitness',
    'finance',
    'travel',
    'music',
    'news',
    'beauty',
    'sports',
)
STYLES: tuple[str, ...] = ('bold', 'minimal', 'neon', 'cinematic', 'playful', 'elegant', 'retro', 'clean')
MOODS: tuple[str, ...] = ('energetic', 'calm', 'dramatic', 'fun', 'serious', 'mysterious', 'inspiring', 'urgent')
FONT_ROLES: tuple[str, ...] = ('display', 'heavy', 'condensed', 'rounded', 'serif', 'body')
TIERS: tuple[str, ...] = tuple(tier.value for tier in Tier)
LANGUAGES: tuple[str, ...] = ('en', 'fa', 'mixed')

CANVAS_SIZE: tuple[int, int] = (1280, 720)
PREVIEW_SIZE: tuple[int, int] = (320, 180)
# YouTube draws the video length over the bottom-right corner; nothing important may sit there.
TIMESTAMP_ZONE: tuple[int, int, int, int] = (1060, 620, 220, 100)  # x, y, w, h
MAX_JPEG_BYTES = 2 * 1024 * 1024
