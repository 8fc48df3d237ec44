"""Feed-mockup benchmark: every surface × theme in English and Persian through ``render_feed`` (a real 1280×720
thumbnail from the basic renderer, three comparison pictures on the home grid), ROUNDS timed runs each after a
warm-up, against a bare-Pillow baseline in the same run: the thumbnail resized into a blank canvas of the same device
size and encoded as PNG at the same compression (what any mockup costs at the least). Ends with exactly one summary
line:

    feed median_ms=<float> baseline_ms=<float> ratio=<float>

Run: .venv/bin/python bench/feed.py   (BENCH_ROUNDS=3 for a quick look)
"""

from __future__ import annotations

import functools
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routix import render  # noqa: E402
from routix.design.textlayer import TextLayer  # noqa: E402
from routix.feed import SIZES, SURFACES, FeedRequest, render_feed  # noqa: E402
from routix.feed.mockup import SCALES  # noqa: E402

ROUNDS = int(os.environ.get('BENCH_ROUNDS', '10'))
LAYOUT = {
    'background': {'kind': 'radial'},
    'headline': {
        'box': [64, 120, 700, 360],
        'align': 'left',
        'font_role': 'display',
        'color': '#ffffff',
        'outline': {'width': 8, 'color': '#000000'},
        'uppercase': True,
        'max_lines': 3,
    },
    'subject': {'box': [800, 80, 420, 540], 'shape': 'circle', 'border': {'width': 8, 'color': '#ffffff'}},
    'accents': [],
    'safe_area': [48, 40, 1184, 640],
}


def main() -> None:
    """Print one line per surface, then the summary line."""
    thumbs = {
        'en': _thumbnail('NEW RECORD', 'ltr'),
        'fa': _thumbnail('پیتزا در ۱۰ دقیقه', 'rtl'),
    }
    others = tuple(_solid(colour) for colour in ((40, 90, 160), (200, 120, 40), (60, 140, 90)))
    titles = {'en': 'I beat the speedrun world record (NEW RECORD)', 'fa': 'پیتزا در ۱۰ دقیقه: ساده‌ترین دستور'}
    ours: list[float] = []
    base: list[float] = []
    for surface in SURFACES:
        for theme in ('light', 'dark'):
            for lang in ('en', 'fa'):
                request = FeedRequest(
                    surface=surface,
                    theme=theme,
                    lang=lang,
                    thumbnails=(thumbs[lang],),
                    title=titles[lang],
                    comparisons=others if surface == 'home' else (),
                )
                mockup = _time(functools.partial(render_feed, request))
                baseline = _time(functools.partial(_baseline, thumbs[lang], surface))
                ours.append(mockup)
                base.append(baseline)
                print(f'  {surface:8s} {theme:5s} {lang}  mockup {mockup:7.1f} ms   baseline {baseline:6.1f} ms')
    median, baseline = statistics.median(ours), statistics.median(base)
    print(f'feed median_ms={median:.1f} baseline_ms={baseline:.1f} ratio={median / baseline:.2f}')


def _time(fn: Callable[[], object]) -> float:
    fn()  # warm-up: fonts, caches
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _baseline(thumbnail: bytes, surface: str) -> bytes:
    width, height = SIZES[surface]
    scale = SCALES[surface]
    canvas = Image.new('RGB', (round(width * scale), round(height * scale)), (255, 255, 255))
    picture = Image.open(io.BytesIO(thumbnail)).convert('RGB').resize((round(352 * scale), round(198 * scale)))
    canvas.paste(picture, (round(24 * scale), round(136 * scale)))
    out = io.BytesIO()
    canvas.save(out, format='PNG', compress_level=3)
    return out.getvalue()


def _thumbnail(headline: str, direction: str) -> bytes:
    text = TextLayer(headline=headline, direction=direction)  # type: ignore[arg-type]
    rendered = render.render_thumbnail(
        layout=LAYOUT, palette=['#7c3aed', '#f59e0b', '#ffffff', '#111827'], text=text, seed=7, subject='trophy'
    )
    return rendered.jpeg


def _solid(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new('RGB', (1280, 720), colour).save(out, format='JPEG', quality=85)
    return out.getvalue()


if __name__ == '__main__':
    main()
