"""The protocol every image provider implements, and closing providers (and analysers) at shutdown."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)


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

    async def aclose(self) -> None:
        """Close the provider's HTTP client (called once, at shutdown)."""
        ...


class Closable(Protocol):
    """Something that holds an HTTP client until ``aclose()``: a provider, a chain, an analyser."""

    async def aclose(self) -> None:
        """Release the client."""
        ...


async def close_quietly(*resources: Closable) -> None:
    """Close each distinct resource once (tiers share providers); a failure is logged, never raised."""
    seen: set[int] = set()
    for resource in resources:
        if id(resource) in seen:
            continue
        seen.add(id(resource))
        try:
            await resource.aclose()
        except Exception as exc:  # shutdown must go on to close the rest and the database
            log.debug('closing %r failed: %s', resource, type(exc).__name__)
