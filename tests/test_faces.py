"""A creator's photo is framed around the face in every photo slot (a phone selfie keeps the top of the head).

The photos are scikit-image's public-domain ones: ``astronaut`` has a real face, ``coffee`` has none.
"""

from __future__ import annotations

import io
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from skimage import data

from routix.analysis.model import Analysis
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer, layout_for, load_templates
from routix.render import render_thumbnail
from routix.render._accents import cover_box
from routix.render._color import Box
from routix.render._faces import find_faces, find_focus, salient_box

LIBRARY = {spec.slug: spec for spec in load_templates()}
WITH_SLOT = sorted(slug for slug, spec in LIBRARY.items() if spec.layout.get('subject'))
ASTRONAUT_FACE = (175, 64, 276, 165)  # where a person sees the face in the 512×512 astronaut (brow to chin)


@cache
def astronaut() -> Image.Image:
    return Image.fromarray(data.astronaut())


@cache
def selfie() -> Image.Image:
    """A 9:16 phone selfie, 720×1280, the face in the top fifth of the frame, as arm's-length selfies have it."""
    return astronaut().crop((150, 40, 416, 512)).resize((720, 1280), Image.Resampling.LANCZOS)


@cache
def wide() -> Image.Image:
    """A 3:1 photo, 1440×480, the face at its far left and a table with coffee filling the rest."""
    canvas = Image.fromarray(data.coffee()).resize((1440, 480), Image.Resampling.LANCZOS)
    canvas.paste(astronaut().resize((480, 480), Image.Resampling.LANCZOS).crop((150, 0, 480, 480)), (0, 0))
    return canvas


PHOTOS = {'selfie': selfie, 'wide': wide}


def png(image: Image.Image) -> bytes:
    """Lossless, so the renderer sees exactly the pixels the test measures (a JPEG would be decoded at draft size)."""
    out = io.BytesIO()
    image.save(out, format='PNG', compress_level=1)
    return out.getvalue()


@cache
def reference(photo: str) -> bytes:
    return png(PHOTOS[photo]())


def render(spec: TemplateSpec, reference: bytes) -> Image.Image:
    analysis = Analysis(category=spec.category, style=spec.style, mood=spec.mood, headline='Look at this')
    palette = effective_palette(spec, analysis)
    result = render_thumbnail(
        layout=layout_for(spec, palette),
        palette=palette,
        text=initial_text_layer(spec, analysis),
        seed=1,
        reference=reference,
    )
    return Image.open(io.BytesIO(result.jpeg)).convert('RGB')


def slot_of(spec: TemplateSpec) -> tuple[Box, bool]:
    """The slot's box on the canvas as the creator sees it (a circle is a square of the smaller side, centred)."""
    x, y, w, h = (round(float(v)) for v in spec.layout['subject']['box'])
    circle = spec.layout['subject'].get('shape') == 'circle'
    if circle:
        side = min(w, h)
        x, y, w, h = x + (w - side) // 2, y + (h - side) // 2, side, side
    return (x, y, x + w, y + h), circle


