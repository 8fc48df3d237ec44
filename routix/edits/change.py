"""The value every edit becomes: which parts of a generation's recipe a new version changes (None leaves it alone)."""

from __future__ import annotations

from dataclasses import dataclass

from routix.design.textlayer import TextLayer

ADJUST_KEYS = ('brightness', 'contrast', 'saturation', 'blur')
"""background adjustments: factors (1.0 = as is) and a blur radius in px (0 = none)"""
NEUTRAL_ADJUST = {'brightness': 1.0, 'contrast': 1.0, 'saturation': 1.0, 'blur': 0.0}


@dataclass(kw_only=True, frozen=True, slots=True)
class RecipeChange:
    """A new version's recipe relative to its parent; ``GenerationService.revise`` renders it without a provider."""

    text_layer: TextLayer | None = None  # the whole new text layer (headline/subtitle/colours/box/offset/scale/badge…)
    palette: list[str] | None = None  # new palette (background first, then accents)
    subject: str | None = None  # illustrated subject name ('' = none)
    subject_box: tuple[int, int, int, int] | None = None  # absolute x, y, w, h of the subject/photo slot on 1280×720
    template_slug: str | None = None  # switch template/layout, keeping text, subject and colours
    upload_id: int | None = None  # "use my photo"
    mirrored: bool | None = None  # swap sides (also used for right-to-left language versions)
    adjust: dict[str, float] | None = None  # brightness, contrast, saturation (1.0 = as is), blur (px)

    def is_empty(self) -> bool:
        """True when nothing is asked to change."""
        return all(getattr(self, name) is None for name in self.__slots__)  # type: ignore[attr-defined]


def normal_adjust(adjust: dict[str, float] | None) -> dict[str, float]:
    """Only the adjustments that do something, rounded (so 'as is' compares equal however it was reached)."""
    result: dict[str, float] = {}
    for key in ADJUST_KEYS:
        value = round(float((adjust or {}).get(key, NEUTRAL_ADJUST[key])), 3)
        if value != NEUTRAL_ADJUST[key]:
            result[key] = value
    return result
