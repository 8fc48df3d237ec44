"""Which colours one render uses: the template's own design, with only the colours the creator named put in.

A render's palette is aligned with the template's *slots*: position 0 is the background, then the template's palette,
then the accent colours its layout draws that the palette does not list. ``recoloured`` repaints every badge, arrow,
shape, glow, subject border and stripe (stripes behind text excepted: text is only checked against the background)
drawn in a slot's template colour with the render's colour at that position.

Brand colours never repaint the background (the account page promises text and accents): the first one that reads
on the background colours the headline, the others take the drawn accent slots. Colours named in the prompt: the
first becomes the background when the template's headline reads on it, the others take the accent slots, and what
is left over colours the headline or the subtitle where it reads. Nothing named: the template's palette, untouched.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from routix import colors

READABLE_CONTRAST = 4.5  # WCAG AA for normal text; thumbnails are seen small, so we do not relax it for big type
RECOLOURED_KINDS = frozenset({'badge', 'arrow', 'shape', 'glow', 'stripe'})


@dataclass(kw_only=True, slots=True)
class ColourPlan:
    """A render's palette (aligned with the template's slots) and named colours the text takes, if any."""

    palette: list[str]
    headline: str | None = None
    subtitle: str | None = None


def plan_colours(
    layout: dict[str, Any], template_palette: list[str], *, named: list[str], brand: list[str]
) -> ColourPlan:
    """Put the creator's ``brand`` colours (or, without them, the prompt's ``named`` ones) into the template."""
    palette = slots(layout, template_palette)
    if brand:
        background = background_colours(layout, palette)
        text = next((c for c in brand if reads_on(c, background)), None)
        left = _fill_accents(layout, palette, [c for c in brand if c != text] or brand)
        return ColourPlan(palette=palette, headline=text, subtitle=_readable(left, background))
    used = {*background_colours(layout, palette), *_accent_colours(layout), *_text_colours(layout)}
    wishes = [c for c in dict.fromkeys(named) if c not in used]
    if wishes and colors.contrast_ratio(_text_colours(layout)[0], wishes[0]) >= READABLE_CONTRAST:
        palette[0] = wishes.pop(0)
    left = _fill_accents(layout, palette, wishes)
    background = background_colours(recoloured(layout, template_palette, palette), palette)
    headline = _readable(left, background)
    return ColourPlan(
        palette=palette, headline=headline, subtitle=_readable([c for c in left if c != headline], background)
    )


def slots(layout: dict[str, Any], template_palette: list[str]) -> list[str]:
    """The template's colours by position: its palette, then the accent colours its layout draws outside it."""
    base = [c.lower()[:7] for c in template_palette]
    return base + [c for c in dict.fromkeys(_accent_colours(layout)) if c not in base]


def recoloured(layout: dict[str, Any], template_palette: list[str], palette: list[str]) -> dict[str, Any]:
    """``layout`` with every accent drawn in a slot's template colour painted in ``palette``'s colour there."""
    template = slots(layout, template_palette)
    chosen = [c.lower()[:7] for c in palette]
    if chosen in (template, template[: len(chosen)]):
        return layout
    swap = {old: new for old, new in zip(template[1:], chosen[1:], strict=False) if old != new}
    result = copy.deepcopy(layout)
    if chosen[0] != template[0]:  # the background follows the palette's first colour
        result['background'] = {k: v for k, v in result['background'].items() if k != 'colors'}
    for item in _recolourable(result):
        colour = str(item['color'])
        if colour.lower()[:7] in swap:
            item['color'] = swap[colour.lower()[:7]] + colour[7:]  # keep the template's transparency
            label = item.get('text_color')
            if label and colors.contrast_ratio(label[:7], item['color'][:7]) < READABLE_CONTRAST:
                item['text_color'] = colors.readable_text_color(item['color'][:7])
    return result


def background_colours(layout: dict[str, Any], palette: list[str]) -> list[str]:
    """The colours a render's ``layout`` paints its background with: its own if it names them, else the palette's.

    Mirrors ``render.paint_background``: from a palette, a solid takes one colour, a burst three (base, wedges, glow)
    and every other kind two.
    """
    background = layout['background']
    used = {'solid': 1, 'burst': 3}.get(background['kind'], 2)
    return [c.lower()[:7] for c in background.get('colors') or palette[:used]]


def reads_on(colour: str, background: list[str]) -> bool:
    """Whether ``colour`` reaches the readable contrast on every background colour."""
    return min(colors.contrast_ratio(colour[:7], c[:7]) for c in background) >= READABLE_CONTRAST


def _fill_accents(layout: dict[str, Any], palette: list[str], wishes: list[str]) -> list[str]:
    """Put ``wishes`` into the slots the layout draws, in slot order; returns the colours left over."""
    drawn = set(_accent_colours(layout))
    wishes = list(wishes)
    for index in range(1, len(palette)):
        if wishes and palette[index] in drawn:
            palette[index] = wishes.pop(0)
    return wishes


def _readable(candidates: list[str], background: list[str]) -> str | None:
    return next((c for c in candidates if reads_on(c, background)), None)


def _text_colours(layout: dict[str, Any]) -> list[str]:
    """The headline's colour, then the subtitle's when there is one."""
    parts = (layout['headline'], layout.get('subtitle') or {})
    return [str(part['color']).lower()[:7] for part in parts if part.get('color')]


def _accent_colours(layout: dict[str, Any]) -> list[str]:
    return [str(item['color']).lower()[:7] for item in _recolourable(layout)]


def _recolourable(layout: dict[str, Any]) -> list[dict[str, Any]]:
    """The accents and the subject border a palette may repaint, in drawing order."""
    texts = [part['box'] for part in (layout.get('headline'), layout.get('subtitle')) if part and part.get('box')]
    items = [
        accent
        for accent in layout.get('accents') or []
        if accent.get('kind') in RECOLOURED_KINDS
        and accent.get('color')
        and not (accent['kind'] == 'stripe' and any(_overlaps(accent.get('box'), box) for box in texts))
    ]
    border = (layout.get('subject') or {}).get('border')
    if border and border.get('color') and border.get('width'):
        items.append(border)
    return items


def _overlaps(a: Any, b: Any) -> bool:
    if not a or not b:
        return False
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
