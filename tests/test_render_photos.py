"""A creator's photo of any size and shape renders in every template's subject slot (no 'damaged file' refusals)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from routix.analysis.model import Analysis
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer, layout_for, load_templates
from routix.render import render_thumbnail
from routix.render._accents import cover, cover_box
from routix.vocabulary import CANVAS_SIZE, MAX_JPEG_BYTES

LIBRARY = {spec.slug: spec for spec in load_templates()}
WITH_SLOT = sorted(slug for slug, spec in LIBRARY.items() if spec.layout.get('subject'))


def photo(width: int, height: int, *, mode: str = 'RGB') -> bytes:
    """A JPEG of ``width``×``height``: a gradient stretched to the size (cheap even at 8000 px)."""
    image = Image.linear_gradient('L').resize((width, height), Image.Resampling.NEAREST)
    out = io.BytesIO()
    (image if mode == 'L' else image.convert(mode)).save(out, format='JPEG', quality=60)
    return out.getvalue()


def render_with(spec: TemplateSpec, reference: bytes) -> bytes:
    analysis = Analysis(category=spec.category, style=spec.style, mood=spec.mood, headline='Look at this')
    palette = effective_palette(spec, analysis)
    result = render_thumbnail(
        layout=layout_for(spec, palette),
        palette=palette,
        text=initial_text_layer(spec, analysis),
        seed=1,
        reference=reference,
    )
    return result.jpeg


def assert_upload_ready(jpeg: bytes) -> None:
    assert len(jpeg) <= MAX_JPEG_BYTES
    with Image.open(io.BytesIO(jpeg)) as image:
        assert (image.format, image.size) == ('JPEG', CANVAS_SIZE)


@pytest.mark.parametrize(
    ('slug', 'size'),
    [
        ('tech-clean-review', (720, 477)),
        ('sports-victory-burst', (1600, 900)),
        ('fitness-power-stripes', (640, 480)),
    ],
)
def test_photos_that_used_to_be_refused_render(slug: str, size: tuple[int, int]) -> None:
    assert_upload_ready(render_with(LIBRARY[slug], photo(*size)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    slug=st.sampled_from(WITH_SLOT),
    width=st.integers(16, 8000),
    height=st.integers(16, 8000),
    mode=st.sampled_from(['RGB', 'L']),
)
def test_any_photo_renders_in_any_template(slug: str, width: int, height: int, mode: str) -> None:
    assert_upload_ready(render_with(LIBRARY[slug], photo(width, height, mode=mode)))


@settings(max_examples=200, deadline=None)
@given(
    width=st.integers(1, 3000),
    height=st.integers(1, 3000),
    target=st.tuples(st.integers(1, 1400), st.integers(1, 800)),
)
def test_cover_always_fills_the_target_exactly(width: int, height: int, target: tuple[int, int]) -> None:
    left, top, right, bottom = cover_box((width, height), target)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert cover(Image.new('RGB', (width, height)), target).size == target
