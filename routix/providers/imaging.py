"""Bring a provider's picture to exactly the canvas size (cover crop), safely.

Providers return whatever their model paints (1536×1024, 1344×768, 1792×1024...). ``cover_crop`` scales the image
so it covers the target and cuts the overflow evenly, like CSS ``object-fit: cover``. The Pillow work takes a few
milliseconds, so adapters run it with ``asyncio.to_thread`` (``fit_to_canvas``) rather than a process pool: the
routix domain stays free of nicegui, and a process hop would cost more than the crop.
"""

from __future__ import annotations

import asyncio
import io
import warnings

from PIL import Image, ImageOps

from routix.core.errors import ProviderUnavailable
from routix.providers.base import ImageRequest, ProviderImage
from routix.providers.retry import annotate

MAX_PIXELS = 40_000_000  # far above any provider's output; anything bigger is not a picture we asked for
_FORMATS = ('PNG', 'JPEG', 'WEBP')


class UnreadableImage(ValueError):
    """The bytes are not a PNG/JPEG/WEBP picture we are willing to decode."""


async def canvas_image(
    data: bytes, request: ImageRequest, *, provider: str, model: str, seed: int | None = None
) -> ProviderImage:
    """A provider's raw image as a ProviderImage of exactly the requested size; unreadable → ProviderUnavailable."""
    try:
        image = await fit_to_canvas(data, request.width, request.height)
    except UnreadableImage as exc:
        error = ProviderUnavailable('provider.unreadable_image')
        raise annotate(error, detail=str(exc)) from None
    return ProviderImage(image=image, provider=provider, model=model, seed=seed)


async def fit_to_canvas(data: bytes, width: int, height: int) -> bytes:
    """``cover_crop`` off the event loop."""
    return await asyncio.to_thread(cover_crop, data, width, height)


def cover_crop(data: bytes, width: int, height: int) -> bytes:
    """Decode ``data``, scale-and-centre-crop it to exactly ``width`` × ``height``, return PNG bytes."""
    image = decode_image(data)
    if image.size != (width, height):
        image = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    out = io.BytesIO()
    image.save(out, format='PNG', compress_level=3)
    return out.getvalue()


def decode_image(data: bytes) -> Image.Image:
    """Open provider bytes as an RGB image, refusing other formats and decompression bombs."""
    if not data:
        raise UnreadableImage('empty image')
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('error', Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_FORMATS) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise UnreadableImage(f'image too large: {opened.width}×{opened.height}')
                opened.load()
                image = opened.convert('RGB') if opened.mode != 'RGB' else opened.copy()
    except UnreadableImage:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableImage(f'not a usable image: {type(exc).__name__}') from None
    return image
