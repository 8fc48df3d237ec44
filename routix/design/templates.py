"""The template library: the JSON layouts in assets/templates, their validation, and what a first render takes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from routix import colors
from routix.analysis.model import Analysis
from routix.core.errors import InvalidRequest
from routix.design import palette as palette_plan
from routix.design.badge import badge_for
from routix.design.template_rules import (
    BACKGROUND_KINDS,
    COLOUR,
    FAMILIES,
    LATIN_ONLY_ROLES,
    SCRIPTS,
    STABILITY_STYLES,
    TemplateBroken,
    check_template,
)
from routix.design.textlayer import TextLayer

__all__ = [  # the format's names are re-exported: pages and tests import them from here
    'BACKGROUND_KINDS',
    'FAMILIES',
    'LATIN_ONLY_ROLES',
    'SCRIPTS',
    'STABILITY_STYLES',
    'TEMPLATE_DIR',
    'TemplateSpec',
    'background_colors',
    'contrast_ratio',
    'effective_palette',
    'initial_text_layer',
    'layout_for',
    'load_templates',
    'parse_template',
    'reads_on',
    'scripts_of',
]

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / 'assets' / 'templates'
# Arabic, Arabic Supplement + Extended-A, Presentation Forms A and B (Persian letters and digits live here).
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
READABLE_CONTRAST = palette_plan.READABLE_CONTRAST


@dataclass(kw_only=True, slots=True)
class TemplateSpec:
    """One validated layout of the template library (see assets/templates/README.md)."""

    slug: str
    name: str
    name_fa: str
    category: str
    family: str = ''  # one of FAMILIES (a stored spec from before families has none)
    style: str
    mood: str
    palette: list[str]  # background first, accents after
    tags: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=lambda: ['latin'])
    full_bleed: bool = False
    stability_style: str = 'enhance'
    layout: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in the file format."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TemplateSpec:
        """Rebuild from ``to_dict`` output (or a template file), ignoring unknown keys; does not validate."""
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


def load_templates(directory: Path | None = None) -> list[TemplateSpec]:
    """Read and validate every ``*.json`` in ``directory`` (default: assets/templates), sorted by slug."""
    folder = directory or TEMPLATE_DIR
    if not folder.is_dir():
        raise InvalidRequest('template.folder_missing', folder=folder.name)
    files: dict[str, str] = {}
    specs: list[TemplateSpec] = []
    for path in sorted(folder.glob('*.json')):
        try:
            data = json.loads(path.read_text(encoding='utf-8'))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InvalidRequest('template.unreadable', file=path.name, detail=str(error)) from error
        spec = parse_template(data, source=path.name)
        if spec.slug in files:
            raise InvalidRequest('template.duplicate_slug', file=path.name, slug=spec.slug, other=files[spec.slug])
        files[spec.slug] = path.name
        specs.append(spec)
    return sorted(specs, key=lambda spec: spec.slug)


def parse_template(data: Any, *, source: str) -> TemplateSpec:
    """Validate one template dict against the README rules; ``source`` names it in the error."""
    try:
        check_template(data)
    except TemplateBroken as error:
        raise InvalidRequest('template.invalid', file=source, detail=str(error)) from None
    return TemplateSpec.from_dict(data)


def initial_text_layer(
    spec: TemplateSpec, analysis: Analysis, *, brand_colors: list[str] | None = None, prompt: str = ''
) -> TextLayer:
    """The text layer of a first render: the analysis's words dressed in the template's headline spec.

    A template's badge slot gets words only when the request (``prompt``, else the headline and subtitle) names
    something a badge can truthfully say, spelled in the headline's language (``design.badge``); otherwise none.

    The headline takes the first brand colour that reads on the background, or a colour named in the prompt that the
    accents had no room for (see ``design.palette``). Otherwise the template's colour stays, unless it does not read on
    the background and nothing else rescues it (no outline, or a background the template was not designed for): then
    black or white.
    """
    head = spec.layout['headline']
    sub = spec.layout.get('subtitle') or head
    plan = _plan(spec, analysis, brand_colors)
    background = background_colors(spec, plan.palette)
    color = plan.headline or head['color']
    if not plan.headline and not reads_on(color, background) and (brand_colors or head['outline']['width'] == 0):
        color = max(('#ffffff', '#000000'), key=lambda c: min(contrast_ratio(c, b) for b in background))
    head_upper = head['uppercase'] and 'arabic' not in scripts_of(analysis.headline)
    sub_upper = sub['uppercase'] and 'arabic' not in scripts_of(analysis.subtitle)
    align = 'right' if analysis.direction == 'rtl' and head['align'] == 'left' else head['align']
    x, y, width, height = head['box']
    has_slot = any(accent['kind'] == 'badge' for accent in spec.layout.get('accents', []))
    request = prompt or f'{analysis.headline}\n{analysis.subtitle}'
    badge = badge_for(request, persian='arabic' in scripts_of(analysis.headline)) if has_slot else ''
    return TextLayer(
        headline=analysis.headline.upper() if head_upper else analysis.headline,
        subtitle=analysis.subtitle.upper() if sub_upper else analysis.subtitle,
        direction=analysis.direction,
        font_role=head['font_role'],
        color=color,
        outline_color=head['outline']['color'],
        outline_width=head['outline']['width'],
        shadow=head['shadow'] is not None,
        subtitle_color=plan.subtitle or sub['color'],
        align=align,
        box=(x, y, width, height),
        uppercase=head_upper,
        max_lines=head['max_lines'],
        badge=badge,
    )


def effective_palette(spec: TemplateSpec, analysis: Analysis, *, brand_colors: list[str] | None = None) -> list[str]:
    """The palette of one render, background first, aligned with the template's colour slots (``design.palette``).

    Only colours the creator named change it: brand colours (text and accents, never the background) or, without
    them, the colours the prompt names. A prompt that names none keeps the template's designed palette.
    """
    return _plan(spec, analysis, brand_colors).palette


def layout_for(spec: TemplateSpec, palette: list[str]) -> dict[str, Any]:
    """The layout one render draws: accents in the palette's colours; a new first colour repaints the background."""
    return palette_plan.recoloured(spec.layout, spec.palette, palette)