def contains(outer: Box, inner: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_astronauts_face_is_found_and_a_coffee_cup_is_no_face() -> None:
    faces = find_faces(astronaut())
    assert faces
    x0, y0, x1, y1 = faces[0]
    assert overlaps(faces[0], ASTRONAUT_FACE)
    assert abs((x0 + x1) / 2 - 225) < 25 and abs((y0 + y1) / 2 - 115) < 25
    assert find_faces(Image.fromarray(data.coffee())) == []
    assert find_faces(Image.linear_gradient('L').resize((800, 600))) == []


@pytest.mark.parametrize(
    ('size', 'side', 'at', 'centre'),
    [
        ((4000, 3000), 2400, (1200, 300), (2255, 840)),  # 12 MP: the face near (1200 + 225·4.7, 300 + 115·4.7)
        ((1280, 720), 576, (128, 72), (381, 201)),  # 720p: a 113 px face, 56 px at 640 px (missed at 480 px)
    ],
)
def test_a_photo_is_searched_at_a_small_size_and_answered_in_its_own_pixels(
    size: tuple[int, int], side: int, at: tuple[int, int], centre: tuple[int, int]
) -> None:
    canvas = Image.new('RGB', size, (90, 100, 110))
    canvas.paste(astronaut().resize((side, side)), at)
    x0, y0, x1, y1 = find_faces(canvas)[0]
    assert abs((x0 + x1) / 2 - centre[0]) < side / 20 and abs((y0 + y1) / 2 - centre[1]) < side / 20


@pytest.mark.parametrize('photo', sorted(PHOTOS))
@pytest.mark.parametrize('slug', WITH_SLOT)
def test_the_face_is_framed_inside_every_photo_slot_where_a_centre_crop_cut_it(slug: str, photo: str) -> None:
    spec, original = LIBRARY[slug], PHOTOS[photo]()
    (sx, sy, ex, ey), circle = slot_of(spec)
    size = (ex - sx, ey - sy)
    face = find_faces(original)[0]
    left, top, right, bottom = cover_box(
        original.size, size, find_focus(original).box, face=True, eye_line=2 / 5 if circle else 1 / 3
    )
    scale_x, scale_y = size[0] / (right - left), size[1] / (bottom - top)
    on_canvas = (
        sx + (face[0] - left) * scale_x,
        sy + (face[1] - top) * scale_y,
        sx + (face[2] - left) * scale_x,
        sy + (face[3] - top) * scale_y,
    )
    if face[3] - face[1] <= bottom - top and face[2] - face[0] <= right - left:
        assert contains((sx, sy, ex, ey), on_canvas)
    else:  # a 9:16 selfie in a 2.8:1 banner: the face is taller than the slot; it fills it, the forehead in view
        assert sy <= on_canvas[1] and on_canvas[3] > ey and sx <= on_canvas[0] and on_canvas[2] <= ex
    assert not contains(cover_box(original.size, size), face), 'the centre crop of before kept the face anyway'
    # (a photo that cuts out is drawn as a cut-out, not in the slot: tests/test_cutout.py; this framing is what a
    # photo that does not cut out gets, and what a full-bleed slot's blurred backdrop shows)


def test_a_photo_without_a_face_is_framed_around_its_busiest_region() -> None:
    coffee = Image.fromarray(data.coffee())  # the cup sits left of the centre of a 600×400 photo
    focus = find_focus(coffee)
    assert focus.kind == 'salient' and focus.box == salient_box(coffee)
    left, top, right, bottom = cover_box(coffee.size, (300, 400), focus.box)
    cx, cy = (focus.box[0] + focus.box[2]) / 2, (focus.box[1] + focus.box[3]) / 2
    assert left <= cx <= right and top <= cy <= bottom
    assert abs((left + right) / 2 - cx) <= 1 or left == 0 or right == coffee.width
    image = render(LIBRARY['education-chalkboard'], png(coffee))
    assert image.size == (1280, 720)


def test_a_flat_photo_is_framed_at_its_centre() -> None:
    flat = Image.new('RGB', (900, 300), (40, 120, 200))
    assert find_focus(flat).box == salient_box(flat)
    assert cover_box(flat.size, (300, 300), find_focus(flat).box) == cover_box(flat.size, (300, 300))


@settings(max_examples=300, deadline=None)
@given(
    source=st.tuples(st.integers(1, 3000), st.integers(1, 3000)),
    target=st.tuples(st.integers(1, 1400), st.integers(1, 800)),
    corner=st.tuples(st.floats(0, 1), st.floats(0, 1)),
    side=st.floats(0, 1),
    eye_line=st.sampled_from([1 / 3, 2 / 5]),
)
def test_a_framed_crop_keeps_the_aspect_stays_inside_and_keeps_a_face_that_fits(
    source: tuple[int, int],
    target: tuple[int, int],
    corner: tuple[float, float],
    side: float,
    eye_line: float,
) -> None:
    w, h = source
    face_side = max(1, int(side * min(w, h)))
    x0, y0 = int(corner[0] * (w - face_side)), int(corner[1] * (h - face_side))
    face = (x0, y0, x0 + face_side, y0 + face_side)
    left, top, right, bottom = cover_box(source, target, face, face=True, eye_line=eye_line)
    centred = cover_box(source, target)
    assert 0 <= left < right <= w and 0 <= top < bottom <= h
    assert (right - left, bottom - top) == (centred[2] - centred[0], centred[3] - centred[1])
    if face_side <= min(right - left, bottom - top):
        assert contains((left, top, right, bottom), face)
