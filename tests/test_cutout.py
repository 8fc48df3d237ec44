"""A creator's photo is cut out of its background, sized to 35–50 % of the frame, outlined, and kept clear of the text.

Real photos from scikit-image (public domain: ``astronaut`` has a face, ``coffee`` and ``chelsea`` none) and built
ones: a phone selfie, a wide photo, a 12-megapixel photo, a busy room with a person in it, a cut-out PNG.
"""

from __future__ import annotations

import io
from functools import cache

import numpy as np
import pytest
from PIL import Image, ImageDraw
from skimage import data

from routix.analysis.model import Analysis
from routix.design.templates import effective_palette, initial_text_layer, layout_for, load_templates
from routix.render import render_thumbnail
from routix.render._cutout import Cutout, cut_out, matte, rim
from routix.render._faces import find_faces

LIBRARY = {spec.slug: spec for spec in load_templates()}
WITH_SLOT = sorted(slug for slug, spec in LIBRARY.items() if spec.layout.get('subject'))
ASTRONAUT_FACE = (175, 64, 276, 165)  # where a person sees the face in the 512×512 astronaut (brow to chin)
FRAME = 1280 * 720
WORDS = {'headline', 'subtitle', 'badge', 'mark'}


@cache
def astronaut() -> Image.Image:
    return Image.fromarray(data.astronaut())


@cache
def photos() -> dict[str, Image.Image]:
    selfie = astronaut().crop((150, 40, 416, 512)).resize((720, 1280), Image.Resampling.LANCZOS)
    wide = Image.fromarray(data.coffee()).resize((1440, 480), Image.Resampling.LANCZOS)
    wide.paste(astronaut().resize((480, 480), Image.Resampling.LANCZOS).crop((150, 0, 480, 480)), (0, 0))
    return {'selfie': selfie, 'wide': wide, 'astronaut': astronaut(), 'room': room()}


@cache
def room() -> Image.Image:
    """A built 4:3 photo: a busy room of coloured blocks, the astronaut's head and shoulders at its left third."""
    image = Image.new('RGB', (1600, 1200), (70, 110, 90))
    pen = ImageDraw.Draw(image)
    for i in range(12):
        colour = ((i * 53) % 255, (i * 97) % 255, (i * 31 + 80) % 255)
        pen.rectangle((i * 140, 80 + (i % 3) * 60, i * 140 + 120, 700 + (i % 4) * 90), fill=colour)
    pen.rectangle((0, 900, 1600, 1200), fill=(120, 90, 60))
    image.paste(astronaut().crop((60, 20, 470, 512)).resize((820, 984), Image.Resampling.LANCZOS), (260, 216))
    return image


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format='PNG', compress_level=1)
    return out.getvalue()


@cache
def reference(name: str) -> bytes:
    return png(photos()[name])


def alpha_over_source(cut: Cutout, size: tuple[int, int]) -> np.ndarray:
    """The cut-out's alpha (0…1) at the source's own scale, laid over the whole source."""
    full = np.zeros((size[1], size[0]), np.float32)
    alpha = np.asarray(matte(cut, 1 / cut.photo_scale).getchannel('A'), np.float32) / 255
    x0, y0 = cut.box[:2]
    full[y0 : y0 + alpha.shape[0], x0 : x0 + alpha.shape[1]] = alpha[: size[1] - y0, : size[0] - x0]
    return full


def overlaps(a: list[int], b: list[int]) -> bool:
    """Whether two [x, y, w, h] boxes share a pixel."""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_the_astronaut_is_cut_out_face_kept_far_background_dropped() -> None:
    cut = cut_out(astronaut())
    assert cut is not None and cut.kind == 'face' and cut.runs_off
    alpha = alpha_over_source(cut, astronaut().size)
    x0, y0, x1, y1 = ASTRONAUT_FACE
    assert alpha[y0:y1, x0:x1].mean() > 0.9  # the face, brow to chin, is in
    assert alpha[0:60, 0:60].max() < 0.05 and alpha[0:60, -60:].max() < 0.05  # the flag and the wall behind: out
    assert alpha[260:440, 120:260].mean() > 0.95  # the suit below the chin is the person too


def test_a_person_in_a_busy_built_room_is_cut_from_the_blocks_around_them() -> None:
    image = room()
    cut = cut_out(image)
    assert cut is not None and cut.kind == 'face'
    alpha = alpha_over_source(cut, image.size)
    face = find_faces(image)[0]
    assert alpha[face[1] : face[3], face[0] : face[2]].mean() > 0.9
    assert alpha[:, 1300:].max() < 0.05  # the blocks at the far right
    assert alpha[0:150, :].max() < 0.05  # the wall above the head


def test_a_cut_is_the_same_whatever_the_worker_cut_before() -> None:
    first = cut_out(room())
    cut_out(astronaut())
    cut_out(Image.fromarray(data.coffee()))
    again = cut_out(room())
    assert first is not None and again is not None
    assert first.box == again.box and np.array_equal(first.mask, again.mask)