def background_colors(spec: TemplateSpec, palette: list[str]) -> list[str]:
    """The colours the background is painted with (mirrors ``render.paint_background``)."""
    return palette_plan.background_colours(layout_for(spec, palette), palette or spec.palette)


def reads_on(colour: str, background: list[str]) -> bool:
    """Whether ``colour`` is readable (WCAG AA) on every colour of ``background``."""
    return palette_plan.reads_on(colour, background)


def _plan(spec: TemplateSpec, analysis: Analysis, brand_colors: list[str] | None) -> palette_plan.ColourPlan:
    named = _valid_colours(analysis.named_colors)
    return palette_plan.plan_colours(spec.layout, spec.palette, named=named, brand=_valid_colours(brand_colors)[:5])


def scripts_of(text: str) -> frozenset[str]:
    """The scripts of ``text``: 'arabic' (Persian too) and/or 'latin'; digits and symbols count as neither."""
    found = set()
    for char in text:
        point = ord(char)
        if any(low <= point <= high for low, high in _ARABIC_BLOCKS):
            found.add('arabic')
        elif char.isalpha() and (point < 0x0250 or 0x1E00 <= point <= 0x1EFF):
            found.add('latin')
    return frozenset(found)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two '#rrggbb[aa]' colours (alpha ignored), 1..21."""
    return colors.contrast_ratio(first[:7], second[:7])


def _valid_colours(colours: list[str] | None) -> list[str]:
    return [c.lower()[:7] for c in colours or [] if isinstance(c, str) and COLOUR.fullmatch(c)]
