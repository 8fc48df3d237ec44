"""Template previews for the template browser: rendered once per template version, cached on disk as WebP."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
from pathlib import Path

from routix import render
from routix.analysis.model import Analysis
from routix.analysis.subjects import subject_for
from routix.core.files import write_private_atomic
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer

PREVIEW_VERSION = '3'  # bump when the renderer changes how templates look: every cached preview is re-rendered
PREVIEW_SIZE = (640, 360)  # twice the history preview: template cards are shown larger and on retina screens
_inflight: dict[Path, asyncio.Future[bytes]] = {}


async def preview_bytes(spec: TemplateSpec, data_dir: Path, *, runtime: Runtime | None = None) -> bytes:
    """The WebP preview of ``spec``: read from the cache, or rendered off the event loop and cached."""
    runtime = runtime or NiceGuiRuntime()
    path = preview_path(spec, data_dir)
    cached = await runtime.io(_read, path)
    if cached:
        return cached
    loop = asyncio.get_running_loop()
    pending = _inflight.get(path)
    if pending is not None and pending.get_loop() is loop:
        return await asyncio.shield(pending)  # a concurrent request is rendering the same preview: share its result
    future: asyncio.Future[bytes] = loop.create_future()
    _inflight[path] = future
    try:
        data = await runtime.cpu(render_preview, spec.to_dict())
        await runtime.io(write_private_atomic, path, data)
        future.set_result(data)
        return data
    except asyncio.CancelledError:
        future.cancel()
        raise
    except Exception as error:
        future.set_exception(error)
        future.exception()  # mark it retrieved: nobody else may be waiting
        raise
    finally:
        _inflight.pop(path, None)


def preview_version(spec: TemplateSpec) -> str:
    """A short hash of the spec (and the preview recipe): it names the cache file and busts browser caches."""
    blob = json.dumps(spec.to_dict(), sort_keys=True, ensure_ascii=False) + PREVIEW_VERSION
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def preview_path(spec: TemplateSpec, data_dir: Path) -> Path:
    """``<data_dir>/previews/<slug>-<hash>.webp``."""
    return data_dir / 'previews' / f'{spec.slug}-{preview_version(spec)}.webp'


def preview_url(spec: TemplateSpec) -> str:
    """Where the template browser loads the preview from (versioned, so it can be cached for long)."""
    return f'/template-preview/{spec.slug}.webp?v={preview_version(spec)}'


def sample_headline(spec: TemplateSpec) -> tuple[str, str]:
    """The headline a preview shows and its direction: the template's name, in Persian when it is Persian-only."""
    if 'latin' not in spec.scripts:
        return spec.name_fa, 'rtl'
    return spec.name, 'ltr'


def render_preview(spec_data: dict) -> bytes:
    """Render one template with its sample headline to a WebP (runs in a worker process)."""
    spec = TemplateSpec.from_dict(spec_data)
    headline, direction = sample_headline(spec)
    analysis = Analysis(
        category=spec.category,
        style=spec.style,
        mood=spec.mood,
        headline=headline,
        language='fa' if direction == 'rtl' else 'en',
        direction=direction,
    )
    palette = effective_palette(spec, analysis)
    seed = int(hashlib.sha256(spec.slug.encode()).hexdigest()[:8], 16)
    background = render.paint_background(layout=spec.layout, palette=palette, seed=seed)
    composed = render.compose(
        background=background,
        layout=spec.layout,
        text=initial_text_layer(spec, analysis),
        reference=None,
        watermark=False,
        subject=subject_for(subject='', category=spec.category, texts=(spec.name,)).name,
        seed=seed,
    )
    small = composed.image.convert('RGB').resize(PREVIEW_SIZE, resample=3)  # 3 = LANCZOS
    out = io.BytesIO()
    small.save(out, format='WEBP', quality=82, method=4)
    return out.getvalue()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
