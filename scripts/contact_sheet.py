"""Render every template (English and Persian, without and with a photo) into one contact sheet at feed size.

    .venv/bin/python scripts/contact_sheet.py [--out /tmp/contact.png] [--size 168] [--seed 7] [--family news]

Each thumbnail is rendered at 1280×720 as the basic tier does, then shrunk to ``--size`` px wide (168 = the
sidebar) and laid out one template per row: English, English + photo, Persian, Persian + photo. The photo is
scikit-image's public-domain ``astronaut``. The sheet goes to /tmp: it is a run's output, never committed.
"""

from __future__ import annotations

import argparse
import io

from PIL import Image, ImageDraw

from routix.analysis.model import Analysis
from routix.analysis.subjects import subject_for
from routix.design.templates import (
    TemplateSpec,
    effective_palette,
    initial_text_layer,
    layout_for,
    load_templates,
)
from routix.render import compose, paint_background

HEADLINES = {  # (English, Persian) per category: three or four words, as the analyser proposes
    'gaming': ('Boss Fight Secrets', 'راز غول آخر'),
    'tech': ('Best Budget Phone', 'بهترین گوشی ارزان'),
    'education': ('Learn Math Fast', 'ریاضی سریع یاد بگیر'),
    'vlog': ('My Crazy Week', 'هفتهٔ دیوانه من'),
    'cooking': ('Perfect Pizza Dough', 'خمیر پیتزای عالی'),
    'fitness': ('30 Day Abs', 'شکم در ۳۰ روز'),
    'finance': ('$50 A Day', 'روزی ۵۰ دلار'),
    'travel': ('Tokyo On Budget', 'توکیو با بودجه کم'),
    'music': ('Guitar In 10 Days', 'گیتار در ۱۰ روز'),
    'news': ('Election Results Explained', 'نتایج انتخابات'),
    'beauty': ('Glow Up Routine', 'روتین درخشش پوست'),
    'sports': ('Final Match Highlights', 'خلاصه بازی فینال'),
}


def main() -> None:
    """Parse the options, render the sheet, save it and print where."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', default='/tmp/contact.png')
    parser.add_argument('--size', type=int, default=168, help='width of one thumbnail on the sheet')
    parser.add_argument('--seed', type=int, default=7)
    parser.add_argument('--family', default='', help='only templates of this layout family')
    parser.add_argument('--no-photo', action='store_true', help='leave out the photo columns')
    args = parser.parse_args()
    specs = [s for s in load_templates() if not args.family or s.family == args.family]
    photo = None if args.no_photo else _astronaut()
    columns = [(lang, ref) for lang in ('en', 'fa') for ref in ((None,) if photo is None else (None, photo))]
    width, height = args.size, round(args.size * 9 / 16)
    label_w, gap = 230, 4
    sheet = Image.new('RGB', (label_w + len(columns) * (width + gap), len(specs) * (height + gap)), '#202020')
    pen = ImageDraw.Draw(sheet)
    for row, spec in enumerate(specs):
        y = row * (height + gap)
        pen.text((4, y + height // 2 - 12), f'{spec.slug}\n{spec.family}', fill='#dddddd')
        for col, (lang, ref) in enumerate(columns):
            image = render(spec, lang, ref, args.seed)
            small = image.resize((width, height), Image.Resampling.LANCZOS)
            sheet.paste(small, (label_w + col * (width + gap), y))
    sheet.save(args.out)
    print(f'{len(specs)} templates × {len(columns)} → {args.out} ({sheet.width}×{sheet.height})')  # noqa: T201


def render(spec: TemplateSpec, lang: str, reference: bytes | None, seed: int) -> Image.Image:
    """One thumbnail of ``spec`` at 1280×720 with the category's sample headline in ``lang``."""
    english, persian = HEADLINES[spec.category]
    headline = persian if lang == 'fa' else english
    analysis = Analysis(
        category=spec.category,
        style=spec.style,
        mood=spec.mood,
        headline=headline,
        language=lang,
        direction='rtl' if lang == 'fa' else 'ltr',
    )
    palette = effective_palette(spec, analysis)
    layout = layout_for(spec, palette)
    background = paint_background(layout=layout, palette=palette, seed=seed)
    subject = subject_for(subject='', category=spec.category, texts=(english,)).name
    composed = compose(
        background=background,
        layout=layout,
        text=initial_text_layer(spec, analysis),
        reference=reference,
        subject=subject,
        seed=seed,
    )
    return composed.image


def _astronaut() -> bytes:
    from skimage import data  # a test-time package: only the sheet needs it

    out = io.BytesIO()
    Image.fromarray(data.astronaut()).save(out, format='PNG')
    return out.getvalue()


if __name__ == '__main__':
    main()
