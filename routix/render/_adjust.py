"""Background adjustments a version asks for: brightness, contrast, saturation, blur, and the mirror image."""

from __future__ import annotations

from PIL import Image, ImageEnhance, ImageFilter, ImageOps

MAX_BLUR = 40.0


def adjust_background(
    image: Image.Image, *, adjust: dict[str, float] | None = None, mirrored: bool = False
) -> Image.Image:
    """``image`` with the adjustments applied (factors, 1.0 = as is; ``blur`` a radius in px), flipped left↔right when
    ``mirrored``. ``image`` is only read (it may be ``paint_background``'s shared cached canvas): the result is a new
    image, or ``image`` itself when nothing applies."""
    adjust = adjust or {}
    result = image
    if mirrored:
        result = ImageOps.mirror(result)
    for key, enhancer in (
        ('brightness', ImageEnhance.Brightness),
        ('contrast', ImageEnhance.Contrast),
        ('saturation', ImageEnhance.Color),
    ):
        factor = float(adjust.get(key, 1.0))
        if factor != 1.0:
            result = enhancer(result).enhance(max(0.0, min(4.0, factor)))
    radius = min(MAX_BLUR, max(0.0, float(adjust.get('blur', 0.0))))
    if radius:
        result = result.filter(ImageFilter.GaussianBlur(radius))
    return result
