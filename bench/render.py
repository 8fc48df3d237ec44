"""Render benchmark: every template in assets/templates/*.json (or built-in layouts when fewer than 5 load) with an
English and a Persian headline, ROUNDS timed renders each after a warm-up, plus a bare-Pillow baseline in the same
run (linear gradient + one outlined headline + JPEG q85). Before the summary: renders with a subject illustration
(and their ratio to the baseline), the stages of one render, and a creator's photo: the cut-out of a 12-megapixel photo
on its own (decoded, and from the JPEG upload), the first render of an upload (cold) and renders with the photo once
its cut is cached. Ends with exactly one summary line:

    render median_ms=<float> baseline_ms=<float> ratio=<float>

Run: .venv/bin/python bench/render.py   (BENCH_ROUNDS=5 for a quick look)
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routix import render  # noqa: E402
from routix.design.textlayer import TextLayer  # noqa: E402
from routix.render import _background as render_background  # noqa: E402
from routix.render import _photo, fonts  # noqa: E402
from routix.render._accents import draw_accents, draw_subject  # noqa: E402
from routix.render._cutout import cut_out, matte, rim  # noqa: E402
from routix.render._png import encode_png  # noqa: E402
from routix.render._text import draw_text_layer  # noqa: E402
from routix.render._thumbnail import _jpeg  # noqa: E402
from routix.vocabulary import CANVAS_SIZE  # noqa: E402

try:
    from skimage import data as skimage_data

    _HAS_FACE = True
except ImportError:  # the test extra is not installed: the cut-out is timed on the synthetic portrait
    _HAS_FACE = False

ROUNDS = int(os.environ.get('BENCH_ROUNDS', '30'))
ENGLISH, ENGLISH_SUB = 'I Tried Every Budget Gaming Mouse', 'Part 2'
PERSIAN, PERSIAN_SUB = 'بهترین ترفندهای بازی که هیچ‌کس نمی‌گوید', 'قسمت دوم'
_SHADOW = {'offset': [6, 6], 'color': '#000000aa', 'blur': 6}
_BUILTIN_KINDS = [
    ('burst', 'circle', ['#12002b', '#ff00e0', '#00f0ff']),
    ('linear', 'rounded', ['#0f2027', '#2c5364', '#f9d423']),
    ('radial', 'rect', ['#1a1a2e', '#e94560', '#ffffff']),
    ('diagonal_stripes', 'rounded', ['#222222', '#ffcc00', '#ffffff']),
    ('split', 'circle', ['#0b3d91', '#fc3d21', '#ffffff']),
    ('dots', 'rounded', ['#2d0b59', '#ff7ac6', '#ffffff']),
]


def main() -> None:
    """Time every template × language, the stages of one render and the baseline; print the summary line."""
    templates = _templates()
    reference = _reference_photo()
    print(f'fonts: raqm={fonts.has_raqm()} display/latin={Path(fonts.font_report()["roles"]["display"]["latin"]).name}')
    print(f'{len(templates)} templates × 2 languages × {ROUNDS} rounds (after one warm-up each)')
    every: list[float] = []
    for template in templates:
        for language in ('en', 'fa'):
            kwargs = _render_kwargs(template, language, reference)
            times = _time(lambda kwargs=kwargs: render.render_thumbnail(**kwargs), ROUNDS)
            every.extend(times)
            print(f'  {template["slug"]:34} {language}  median {statistics.median(times):6.2f} ms')
    with_subject: list[float] = []  # no photo: the subject's illustration fills the slot (rasters cached)
    for template in templates:
        kwargs = {**_render_kwargs(template, 'en', reference), 'reference': None, 'subject': 'pizza'}
        with_subject.extend(_time(lambda kwargs=kwargs: render.render_thumbnail(**kwargs), ROUNDS))
    print(f'  with a subject illustration, no photo: median {statistics.median(with_subject):6.2f} ms')
    for template in {t['slug']: t for t in (templates[0], _heaviest(templates))}.values():
        _print_stages(template, reference)
    _print_cutout(templates)
    baseline = statistics.median(_baseline_times())
    print(f'  subject illustration vs baseline: ratio={statistics.median(with_subject) / baseline:.2f}')
    median = statistics.median(every)
    print(f'render median_ms={median:.2f} baseline_ms={baseline:.2f} ratio={median / baseline:.2f}')


def _templates() -> list[dict[str, Any]]:
    loaded = []
    for path in sorted((ROOT / 'assets' / 'templates').glob('*.json')):
        try:
            template = json.loads(path.read_text(encoding='utf-8'))
            if isinstance(template.get('layout'), dict):
                loaded.append(template)
        except (OSError, ValueError) as exc:  # another engineer may be mid-write
            print(f'  skipped {path.name}: {exc}')
    return loaded if len(loaded) >= 5 else [_builtin(*spec) for spec in _BUILTIN_KINDS]


def _builtin(kind: str, shape: str, palette: list[str]) -> dict[str, Any]:
    """A representative layout: headline, subtitle, subject slot and the common accents over ``kind``."""
    headline = {
        'box': [64, 120, 700, 360],
        'align': 'left',
        'font_role': 'display',
        'color': '#ffffff',
        'outline': {'width': 8, 'color': '#000000'},
        'shadow': _SHADOW,
        'uppercase': True,
        'max_lines': 3,
    }
    accents = [
        {'kind': 'glow', 'box': [700, 100, 520, 520], 'color': palette[1]},
        {'kind': 'badge', 'box': [64, 48, 180, 56], 'color': palette[1], 'text': 'NEW', 'text_color': '#ffffff'},
        {'kind': 'arrow', 'from': [700, 600], 'to': [790, 480], 'color': '#ffe600', 'width': 18},
        {'kind': 'stripe', 'box': [0, 640, 1280, 80], 'color': '#00000088'},
    ]
    layout = {
        'background': {'kind': kind},
        'headline': headline,
        'subtitle': {'box': [64, 500, 700, 80], 'align': 'left', 'font_role': 'body', 'color': palette[2]},
        'subject': {'box': [800, 80, 420, 540], 'shape': shape, 'border': {'width': 8, 'color': palette[2]}},
        'accents': accents,
        'safe_area': [48, 40, 1184, 640],
    }
    return {'slug': f'builtin-{kind}', 'palette': palette, 'layout': layout}


def _render_kwargs(template: dict[str, Any], language: str, reference: bytes) -> dict[str, Any]:
    layout = template['layout']
    head = layout.get('headline') or {}
    outline = head.get('outline') or {}
    persian = language == 'fa'
    text = TextLayer(
        headline=PERSIAN if persian else ENGLISH,
        subtitle=(PERSIAN_SUB if persian else ENGLISH_SUB) if layout.get('subtitle') else '',
        direction='rtl' if persian else 'ltr',
        subtitle_color=(layout.get('subtitle') or {}).get('color', '#ffffff'),
        font_role=head.get('font_role', 'display'),
        color=head.get('color', '#ffffff'),
        outline_color=outline.get('color', '#000000'),
        outline_width=int(outline.get('width', 0)),
        shadow=bool(head.get('shadow')),
        align=head.get('align', 'left'),
        box=tuple(head.get('box', (64, 120, 700, 360))),
        uppercase=bool(head.get('uppercase', False)),
        max_lines=int(head.get('max_lines', 3)),
    )
    return {
        'layout': layout,
        'palette': template.get('palette') or [],
        'text': text,
        'seed': 1,
        'reference': reference if layout.get('subject') else None,
    }


def _heaviest(templates: list[dict[str, Any]]) -> dict[str, Any]:
    """The first template that has it all: an outlined, shadowed headline, a bordered subject and a badge."""
    for template in templates:
        layout = template['layout']
        head, subject = layout.get('headline') or {}, layout.get('subject') or {}
        badge = any(accent.get('kind') == 'badge' for accent in layout.get('accents') or [])
        if head.get('shadow') and (head.get('outline') or {}).get('width') and subject.get('border') and badge:
            return template
    return templates[-1]


def _print_stages(template: dict[str, Any], reference: bytes) -> None:
    """Where one render's time goes (medians, ms), to see what dominates."""
    kwargs = _render_kwargs(template, 'en', reference)
    layout, palette = kwargs['layout'], kwargs['palette']

    def backdrop() -> None:  # what compose draws before the text, on its own copy of the background
        canvas = background.copy()
        accents = layout.get('accents') or []
        draw_accents(canvas, accents, backdrop=True)
        if layout.get('subject'):
            draw_subject(canvas, layout['subject'], reference)
        draw_accents(canvas, accents, backdrop=False)

    def cold_paint() -> None:
        render_background._painted.cache_clear()
        render_background._linear_mask.cache_clear()
        render_background._radial_mask.cache_clear()
        render.paint_background(layout=layout, palette=palette, seed=1)

    background = render.paint_background(layout=layout, palette=palette, seed=1)
    composed = render.compose(background=background, layout=layout, text=kwargs['text'], reference=reference)
    image = composed.image
    stages: dict[str, Callable[[], object]] = {
        'paint (cached)': lambda: render.paint_background(layout=layout, palette=palette, seed=1),
        'paint (cold)': cold_paint,
        'compose': lambda: render.compose(
            background=background, layout=layout, text=kwargs['text'], reference=reference
        ),
        '  canvas copy': background.copy,
        '  accents + subject (+ copy)': backdrop,
        '  text layer (+ copy)': lambda: draw_text_layer(background.copy(), layout, kwargs['text']),
        'finalise': lambda: render.finalise(image),
        '  jpeg q92 progressive+optimize': lambda: _jpeg(image, 92),
        '  jpeg q92 baseline (no prog/opt)': lambda: image.save(io.BytesIO(), format='JPEG', quality=92),
        '  webp preview': lambda: image.reduce(4).save(io.BytesIO(), format='WEBP', quality=80, method=1),
        '  png master (routix writer)': lambda: encode_png(image),
        '  png master (Pillow level 1)': lambda: image.save(io.BytesIO(), format='PNG', compress_level=1),
    }
    print(f'stages of one render ({template["slug"]}, en), median ms:')
    for name, stage in stages.items():
        print(f'  {name:36} {statistics.median(_time(stage, ROUNDS)):6.2f}')


