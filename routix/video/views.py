"""What the chat page is told about a video: its stage, how far the search got, and the frames it offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from routix.core.errors import RoutixError


@dataclass(kw_only=True, slots=True)
class FrameView:
    """One offered frame: its rank (1 = best), time, score, faces, reasons and a small preview (data URL)."""

    rank: int
    time_s: float
    score: float
    faces: int
    reasons: list[str]
    preview: str


@dataclass(kw_only=True, slots=True)
class VideoUpdate:
    """A video of one tab changed stage; ``share`` is how much of it was searched (0..1)."""

    tab: str
    token: str
    stage: Literal['stored', 'mining', 'done', 'failed']
    share: float = 0.0
    frames: list[FrameView] = field(default_factory=list)
    error: RoutixError | None = None
    duration_s: float = 0.0
    """the video's length (known once it is done: the strip's scrubber goes up to it)"""
