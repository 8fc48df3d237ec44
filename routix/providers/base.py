"""The protocol every image provider implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(kw_only=True, slots=True)
class ImageRequest:
    """What to paint as the background; the text layer is composed by Routix afterwards."""

    prompt: str  # visual description built from the analysis (no headline text unless full_bleed)
    negative_prompt: str = 'text, letters, watermark, logo, blurry'
    style_preset: str | None = None  # Stability style preset from the template
    reference: bytes | None = None  # a sanitised PNG of the creator's reference image
    seed: int = 0
    width: int = 1280
    height: int = 720


@dataclass(kw_only=True, slots=True)
class ProviderImage:
    """A provider's answer, already cropped/resized to exactly width × height."""

    image: bytes  # PNG bytes, exactly request.width × request.height
    provider: str
    model: str
    seed: int | None = None


class ImageProvider(Protocol):
    """Paints a background image for a request."""

    name: str
    model: str

    async def generate(self, request: ImageRequest) -> ProviderImage:
        """Generate one image; raises a routix.errors.ProviderError subclass on failure."""
        ...

    async def check(self) -> str:
        """A cheap call that proves the key and endpoint work; returns a short status text."""
        ...
