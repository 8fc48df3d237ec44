"""The closed vocabularies shared by the analyser, the templates, the matcher and the UI."""

from __future__ import annotations

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
TIERS: tuple[str, ...] = ('basic', 'premium', 'pro')
LANGUAGES: tuple[str, ...] = ('en', 'fa', 'mixed')

CANVAS_SIZE: tuple[int, int] = (1280, 720)
PREVIEW_SIZE: tuple[int, int] = (320, 180)
# YouTube draws the video length over the bottom-right corner; nothing important may sit there.
TIMESTAMP_ZONE: tuple[int, int, int, int] = (1060, 620, 220, 100)  # x, y, w, h
MAX_JPEG_BYTES = 2 * 1024 * 1024