def test_a_12_megapixel_photo_is_cut_at_a_small_size_and_keeps_its_face() -> None:
    big = astronaut().resize((4000, 3000), Image.Resampling.BILINEAR)
    cut = cut_out(big)
    assert cut is not None and cut.kind == 'face'
    assert max(cut.mask.shape) <= 200  # GrabCut saw ~176 px, not 12 megapixels
    x0, y0, x1, y1 = (round(v * s) for v, s in zip(ASTRONAUT_FACE, (4000 / 512, 3000 / 512) * 2, strict=True))
    alpha = alpha_over_source(cut, big.size)
    assert alpha[y0:y1, x0:x1].mean() > 0.85


def test_an_object_without_a_face_is_cut_by_its_salient_region_and_a_flat_photo_is_not_cut() -> None:
    coffee = Image.fromarray(data.coffee())  # the cup and saucer on a table
    cut = cut_out(coffee)
    assert cut is not None and cut.kind == 'salient' and cut.face is None
    alpha = alpha_over_source(cut, coffee.size)
    assert alpha[150:250, 200:350].mean() > 0.9  # the cup
    assert alpha[0:40, 0:40].max() < 0.05 and alpha[-40:, -40:].max() < 0.05  # the table's corners
    assert cut_out(Image.new('RGB', (900, 600), (40, 120, 200))) is None


def test_a_png_whose_alpha_channel_is_opaque_is_cut_out_like_the_same_photo_without_one() -> None:
    # uploads keep a PNG's alpha channel (screenshots, exports): when nothing in it is transparent it says nothing
    spec = LIBRARY[WITH_SLOT[0]]
    analysis = Analysis(category=spec.category, style=spec.style, mood=spec.mood, headline='Look at this')
    palette = effective_palette(spec, analysis)
    layers = {}
    for mode in ('RGB', 'RGBA'):
        result = render_thumbnail(
            layout=layout_for(spec, palette),
            palette=palette,
            text=initial_text_layer(spec, analysis),
            seed=1,
            reference=png(astronaut().convert(mode)),
        )
        layers[mode] = next(layer for layer in result.layers if layer['kind'] == 'photo')
    assert layers['RGBA']['cutout'] is True and layers['RGBA']['focus'] == 'face'
    assert layers['RGBA'] == layers['RGB']


def test_the_rim_is_a_white_outline_of_the_given_thickness_and_a_wider_glow() -> None:
    alpha = Image.new('L', (200, 200))
    ImageDraw.Draw(alpha).ellipse((50, 50, 150, 150), fill=255)
    (pad, _), outline, halo = rim(alpha, stroke=10, glow=20)
    ring = np.asarray(outline)
    centre = pad + 100
    assert ring[centre, pad + 50 - 8] == 255 and ring[centre, pad + 50 - 14] == 0  # 10 px out, not 14
    assert np.asarray(halo)[centre, pad + 50 - 24] > 0  # the glow reaches further than the outline


@pytest.mark.parametrize('photo', ['selfie', 'wide', 'astronaut', 'room'])
@pytest.mark.parametrize('slug', WITH_SLOT)
def test_every_photo_template_cuts_the_subject_out_large_and_keeps_the_words_off_the_face(
    slug: str, photo: str
) -> None:
    spec = LIBRARY[slug]
    analysis = Analysis(
        category=spec.category, style=spec.style, mood=spec.mood, headline='I tried this for 30 days', subtitle='Part 2'
    )
    palette = effective_palette(spec, analysis)
    text = initial_text_layer(spec, analysis)
    text.badge = '30 DAYS'
    result = render_thumbnail(
        layout=layout_for(spec, palette), palette=palette, text=text, seed=1, reference=reference(photo)
    )
    layer = next(layer for layer in result.layers if layer['kind'] == 'photo')
    assert layer['cutout'] is True and layer['focus'] == 'face'
    _x, _y, w, h = layer['bbox']
    assert 0.35 <= w * h / FRAME <= 0.5, f'the subject covers {w * h / FRAME:.0%} of the frame'
    face = layer['face']
    assert 0 <= face[0] and face[0] + face[2] <= 1280 and 0 <= face[1] and face[1] + face[3] <= 720
    for other in result.layers:
        if other['kind'] in WORDS | {'arrow'}:
            assert not overlaps(other['bbox'], face), f'the {other["kind"]} covers the face'
        if other['kind'] == 'arrow':  # an arrow ends at the subject (its box, head included, reaches the subject's)
            assert overlaps(other['bbox'], layer['bbox']), 'an arrow points at something other than the subject'
    headline = next(layer['bbox'] for layer in result.layers if layer['kind'] == 'headline')
    for badge in (layer for layer in result.layers if layer['kind'] == 'badge'):
        assert not overlaps(badge['bbox'], headline), 'a badge moved off the face went under the headline'
    # the face the creator sees is their own face: the rendered pixels there match the photo's face, scaled
    shown = (
        Image.open(io.BytesIO(result.jpeg))
        .convert('RGB')
        .crop((face[0], face[1], face[0] + face[2], face[1] + face[3]))
    )
    source_face = find_faces(photos()[photo])[0]
    original = photos()[photo].crop(source_face).resize(shown.size, Image.Resampling.LANCZOS)
    difference = np.abs(np.asarray(shown, np.int16) - np.asarray(original, np.int16)).mean()
    assert difference < 20, f'the face is covered or lost ({difference=:.1f})'
