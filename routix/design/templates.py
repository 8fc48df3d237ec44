"""The template library: the JSON layouts in assets/templates, their validation, and what a first render takes."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from routix import colors
from routix.analysis.model import Analysis
from routix.core.errors import InvalidRequest
from routix.design import palette as palette_plan
from routix.design.badge import badge_for
from routix.design.textlayer import TextLayer
from routix.vocabulary import CANVAS_SIZE, CATEGORIES, FONT_ROLES, MOODS, STYLES, TIMESTAMP_ZONE

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / 'assets' / 'templates'
SCRIPTS: tuple[str, ...] = ('latin', 'arabic')
LATIN_ONLY_ROLES = frozenset({'condensed', 'serif'})  # their fonts have no Persian glyphs
BACKGROUND_KINDS: tuple[str, ...] = ('solid', 'linear', 'radial', 'diagonal_stripes', 'split', 'burst', 'dots', 'grid')
STABILITY_STYLES: tuple[str, ...] = tuple(
    'enhance anime photographic digital-art comic-book fantasy-art line-art analog-film neon-punk isometric low-poly '
    'origami modeling-compound cinematic 3d-model pixel-art tile-texture'.split()
)
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
        _check_template(data)
    except _Broken as error:
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


# ---------------------------------------------------------------- colours

_COLOUR = re.compile(r'#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?')


def _valid_colours(colours: list[str] | None) -> list[str]:
    return [c.lower()[:7] for c in colours or [] if isinstance(c, str) and _COLOUR.fullmatch(c)]


# ---------------------------------------------------------------- validation


class _Broken(Exception):
    """One rule of the template format is broken; the message names it."""


_SLUG = re.compile(r'[a-z0-9]+(-[a-z0-9]+)*')
_REQUIRED = tuple(
    'slug name name_fa category style mood palette tags scripts full_bleed stability_style layout'.split()
)
_TEXT_KEYS = ('box', 'align', 'font_role', 'color', 'outline', 'shadow', 'uppercase', 'max_lines')
_ACCENT_KEYS = {
    'badge': ('box', 'color', 'text_color'),  # the words come from the request (TextLayer.badge)
    'arrow': ('from', 'to', 'color', 'width'),
    'shape': ('shape', 'box', 'color'),
    'stripe': ('box', 'color'),
    'glow': ('box', 'color'),
}


def _require(condition: Any, rule: str) -> None:
    if not condition:
        raise _Broken(rule)


def _check_template(data: Any) -> None:
    _require(isinstance(data, dict), 'the file must hold one JSON object')
    missing = [key for key in _REQUIRED if key not in data]
    _require(not missing, f'missing keys: {", ".join(missing)}')
    _require(isinstance(data['slug'], str) and _SLUG.fullmatch(data['slug']), 'slug must be lower-case [a-z0-9-]')
    for key in ('name', 'name_fa'):
        _require(isinstance(data[key], str) and data[key].strip(), f'{key} must be a non-empty string')
    for key, vocabulary in (
        ('category', CATEGORIES),
        ('style', STYLES),
        ('mood', MOODS),
        ('stability_style', STABILITY_STYLES),
    ):
        _require(data[key] in vocabulary, f'{key} {data[key]!r} is not one of {", ".join(vocabulary)}')
    _check_colours(data['palette'], 'palette', low=2, high=5)
    _require(isinstance(data['tags'], list) and all(isinstance(t, str) for t in data['tags']), 'tags must be strings')
    scripts = data['scripts']
    _require(isinstance(scripts, list) and scripts and set(scripts) <= set(SCRIPTS), 'scripts must be latin/arabic')
    _require(isinstance(data['full_bleed'], bool), 'full_bleed must be true or false')
    layout = data['layout']
    _require(isinstance(layout, dict), 'layout must be an object')
    safe = _check_box(layout.get('safe_area'), 'layout.safe_area')
    _check_background(layout.get('background'))
    for part in ('headline', 'subtitle'):
        if part == 'headline' or layout.get(part) is not None:
            _check_text(layout.get(part), part, safe, arabic='arabic' in scripts)
    if layout.get('subject') is not None:
        _check_subject(layout['subject'])
    accents = layout.get('accents', [])
    _require(isinstance(accents, list), 'layout.accents must be a list')
    for index, accent in enumerate(accents):
        _check_accent(accent, f'accents[{index}]', safe)


def _check_background(background: Any) -> None:
    _require(isinstance(background, dict), 'layout.background must be an object')
    _require(
        background.get('kind') in BACKGROUND_KINDS, f'background kind must be one of {", ".join(BACKGROUND_KINDS)}'
    )
    if 'colors' in background:
        _check_colours(background['colors'], 'background.colors', low=1, high=5)
    if 'angle' in background:
        _require(_is_number(background['angle']), 'background.angle must be a number of degrees')


def _check_text(spec: Any, where: str, safe: tuple[int, ...], *, arabic: bool) -> None:
    _require(isinstance(spec, dict), f'{where} must be an object')
    missing = [key for key in _TEXT_KEYS if key not in spec]
    _require(not missing, f'{where} is missing {", ".join(missing)}')
    _check_clear(_check_box(spec['box'], f'{where}.box'), where, safe)
    _require(spec['align'] in ('left', 'center', 'right'), f'{where}.align must be left, center or right')
    _require(spec['font_role'] in FONT_ROLES, f'{where}.font_role must be one of {", ".join(FONT_ROLES)}')
    _require(
        not arabic or spec['font_role'] not in LATIN_ONLY_ROLES,
        f'{where}.font_role {spec["font_role"]!r} has no Persian glyphs, so scripts cannot list arabic',
    )
    _check_colour(spec['color'], f'{where}.color')
    outline = spec['outline']
    _require(
        isinstance(outline, dict) and _is_int(outline.get('width')) and outline['width'] >= 0,
        f'{where}.outline needs a width >= 0',
    )
    _check_colour(outline.get('color'), f'{where}.outline.color')
    shadow = spec['shadow']
    if shadow is not None:
        _require(
            isinstance(shadow, dict)
            and _is_point(shadow.get('offset'), signed=True)
            and _is_number(shadow.get('blur'))
            and shadow['blur'] >= 0,
            f'{where}.shadow needs offset [x, y] and blur >= 0 (or null)',
        )
        _check_colour(shadow.get('color'), f'{where}.shadow.color')
    _require(isinstance(spec['uppercase'], bool), f'{where}.uppercase must be true or false')
    _require(_is_int(spec['max_lines']) and spec['max_lines'] >= 1, f'{where}.max_lines must be >= 1')


def _check_subject(subject: Any) -> None:
    _require(isinstance(subject, dict), 'layout.subject must be an object')
    _check_box(subject.get('box'), 'subject.box')
    _require(subject.get('shape') in ('rect', 'rounded', 'circle'), 'subject.shape must be rect, rounded or circle')
    border = subject.get('border')
    if border is not None:
        _require(
            isinstance(border, dict) and _is_int(border.get('width')) and border['width'] >= 0,
            'subject.border needs a width >= 0 (or null)',
        )
        _check_colour(border.get('color'), 'subject.border.color')


def _check_accent(accent: Any, where: str, safe: tuple[int, ...]) -> None:
    _require(
        isinstance(accent, dict) and accent.get('kind') in _ACCENT_KEYS,
        f'{where}.kind must be one of {", ".join(_ACCENT_KEYS)}',
    )
    missing = [key for key in _ACCENT_KEYS[accent['kind']] if key not in accent]
    _require(not missing, f'{where} ({accent["kind"]}) is missing {", ".join(missing)}')
    _check_colour(accent['color'], f'{where}.color')
    if accent['kind'] == 'arrow':
        width, height = CANVAS_SIZE
        for end in ('from', 'to'):
            point = accent[end]
            _require(_is_point(point) and point[0] <= width and point[1] <= height, f'{where}.{end} must be on canvas')
        _require(_is_int(accent['width']) and accent['width'] > 0, f'{where}.width must be > 0')
        return
    box = _check_box(accent['box'], f'{where}.box')
    if accent['kind'] == 'badge':
        _check_clear(box, f'{where} (badge)', safe)
        _require(isinstance(accent.get('text', ''), str), f'{where}.text must be a string')
        _check_colour(accent['text_color'], f'{where}.text_color')
    if accent['kind'] == 'shape':
        _require(accent['shape'] in ('circle', 'rect', 'triangle'), f'{where}.shape must be circle, rect or triangle')


def _check_box(box: Any, where: str) -> tuple[int, int, int, int]:
    _require(isinstance(box, list) and len(box) == 4 and all(_is_int(v) for v in box), f'{where} must be [x, y, w, h]')
    x, y, w, h = box
    _require(w > 0 and h > 0, f'{where} must have a positive size')
    _require(_inside((x, y, w, h), (0, 0, *CANVAS_SIZE)), f'{where} {box} is outside the {CANVAS_SIZE} canvas')
    return x, y, w, h


def _check_clear(box: tuple[int, ...], where: str, safe: tuple[int, ...]) -> None:
    _require(_inside(box, safe), f'{where} box {list(box)} is outside the safe area {list(safe)}')
    _require(not _intersects(box, TIMESTAMP_ZONE), f'{where} box {list(box)} overlaps the timestamp zone')


def _check_colours(colours: Any, where: str, *, low: int, high: int) -> None:
    _require(isinstance(colours, list) and low <= len(colours) <= high, f'{where} must hold {low}..{high} colours')
    for colour in colours:
        _check_colour(colour, where)


def _check_colour(colour: Any, where: str) -> None:
    _require(isinstance(colour, str) and _COLOUR.fullmatch(colour), f'{where}: {colour!r} is not #rrggbb or #rrggbbaa')


def _inside(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    (x, y, w, h), (ox, oy, ow, oh) = inner, outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _intersects(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_point(value: Any, *, signed: bool = False) -> bool:
    return (
        isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value) and (signed or min(value) >= 0)
    )
