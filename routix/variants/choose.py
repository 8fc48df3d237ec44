"""Pick the variants of a set: render candidates in order, keep those that pass the check and differ visibly.

Pure and CPU-bound (callers run ``choose`` through ``runtime.cpu``). Each candidate is rendered exactly as the
generation pipeline will render it (same template, palette plan, text layer, subject, seed and watermark), so the
distances measured here are the distances of the finished thumbnails.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from routix import render
from routix.analysis.subjects import subject_for
from routix.check import check_image
from routix.design.templates import effective_palette, initial_text_layer, layout_for
from routix.variants.axes import Candidate
from routix.variants.phash import MIN_DISTANCE, distance, phash


@dataclass(kw_only=True, slots=True)
class Chosen:
    """A kept candidate with its picture, layers, hash and whether it passed the check."""

    candidate: Candidate
    jpeg: bytes
    layers: list[dict[str, Any]]
    hash: int
    check_ok: bool
    failing: list[str] = field(default_factory=list)


def choose(
    candidates: list[Candidate],
    *,
    count: int = 3,
    prompt: str = '',
    brand_colors: list[str] | None = None,
    watermark: bool = False,
    min_distance: int = MIN_DISTANCE,
) -> list[Chosen]:
    """``count`` candidates, every pair at least ``min_distance`` bits apart; ones that pass the check first.

    The first candidate (the source's own design) is always kept, and each kept one shows another value of the axis
    (a reseeded candidate stands in for its value only when nothing else differs enough). Fewer than ``count`` come
    back only when no more candidates differ enough.
    """
    rendered: list[Chosen] = []
    kept: list[Chosen] = []
    for candidate in candidates:
        if len(kept) == count:
            break
        if any(shot.candidate.choice == candidate.choice for shot in kept):
            continue  # the same value of the axis (another seed): only as a last resort
        shot = _render(candidate, prompt=prompt, brand_colors=brand_colors, watermark=watermark)
        rendered.append(shot)
        if _apart(shot, kept, min_distance) and (shot.check_ok or not kept):
            kept.append(shot)
    for relaxed in (False, True):  # not enough: those that fail the check, then the same value with another seed
        for shot in rendered:
            if len(kept) == count:
                return kept
            fresh = relaxed or all(other.candidate.choice != shot.candidate.choice for other in kept)
            if shot not in kept and fresh and _apart(shot, kept, min_distance):
                kept.append(shot)
    return kept


def render_candidate(
    candidate: Candidate, *, prompt: str = '', brand_colors: list[str] | None = None, watermark: bool = False
) -> render.Rendered:
    """The thumbnail the pipeline makes of ``candidate`` (its basic renderer)."""
    spec, analysis = candidate.spec, candidate.analysis
    palette = effective_palette(spec, analysis, brand_colors=brand_colors)
    subject = subject_for(subject=analysis.subject, category=spec.category, texts=(analysis.headline,)).name
    return render.render_thumbnail(
        layout=layout_for(spec, palette),
        palette=palette,
        text=initial_text_layer(spec, analysis, brand_colors=brand_colors, prompt=prompt),
        seed=candidate.seed,
        reference=candidate.reference,
        watermark=watermark,
        subject=subject,
    )


def _render(candidate: Candidate, *, prompt: str, brand_colors: list[str] | None, watermark: bool) -> Chosen:
    rendered = render_candidate(candidate, prompt=prompt, brand_colors=brand_colors, watermark=watermark)
    report = check_image(rendered.jpeg, layers=rendered.layers)
    return Chosen(
        candidate=candidate,
        jpeg=rendered.jpeg,
        layers=rendered.layers,
        hash=phash(Image.open(io.BytesIO(rendered.jpeg))),
        check_ok=report.ok,
        failing=[name for name, part in report.parts.items() if not part.ok],
    )


def _apart(shot: Chosen, kept: list[Chosen], min_distance: int) -> bool:
    return all(distance(shot.hash, other.hash) >= min_distance for other in kept)