def _print_cutout(templates: list[dict[str, Any]]) -> None:
    """What a creator's photo costs: the cut-out of a 12-megapixel photo (face search, GrabCut, matte, rim) on its
    own, from the decoded image and from the JPEG upload, and full renders with that photo (cut cached per worker, as
    every template after the first sees it; and cold, the first render of an upload)."""
    big = _face_photo((4000, 3000))
    jpeg = io.BytesIO()
    big.save(jpeg, format='JPEG', quality=90)
    upload = jpeg.getvalue()
    rounds = max(3, min(ROUNDS, 9))

    def cut_decoded() -> None:
        cut = cut_out(big)
        if cut is not None:
            scale = (CANVAS_SIZE[1] - _photo.HEADROOM) / cut.photo.height  # the size a render draws it at
            rim(matte(cut, scale).getchannel('A'), stroke=_photo.STROKE, glow=_photo.GLOW)

    def cut_upload() -> None:
        _photo._cut.cache_clear()
        _photo._drawn.cache_clear()
        _photo._cut(upload)

    with_slot = [t for t in templates if t['layout'].get('subject')] or templates
    kwargs = [{**_render_kwargs(t, 'en', upload), 'reference': upload} for t in with_slot]

    def cold() -> None:
        _photo._cut.cache_clear()
        _photo._drawn.cache_clear()
        render.render_thumbnail(**kwargs[0])

    print(f'cut-out of a 12-megapixel photo ({"a real face" if _HAS_FACE else "no face: salient cut"}), ms:')
    print(f'  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores')
    print(f'  decoded 4000×3000 → cut + matte + rim    {_spread(_time(cut_decoded, rounds))}')
    print(f'  JPEG upload → decode + cut               {_spread(_time(cut_upload, rounds))}')
    print(f'  full render, first of an upload (cold)   {_spread(_time(cold, rounds))}')
    warm: list[float] = []
    for one in kwargs:
        warm.extend(_time(lambda one=one: render.render_thumbnail(**one), max(3, ROUNDS // 3)))
    print(f'  full render with the photo (cut cached)  {_spread(warm)}  ({len(kwargs)} templates)')


def _spread(times: list[float]) -> str:
    """The median and the fastest run (what a quiet machine gives when other work shares these cores)."""
    return f'{statistics.median(times):6.1f}  (fastest {min(times):6.1f})'


def _face_photo(size: tuple[int, int]) -> Image.Image:
    """scikit-image's public-domain astronaut (a real face; scikit-image is a test extra) scaled to ``size``, else the
    synthetic portrait."""
    if _HAS_FACE:
        return Image.fromarray(skimage_data.astronaut()).resize(size, Image.Resampling.BILINEAR)
    with Image.open(io.BytesIO(_reference_photo())) as photo:
        return photo.convert('RGB').resize(size, Image.Resampling.BILINEAR)


def _baseline_times() -> list[float]:
    """Bare Pillow: a linear gradient, one outlined headline, a JPEG at q85."""
    font = fonts.font_for('display', ENGLISH.upper(), 96)

    def baseline() -> None:
        gradient = Image.linear_gradient('L').resize(CANVAS_SIZE)
        image = ImageOps.colorize(gradient, '#0f0c29', '#ff00e0')
        ImageDraw.Draw(image).text(
            (64, 300), ENGLISH.upper()[:18], font=font, fill='white', stroke_width=8, stroke_fill='black'
        )
        image.save(io.BytesIO(), format='JPEG', quality=85)

    return _time(baseline, ROUNDS * 4)


def _time(work: Callable[[], object], rounds: int) -> list[float]:
    work()  # warm-up: fonts, caches, first-call costs
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _reference_photo() -> bytes:
    """A synthetic 768×1024 'portrait' JPEG, like a sanitised upload."""
    photo = ImageOps.colorize(Image.radial_gradient('L').resize((768, 1024)), '#f0c8a0', '#203040')
    ImageDraw.Draw(photo).ellipse((234, 200, 534, 560), fill='#d9a066')
    out = io.BytesIO()
    photo.save(out, format='JPEG', quality=90)
    return out.getvalue()


if __name__ == '__main__':
    main()
