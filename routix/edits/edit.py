"""The value a follow-up request becomes: which aspects of the text layer to change, and by how much."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from routix.edits.describe import describe_edit

SCALE_STEP = 1.25
SCALE_MIN, SCALE_MAX = 0.4, 2.5
MOVE_STEP, MOVE_LIMIT = 80, 400
OUTLINE_STEP, OUTLINE_MAX, OUTLINE_DEFAULT = 3, 20, 6


@dataclass(kw_only=True, slots=True)
class TextEdit:
    """What a follow-up message asks to change; None (or False for ``nudge``) leaves that aspect alone."""

    scale: float | None = None  # factor applied to the layer's scale
    color: str | None = None
    outline_color: str | None = None
    outline_width: int | None = None  # absolute px; 0 removes the outline
    outline_step: int | None = None  # ± px on the current width
    headline: str | None = None
    subtitle: str | None = None
    align: str | None = None  # left | center | right
    nudge: bool = False  # 'a bit left': shift without changing the alignment
    uppercase: bool | None = None
    shadow: bool | None = None
    font_role: str | None = None
    badge: str | None = None  # '' takes the badge off

    def is_empty(self) -> bool:
        """True when the edit changes nothing."""
        return not self.aspect_count()

    def aspect_count(self) -> int:
        """How many aspects the edit changes (``nudge`` only qualifies ``align``)."""
        return sum(getattr(self, f.name) is not None for f in dataclasses.fields(self) if f.name != 'nudge')

    def describe(self, lang: str = 'en') -> str:
        """A short summary for the chat reply: 'Text 25% bigger, colour red' (Persian when ``lang`` is 'fa')."""
        return describe_edit(self, lang)
