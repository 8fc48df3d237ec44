"""Neutral neighbour thumbnails: a soft two-colour gradient with a few abstract shapes, the same for the same seed.

They stand in for other creators' videos without copying anyone's picture, and are muted on purpose so they compete
with the creator's thumbnail about as much as a real feed does (colour and a focal shape, no text).
"""

from __future__ import annotations

from PIL import Image, ImageDraw

_PALETTES: tuple[tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]], ...] = (
    ((46, 64, 87), (118, 146, 160), (232, 196, 150)),
    ((94, 60, 48), (201, 140, 96), (246, 228, 196)),
    ((38, 70, 58), (120, 160, 120), (238, 236, 200)),
    ((70, 52, 96), (150, 120, 170), (240, 210, 220)),
    ((30, 36, 48), (84, 98, 120), (250, 180, 90)),
    ((120, 84, 40), (214, 176, 110), (60, 70, 80)),
    ((40, 80, 110), (150, 200, 215), (250, 245, 235)),
    ((86, 40, 50), (190, 110, 110), (250, 225, 200)),
)


def placeholder(seed: int, size: tuple[int, int]) -> Image.Image:
    """An abstract 16:9 picture for neighbour ``seed`` at ``size`` (device pixels)."""
    dark, light, accent = _PALETTES[seed % len(_PALETTES)]
    w, h = size
    corners = Image.new('RGB', (2, 2), dark)  # four corners, bilinear in between: a soft diagonal light
    corners.putpixel((seed % 2, (seed // 2) % 2), light)
    image = corners.resize((w, h), Image.Resampling.BILINEAR, box=(0.5, 0.5, 1.5, 1.5))
    draw = ImageDraw.Draw(image, 'RGBA')
    left = seed % 2 == 0
    # a focal disc (a "subject") on one side, a horizon band and a slab where a headline would sit on the other
    d = int(h * (0.62 + 0.08 * (seed % 3)))
    cx = int(w * (0.28 if left else 0.72))
    cy = int(h * 0.55)
    draw.ellipse((cx - d // 2, cy - d // 2, cx + d // 2, cy + d // 2), fill=(*accent, 200))
    draw.rectangle((0, int(h * 0.78), w, h), fill=(*dark, 90))
    sx = int(w * (0.55 if left else 0.07))
    draw.rounded_rectangle(
        (sx, int(h * 0.18), sx + int(w * 0.36), int(h * 0.42)), radius=max(2, h // 40), fill=(255, 255, 255, 46)
    )
    return image
