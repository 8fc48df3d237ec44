"""``routix render PROMPT --variants 3 [--axis AXIS] --out DIR --json``: a variant set on the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

from routix.i18n import t
from routix.variants.axes import AXES

MAX_VARIANTS = 3  # YouTube's Test & Compare takes up to three thumbnails


def extend(render: argparse.ArgumentParser) -> None:
    """Add ``--variants`` and ``--axis`` to the render command; with ``--variants`` it renders a set into ``--out``."""
    render.add_argument(
        '--variants', type=int, default=0, help='render a set of N (2 or 3) variants into --out (a folder)'
    )
    render.add_argument('--axis', choices=AXES, default='layout', help='what the variants differ in (default: layout)')
    single: Callable[[argparse.Namespace], int] = render.get_default('func')
    render.set_defaults(func=lambda args: run(args) if args.variants else single(args))


def run(args: argparse.Namespace) -> int:
    """Render the set, write variant-A.jpg… into the folder, print one JSON object (or a line per variant)."""
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from routix.analysis.registry import build_analyzer
    from routix.core.config import Settings
    from routix.core.errors import InvalidRequest
    from routix.design.catalog import TemplateCatalog
    from routix.images import sanitize_image
    from routix.variants.axes import candidates
    from routix.variants.choose import choose

    if not 2 <= args.variants <= MAX_VARIANTS:
        raise InvalidRequest('variants.count', max=MAX_VARIANTS)
    if args.tier != 'basic':
        raise InvalidRequest('variants.basic_only')
    settings = Settings()
    prompt = args.prompt.strip()
    if not prompt:
        raise InvalidRequest('generation.prompt_missing')
    if len(prompt) > settings.max_prompt_chars:
        raise InvalidRequest('generation.prompt_too_long', limit=settings.max_prompt_chars)
    reference = None
    if args.image is not None:
        if not args.image.is_file():
            raise InvalidRequest('cli.no_such_file', path=str(args.image))
        reference = sanitize_image(args.image.read_bytes(), max_bytes=settings.max_upload_bytes).png
    catalog = TemplateCatalog.load()
    analyzer = build_analyzer(settings)
    try:
        analysis = await analyzer.analyze(prompt, images=[reference] if reference else None)
    finally:
        await analyzer.aclose()
    match = catalog.match(analysis, pinned=args.template, top_n=1)[0]
    found, used = candidates(
        args.axis, catalog=catalog, spec=catalog.get(match.slug), analysis=analysis, seed=args.seed, reference=reference
    )
    chosen = choose(found, count=args.variants, prompt=prompt, watermark=True)
    args.out.mkdir(parents=True, exist_ok=True)
    variants: list[dict[str, Any]] = []
    for letter, shot in zip('ABC', chosen, strict=False):
        path = args.out / f'variant-{letter}.jpg'
        path.write_bytes(shot.jpeg)
        c = shot.candidate
        variants.append(
            {
                'analysis': {
                    k: getattr(c.analysis, k)
                    for k in ('category', 'style', 'mood', 'palette', 'headline', 'language', 'direction')
                },
                'template': {'slug': c.spec.slug},
                'output': str(path),
                'width': 1280,
                'height': 720,
                'bytes': len(shot.jpeg),
                'layers': shot.layers,
                'seed': c.seed,
                'hash': f'{shot.hash:016x}',
                'check': {'ok': shot.check_ok, 'failing': shot.failing},
            }
        )
    if args.json:
        result: dict[str, Any] = {'variants': variants, 'axis': used}
        if used != args.axis:  # crop without a photo: said, not silently swapped
            result['notice'] = t('variants.crop_without_photo', 'en')
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + '\n')
    else:
        for variant in variants:
            slug, headline = variant['template']['slug'], variant['analysis']['headline']
            sys.stdout.write(f'{variant["output"]}: template {slug}, headline “{headline}”\n')
    return 0
