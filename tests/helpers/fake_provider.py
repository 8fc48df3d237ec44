"""An in-process image provider: a real ``ImageProvider`` for tests that need a chain or a paid tier but no HTTP.

The wire-level adapters are tested against the loopback fakes in ``tests/fakes``; this twin stands in for a whole
provider where only the pipeline around it is under test (charging, refunds, the chain's fallback rules).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image

from routix.core.errors import ProviderError
from routix.providers.base import ImageRequest, ProviderImage


class FakeImageProvider:
    """Paints a solid ``colour`` PNG of exactly the requested size, after raising each of ``errors`` once, in order.

    ``requests`` records what it was asked to paint, so a test can check the prompt the pipeline built.
    """

    def __init__(
        self,
        *,
        name: str = 'fake',
        model: str = 'fake-painter',
        colour: str = '#2b6cb0',
        errors: Iterable[ProviderError] = (),
    ) -> None:
        self.name = name
        self.model = model
        self.colour = colour
        self.errors = list(errors)
        self.requests: list[ImageRequest] = []

    def __repr__(self) -> str:
        return f'FakeImageProvider(name={self.name!r}, errors={len(self.errors)})'

    async def generate(self, request: ImageRequest) -> ProviderImage:
        """The next scripted error, or a picture of ``request.width`` × ``request.height``."""
        self.requests.append(request)
        if self.errors:
            raise self.errors.pop(0)
        return ProviderImage(
            image=solid_png(request.width, request.height, self.colour),
            provider=self.name,
            model=self.model,
            seed=request.seed,
        )

    async def check(self) -> str:
        """Reports ok, or the next scripted error (without using it up: a check is not a generation)."""
        if self.errors:
            raise self.errors[0]
        return 'ok'

    async def aclose(self) -> None:
        """Nothing to close: the fake holds no HTTP client."""


def solid_png(width: int, height: int, colour: str) -> bytes:
    """A PNG of one colour; a solid picture compresses to almost nothing, so making one is cheap on the loop."""
    out = io.BytesIO()
    Image.new('RGB', (width, height), colour).save(out, format='PNG')
    return out.getvalue()
