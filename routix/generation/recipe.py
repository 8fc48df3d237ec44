"""Recipe → image: the one step that turns a generation's stored recipe into its composed picture.

The pipeline renders a new generation with it, and ``master_png`` re-renders a finished one from the same row later;
both go through ``Recipe.of`` and ``compose_recipe``, so the lossless master is always the picture the creator saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PIL import Image

from routix import render
from routix.analysis.model import Analysis
from routix.core.runtime import Runtime
from routix.design.overrides import overridden_layout
from routix.design.templates import TemplateSpec, effective_palette, layout_for
from routix.design.textlayer import TextLayer
from routix.models import Generation


@dataclass(kw_only=True, slots=True)
class Recipe:
    """Everything a generation's picture is made from; the same recipe always gives the same pixels."""

    spec: TemplateSpec
    palette: list[str]
    text: TextLayer
    seed: int
    watermark: bool
    full_bleed: bool  # the provider painted the headline: Routix draws no text over it
    background: bytes | None  # the provider's picture (PNG); None paints the template's own background
    reference: bytes | None  # the creator's uploaded image for the subject slot
    subject: str = ''  # the illustrated subject (analysis.subjects_data name) drawn when there is no photo
    mirrored: bool = False  # subject and accents on the other side (the text layer carries its own box)
    subject_box: tuple[int, int, int, int] | None = None  # the subject slot moved by an edit
    adjust: dict[str, float] = field(default_factory=dict)  # background brightness/contrast/saturation/blur

    def layout(self) -> dict[str, Any]:
        """The layout this recipe draws: the template's, recoloured, then mirrored / with its subject slot moved."""
        return overridden_layout(
            layout_for(self.spec, self.palette), mirrored=self.mirrored, subject_box=self.subject_box
        )

    @classmethod
    def of(cls, gen: Generation, *, spec: TemplateSpec, background: bytes | None, reference: bytes | None) -> Recipe:
        """The recipe a generation row records (its template, palette, text layer, seed and flags)."""
        return cls(
            spec=spec,
            # rows from before the palette was recorded fall back to the template's palette for their analysis
            palette=gen.match.get('palette') or effective_palette(spec, Analysis.from_dict(gen.analysis)),
            text=TextLayer.from_dict(gen.text_layer),
            seed=gen.seed,
            watermark=bool(gen.match.get('watermark')),
            full_bleed=bool(gen.match.get('full_bleed')),
            background=background,
            reference=reference,
            subject=str(gen.match.get('subject') or ''),  # rows from before subjects draw none
            mirrored=bool(gen.match.get('mirrored')),
            subject_box=box_of(gen.match.get('subject_box')),
            adjust={k: float(v) for k, v in (gen.match.get('adjust') or {}).items()},
        )


async def compose_recipe(
    recipe: Recipe, *, runtime: Runtime, painted: Callable[[], None] | None = None
) -> render.Composed:
    """Paint (or fit the provider's picture), then draw the layout, reference, text and watermark over it.

    ``painted`` is called between the two steps: the pipeline counts the painting as part of its background stage.
    """
    if recipe.background is None:
        background = await runtime.cpu(
            render.paint_background,
            layout=layout_for(recipe.spec, recipe.palette),
            palette=recipe.palette,
            seed=recipe.seed,
        )
    else:
        background = await runtime.cpu(render.fit_background, recipe.background)
    if painted is not None:
        painted()
    if recipe.mirrored or recipe.adjust:
        background = await runtime.cpu(
            render.adjust_background, background, adjust=recipe.adjust, mirrored=recipe.mirrored
        )
    return await runtime.cpu(render.compose, **compose_arguments(recipe, background))


def compose_arguments(recipe: Recipe, background: Image.Image) -> dict[str, Any]:
    """The keyword arguments of ``render.compose`` for ``recipe`` over its (adjusted) ``background``."""
    return {
        'background': background,
        'layout': recipe.layout(),
        'text': replace(recipe.text, headline='', subtitle='') if recipe.full_bleed else recipe.text,
        'reference': recipe.reference,
        'watermark': recipe.watermark,
        'subject': '' if recipe.background is not None else recipe.subject,  # a provider's picture has its own
        'seed': recipe.seed,
    }


def compose_now(recipe: Recipe) -> render.Composed:
    """The whole of ``compose_recipe`` in the calling process (for work that already runs in a worker)."""
    if recipe.background is None:
        background = render.paint_background(
            layout=layout_for(recipe.spec, recipe.palette), palette=recipe.palette, seed=recipe.seed
        )
    else:
        background = render.fit_background(recipe.background)
    background = render.adjust_background(background, adjust=recipe.adjust, mirrored=recipe.mirrored)
    return render.compose(**compose_arguments(recipe, background))


def box_of(value: Any) -> tuple[int, int, int, int] | None:
    """A stored [x, y, w, h] as a tuple of ints; None when there is none."""
    if not value or len(value) != 4:
        return None
    x, y, w, h = (int(v) for v in value)
    return x, y, w, h
