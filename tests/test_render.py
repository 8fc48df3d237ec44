"""The basic renderer: sizes and limits of the outputs, text placement, Persian shaping, reference, watermark."""

from __future__ import annotations

import dataclasses
import io
import pickle
import random
from itertools import combinations
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from routix.core.errors import ProviderUnavailable
from routix.design.textlayer import TextLayer
from routix.render import compose, finalise, fit_background, fonts, paint_background, render_thumbnail
from routix.vocabulary import CANVAS_SIZE, MAX_JPEG_BYTES, PREVIEW_SIZE, TIMESTAMP_ZONE

PALETTE = ['#0f0c29', '#ff00e0', '#00f0ff']
PERSIAN = 'بهترین ترفندهای بازی که هیچ‌کس به شما نمی‌گوید'
LONG = ('How I built a thumbnail studio in a weekend and what went wrong with fonts, shaping, and speed ' * 2)[:150]
KINDS = ('solid', 'linear', 'radial', 'diagonal_stripes', 'split', 'burst', 'dots', 'grid')
SAFE_AREA = (48, 40, 1184, 640)


def _layout(**changes: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        'background': {'kind': 'linear', 'colors': ['#0f0c29', '#302b63'], 'angle': 135},
        'headline': {'box': [64, 120, 700, 360], 'shadow': {'offset': [6, 6], 'color': '#000000aa', 'blur': 6}},
        'subtitle': {'box': [64, 500, 700, 80], 'font_role': 'body', 'max_lines': 1},
        'subject': {'box': [800, 80, 420, 540], 'shape': 'rounded', 'border': {'width': 8, 'color': '#00f0ff'}},
        'accents': [
            {'kind': 'badge', 'box': [64, 48, 180, 56], 'color': '#ff00e0', 'text': 'NEW', 'text_color': '#ffffff'},
            {'kind': 'arrow', 'from': [700, 600], 'to': [790, 480], 'color': '#ffe600', 'width': 18},
            {'kind': 'shape', 'shape': 'circle', 'box': [900, 60, 300, 300], 'color': '#ff00e044'},
            {'kind': 'stripe', 'box': [0, 640, 1280, 80], 'color': '#00000088'},
            {'kind': 'glow', 'box': [700, 100, 520, 520], 'color': '#ff00e0'},
        ],
        'safe_area': list(SAFE_AREA),
    }
    layout.update(changes)
    return layout


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format='PNG')
    return out.getvalue()


def _compose(text: TextLayer, **kwargs: Any) -> Any:
    layout = kwargs.pop('layout', None) or _layout()
    background = paint_background(layout=layout, palette=PALETTE, seed=7)
    return compose(background=background, layout=layout, text=text, **kwargs)


def _inside(box: tuple[int, int, int, int], area: tuple[int, int, int, int]) -> bool:
    return area[0] <= box[0] and area[1] <= box[1] and box[2] <= area[2] and box[3] <= area[3]


