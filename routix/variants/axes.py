"""The candidates of a variant set: for one axis, the source's own design first, then the alternatives in order.

A candidate is everything the generation pipeline renders from (template, analysis, seed, reference photo), so a
variant chosen here is re-rendered by the pipeline to the same pixels. The axes steer only their own part:

- ``layout``: the other templates of the category (the same family first), best match first;
- ``colour``: other background and accent colours, given as colours the prompt named (how the palette plan takes
  a creator's colours);
- ``wording``: the headline shortened, as a question, number-led (offline rules, English and Persian);
- ``subject``: the category's other subjects;
- ``crop``: the creator's photo cropped tight, medium and wide around its face (no photo: layout instead).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from PIL import Image

from routix import render
from routix.analysis.model import Analysis
from routix.analysis.subjects import subject_for, subjects
from routix.design.catalog import TemplateCatalog
from routix.design.templates import TemplateSpec, effective_palette

AXES: tuple[str, ...] = ('layout', 'colour', 'wording', 'subject', 'crop')
"""the axes a variant set differs along (``variants.axis.<name>`` is each one's label)"""
PALETTES: tuple[tuple[str, ...], ...] = (  # background first: strong, far apart in hue and lightness
    ('#ffd400', '#111111', '#e63946'),
    ('#0b1d51', '#ffd400', '#00e5ff'),
    ('#e63946', '#ffffff', '#111111'),
    ('#ffffff', '#e63946', '#111111'),
    ('#1b998b', '#fffd82', '#2d3047'),
    ('#6a0dad', '#ffd400', '#ffffff'),
    ('#111111', '#39ff14', '#ff2e63'),
    ('#ff6b00', '#111111', '#ffffff'),
)
CROPS: tuple[tuple[str, float], ...] = (('tight', 1.8), ('medium', 3.2), ('wide', 0.0))  # face heights per crop side
_STOP = frozenset(
    'a an the of to in on for and or with my your our this that is are was i we you it how what why from at by'.split()
)


@dataclass(kw_only=True, slots=True)
class Candidate:
    """One variant the pipeline can render: its template, analysis (headline, colours, subject), seed and photo."""

    label: str
    spec: TemplateSpec
    analysis: Analysis
    seed: int
    reference: bytes | None = None
    reference_changed: bool = False  # a crop of the photo: stored as a new upload when chosen
    choice: int = 0  # which value of the axis (0: the source's own); a reseeded candidate keeps its choice


def candidates(
    axis: str, *, catalog: TemplateCatalog, spec: TemplateSpec, analysis: Analysis, seed: int, reference: bytes | None
) -> tuple[list[Candidate], str]:
    """The candidates of ``axis`` in order (the source's own first) and the axis actually used (crop without a
    photo falls back to layout)."""
    used = 'layout' if axis == 'crop' and reference is None else axis
    own = Candidate(label='A', spec=spec, analysis=analysis, seed=seed, reference=reference)
    makers: dict[str, Callable[[], list[Candidate]]] = {
        'layout': lambda: [replace(own, spec=other) for other in _other_templates(catalog, spec, analysis)],
        'colour': lambda: [replace(own, analysis=replace(analysis, named_colors=p)) for p in _palettes(spec, analysis)],
        'wording': lambda: [replace(own, analysis=replace(analysis, headline=h)) for h in headlines(analysis)],
        'subject': lambda: [
            replace(own, analysis=replace(analysis, subject=s)) for s in _other_subjects(spec, analysis)
        ],
        'crop': lambda: [replace(own, reference=crop, reference_changed=True) for crop in _crops(reference)],
    }
    found = [replace(c, choice=i) for i, c in enumerate([own, *makers[used]()])]
    # a fallback when too alike: the alternatives again with another seed (a new background), the source's own last
    reseeded = [replace(c, seed=c.seed + 7919 * (i + 1)) for i, c in enumerate([*found[1:], found[0]])]
    return [replace(c, label=f'{used}-{i}') for i, c in enumerate(found + reseeded)], used


def headlines(analysis: Analysis) -> list[str]:
    """Offline rewordings of the headline: shorter, a question, number-led (each only when it differs)."""
    persian = analysis.language == 'fa' or analysis.direction == 'rtl'
    words = analysis.headline.rstrip('?!.؟ ').split()
    content = [w for w in words if w.casefold() not in _STOP] or words
    short = (
        ' '.join(content[:3]) if len(content) > 3 else ' '.join(content[:2]) if len(content) > 1 else ' '.join(words)
    )
    number = re.search(r'[\d۰-۹]+', analysis.headline)
    if persian:
        question = f'چرا {short}؟'
        led = f'{number.group()} {short}' if number else f'۳ نکته: {short}'
    else:
        question = f'WHY {short}?' if not analysis.headline.endswith('?') else ' '.join(content)
        led = f'{number.group()} {short}' if number else f'TOP 3: {short}'
    found = [h for h in (short, question, led) if h and h != analysis.headline]
    return list(dict.fromkeys(found))


def _other_templates(catalog: TemplateCatalog, spec: TemplateSpec, analysis: Analysis) -> list[TemplateSpec]:
    ranked = [catalog.get(m.slug) for m in catalog.match(analysis, top_n=len(catalog.specs))]
    same = [s for s in ranked if s.slug != spec.slug and s.category == spec.category and not s.full_bleed]
    family = [s for s in same if spec.family and s.family == spec.family]
    others = [s for s in ranked if s.slug != spec.slug and s not in same and not s.full_bleed]
    return list({s.slug: s for s in [*family, *same, *others]}.values())  # first place kept, once each


def _palettes(spec: TemplateSpec, analysis: Analysis) -> list[list[str]]:
    """The preset palettes that change this template's colours (the plan refuses a background its text cannot read
    on), each giving a palette of its own."""
    seen = {tuple(effective_palette(spec, analysis))}
    found = []
    for preset in PALETTES:
        palette = tuple(effective_palette(spec, replace(analysis, named_colors=list(preset))))
        if palette not in seen:
            seen.add(palette)
            found.append(list(preset))
    return found


def _other_subjects(spec: TemplateSpec, analysis: Analysis) -> list[str]:
    current = subject_for(subject=analysis.subject, category=spec.category, texts=(analysis.headline,)).name
    return [s.name for s in subjects().values() if s.category == spec.category and s.name != current]


def _crops(reference: bytes | None) -> list[bytes]:
    """The photo cropped around its largest face (tight, medium; wide is the photo itself); none without a face."""
    if reference is None:
        return []
    photo = Image.open(io.BytesIO(reference)).convert('RGB')
    faces = render.find_faces(photo)
    if not faces:
        return []
    x0, y0, x1, y1 = faces[0]
    crops = []
    for _name, factor in CROPS:
        if not factor:
            continue
        side = min(photo.height, round((y1 - y0) * factor))
        width = min(photo.width, round(side * 16 / 9))
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2 + (y1 - y0) * 0.3 * (factor / 2)  # a little more below the chin
        left = int(min(max(0, cx - width / 2), photo.width - width))
        top = int(min(max(0, cy - side / 2), photo.height - side))
        crops.append(render.encode_png(photo.crop((left, top, left + width, top + side))))
    return crops