def _hits_timestamp(box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = TIMESTAMP_ZONE
    return box[0] < x + w and box[2] > x and box[1] < y + h and box[3] > y


def test_outputs_have_the_upload_sizes_and_formats() -> None:
    text = TextLayer(headline='I tried the fastest build ever', subtitle='and it broke', uppercase=True)
    result = render_thumbnail(
        layout=_layout(), palette=PALETTE, text=text, seed=1, reference=_png(_solid('red')), master=True
    )
    with Image.open(io.BytesIO(result.jpeg)) as jpeg:
        assert (jpeg.format, jpeg.size, jpeg.mode) == ('JPEG', CANVAS_SIZE, 'RGB')
        assert 'exif' not in jpeg.info and 'comment' not in jpeg.info and 'icc_profile' not in jpeg.info
    assert len(result.jpeg) <= MAX_JPEG_BYTES and result.jpeg_quality == 92
    with Image.open(io.BytesIO(result.preview)) as preview:
        assert (preview.format, preview.size) == ('WEBP', PREVIEW_SIZE)
    assert result.png is not None
    with Image.open(io.BytesIO(result.png)) as master:
        assert (master.format, master.size, master.mode) == ('PNG', CANVAS_SIZE, 'RGB')
        master.load()
    assert result.text_boxes


def test_noise_worst_case_still_fits_two_megabytes() -> None:
    noise = Image.frombytes('RGB', CANVAS_SIZE, random.Random(3).randbytes(CANVAS_SIZE[0] * CANVAS_SIZE[1] * 3))
    text = TextLayer(headline='Static', shadow=False)
    result = render_thumbnail(layout=_layout(), palette=PALETTE, text=text, seed=1, background=_png(noise))
    assert len(result.jpeg) <= MAX_JPEG_BYTES
    with Image.open(io.BytesIO(result.jpeg)) as jpeg:
        assert jpeg.size == CANVAS_SIZE
    print(f'noise: {len(result.jpeg) / 1e6:.2f} MB at quality {result.jpeg_quality}')


def test_jpeg_quality_steps_down_until_the_limit_is_met() -> None:
    noise = Image.frombytes('RGB', CANVAS_SIZE, random.Random(5).randbytes(CANVAS_SIZE[0] * CANVAS_SIZE[1] * 3))
    finished = finalise(noise, max_bytes=700_000)
    assert finished.jpeg_quality < 92
    assert len(finished.jpeg) <= 700_000


def test_master_png_is_lossless() -> None:
    composed = _compose(TextLayer(headline='Lossless'))
    assert finalise(composed.image).png is None  # only made on request
    png = finalise(composed.image, master=True).png
    assert png is not None
    with Image.open(io.BytesIO(png)) as master:
        assert master.tobytes() == composed.image.tobytes()


def test_every_background_kind_renders_and_differs() -> None:
    images = {}
    for kind in KINDS:
        image = paint_background(layout={'background': {'kind': kind}}, palette=PALETTE, seed=5)
        assert (image.size, image.mode) == (CANVAS_SIZE, 'RGB')
        images[kind] = image.tobytes()
    for first, second in combinations(KINDS, 2):
        assert images[first] != images[second], (first, second)


def test_background_is_deterministic_for_a_seed_and_varies_with_it() -> None:
    layout = {'background': {'kind': 'burst'}}
    same = [paint_background(layout=layout, palette=PALETTE, seed=11).tobytes() for _ in range(2)]
    assert same[0] == same[1]
    assert paint_background(layout=layout, palette=PALETTE, seed=12).tobytes() != same[0]


def test_render_is_deterministic_for_a_seed() -> None:
    kwargs: dict[str, Any] = {'layout': _layout(), 'palette': PALETTE, 'seed': 4, 'watermark': True}
    text = TextLayer(headline=PERSIAN, direction='rtl', subtitle='قسمت دوم')
    first, second = (
        render_thumbnail(text=text, master=True, **kwargs),
        render_thumbnail(text=text, master=True, **kwargs),
    )
    assert first.jpeg == second.jpeg and first.png == second.png and first.text_boxes == second.text_boxes


@pytest.mark.parametrize(
    'text',
    [
        TextLayer(headline='WIN', uppercase=True),
        TextLayer(headline=LONG, subtitle=LONG, uppercase=True, max_lines=3),
        TextLayer(headline=PERSIAN, subtitle='قسمت دوم', direction='rtl', align='right'),
        TextLayer(headline='x' * 150),
        TextLayer(headline=LONG, box=(900, 500, 380, 200), align='right'),  # asks for the timestamp corner
        TextLayer(headline=PERSIAN, direction='rtl', box=(1000, 560, 280, 160)),  # starts inside it
        TextLayer(headline='Pushed right', box=(600, 400, 600, 300), offset_x=900, scale=2.0),
        TextLayer(headline='Pushed left', box=(64, 120, 700, 360), offset_x=-500),
    ],
    ids=['short', 'long', 'persian', 'one-word', 'timestamp-corner', 'inside-timestamp', 'offset-right', 'offset-left'],
)
def test_text_stays_in_the_safe_area_and_clear_of_the_timestamp(text: TextLayer) -> None:
    composed = _compose(text, layout=_layout(subtitle={'box': [64, 560, 1184, 100]}))
    safe = (SAFE_AREA[0], SAFE_AREA[1], SAFE_AREA[0] + SAFE_AREA[2], SAFE_AREA[1] + SAFE_AREA[3])
    assert composed.text_boxes
    for box in composed.text_boxes:
        assert _inside(box, safe), box
        assert not _hits_timestamp(box), box


def test_scale_makes_a_short_headline_bigger() -> None:
    def headline_box(scale: float) -> tuple[int, int, int, int]:
        return _compose(TextLayer(headline='WIN', scale=scale), layout=_layout(accents=[])).text_boxes[0]

    normal, bigger = headline_box(1.0), headline_box(1.5)
    assert bigger[2] - bigger[0] > normal[2] - normal[0]
    assert bigger[3] - bigger[1] > normal[3] - normal[1]


@pytest.mark.parametrize(
    ('align', 'direction'), [('left', 'ltr'), ('right', 'ltr'), ('center', 'ltr'), ('left', 'rtl')]
)
def test_alignment_follows_the_box_and_mirrors_for_rtl(align: str, direction: str) -> None:
    headline = PERSIAN if direction == 'rtl' else 'Align me'
    text = TextLayer(headline=headline, direction=direction, align=align, shadow=False, box=(100, 150, 800, 300))
    (box,) = _compose(text, layout=_layout(accents=[])).text_boxes[:1]
    if align == 'left' and direction == 'ltr':
        assert box[0] == 100
    elif align == 'right' or direction == 'rtl':  # 'left' on right-to-left text means the reading start: right
        assert box[2] == 900
    else:
        assert abs((box[0] + box[2]) / 2 - 500) <= 1


def test_uppercase_changes_latin_only() -> None:
    def pixels(headline: str, uppercase: bool) -> bytes:
        text = TextLayer(headline=headline, uppercase=uppercase)
        return _compose(text, layout=_layout(accents=[])).image.tobytes()

    assert pixels('hello world', uppercase=True) == pixels('HELLO WORLD', uppercase=False)
    assert pixels(PERSIAN, uppercase=True) == pixels(PERSIAN, uppercase=False)


def _skip_without_arabic_font() -> None:
    if not fonts.font_report()['roles']['display']['arabic'].endswith(('.ttf', '.otf')):
        pytest.skip('no Arabic-capable font installed (fonts-dejavu-core, fonts-noto-core or scripts/install_fonts.sh)')


def test_rtl_shaping_joins_persian_letters() -> None:
    if not fonts.has_raqm():
        pytest.skip('Pillow has no libraqm here: Persian cannot be shaped (install libraqm0 / libfribidi0)')
    _skip_without_arabic_font()
    path = fonts.font_for('display', PERSIAN, 72).path  # type: ignore[union-attr]
    word = 'بهترین ترفندها'

    def draw(layout: ImageFont.Layout, **shaping: Any) -> bytes:
        font = ImageFont.truetype(path, 72, layout_engine=layout)
        canvas = Image.new('L', (900, 160))
        ImageDraw.Draw(canvas).text((20, 20), word, font=font, fill=255, **shaping)
        return canvas.tobytes()

    shaped = draw(ImageFont.Layout.RAQM, direction='rtl', language='fa')
    assert shaped != draw(ImageFont.Layout.BASIC)


def test_persian_headline_renders_real_glyphs_not_tofu() -> None:
    _skip_without_arabic_font()

    def composed(headline: str) -> Any:
        text = TextLayer(headline=headline, direction='rtl', shadow=False, outline_width=0, color='#ffffff')
        return _compose(text, layout=_layout(accents=[], background={'kind': 'solid', 'colors': ['#000000']}))

    persian = composed(PERSIAN)
    tofu = composed('\U0010fffd' * len(PERSIAN.replace(' ', '')))
    assert persian.image.tobytes() != tofu.image.tobytes()
    x0, y0, x1, y1 = persian.text_boxes[0]
    ink = persian.image.crop((x0, y0, x1, y1)).convert('L').point(lambda v: 255 if v > 200 else 0)
    assert ink.getbbox() is not None
    assert sum(ink.histogram()[255:]) > 0.05 * (x1 - x0) * (y1 - y0)


def test_reference_image_fills_the_subject_slot() -> None:
    for shape in ('rect', 'rounded', 'circle'):
        layout = _layout(accents=[], subject={'box': [800, 80, 420, 540], 'shape': shape, 'border': None})
        image = _compose(TextLayer(headline='Look'), layout=layout, reference=_png(_solid('red'))).image
        red = image.getpixel((1010, 350))
        assert red[0] > 240 and red[1] < 20 and red[2] < 20, shape
        corner = image.getpixel((802, 82))
        assert (corner[0] > 240 and corner[1] < 20) == (shape == 'rect'), shape


def test_reference_border_is_drawn_around_the_slot() -> None:
    layout = _layout(accents=[], subject={'box': [800, 80, 420, 540], 'shape': 'rect', 'border': {'width': 10}})
    layout['subject']['border']['color'] = '#00ff00'
    image = _compose(TextLayer(headline='Look'), layout=layout, reference=_png(_solid('red'))).image
    assert image.getpixel((804, 350))[1] > 240
    assert image.getpixel((830, 350))[0] > 240


def test_watermark_touches_only_the_bottom_left_corner() -> None:
    text = TextLayer(headline='Free tier')
    plain, marked = _compose(text).image, _compose(text, watermark=True).image
    changed = ImageChops.difference(plain, marked).getbbox()
    assert changed is not None
    _, y0, x1, _ = changed
    assert x1 <= 320 and y0 >= CANVAS_SIZE[1] - 100


def test_fit_background_cover_crops_to_the_canvas() -> None:
    square = Image.new('RGB', (1000, 1000), 'blue')
    square.paste((255, 255, 0), (0, 0, 1000, 100))  # cropped away: the centre band is kept
    image = fit_background(_png(square))
    assert (image.size, image.mode) == (CANVAS_SIZE, 'RGB')
    assert image.getpixel((640, 5)) == (0, 0, 255)
    rgba = Image.new('RGBA', (2560, 1440), (255, 0, 0, 128))
    assert fit_background(_png(rgba)).mode == 'RGB'
    with pytest.raises(ProviderUnavailable):
        fit_background(b'not an image')


def test_entry_points_and_results_pickle_for_the_process_pool() -> None:
    for function in (render_thumbnail, paint_background, fit_background, compose, finalise):
        assert pickle.loads(pickle.dumps(function)) is function
    result = render_thumbnail(layout=_layout(), palette=PALETTE, text=TextLayer(headline='Pickle'), seed=1)
    assert result.text_boxes  # text was drawn, so the round trip has boxes to lose
    restored = pickle.loads(pickle.dumps(result))
    assert restored == result and restored.text_boxes == result.text_boxes
    # equality sees the boxes, not only the encoded bytes: a result without them is a different result
    assert dataclasses.replace(result, text_boxes=[]) != result


def _solid(color: str) -> Image.Image:
    return Image.new('RGB', (600, 800), color)
