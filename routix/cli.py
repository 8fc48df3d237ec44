"""The `routix` command: render a thumbnail from a sentence, list templates, check providers."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from routix.core.errors import RoutixError


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code (0 ok, 2 bad input or unavailable tier, 1 provider failure)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, 'command', None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except RoutixError as e:
        _err(e.message('en'))  # the command line speaks English
        from routix.core.errors import InvalidRequest, InvalidUpload

        return 2 if isinstance(e, (InvalidRequest, InvalidUpload)) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='routix', description='Routix thumbnail studio')
    sub = parser.add_subparsers(dest='command')

    render = sub.add_parser('render', help='render a 1280×720 thumbnail from a description')
    render.add_argument('prompt')
    render.add_argument('--template', help='template slug (default: the best match)')
    render.add_argument('--image', type=Path, help='reference image (JPEG/PNG/WebP)')
    render.add_argument('--tier', choices=('basic', 'premium', 'pro'), default='basic')
    render.add_argument('--out', type=Path, default=Path('thumbnail.jpg'))
    render.add_argument('--json', action='store_true', help='print one JSON object')
    render.add_argument('--seed', type=int, default=1)
    render.set_defaults(func=_render)
    __import__('routix.variants.cli', fromlist=['extend']).extend(render)  # --variants N --axis AXIS

    templates = sub.add_parser('templates', help='list the templates')
    templates.add_argument('--json', action='store_true')
    templates.set_defaults(func=_templates)

    providers = sub.add_parser('providers', help='AI providers')
    providers_sub = providers.add_subparsers(dest='action')
    check = providers_sub.add_parser('check', help='which providers are configured, and does a cheap call work')
    check.set_defaults(func=_providers_check)
    providers.set_defaults(func=lambda _args: _usage(providers))

    fonts = sub.add_parser('fonts', help='which font file each role resolves to')
    fonts.set_defaults(func=_fonts)
    __import__('routix.check.cli', fromlist=['register']).register(sub)  # check IMAGE [--title] [--json]
    __import__('routix.video.cli', fromlist=['register']).register(sub, render)  # frames VIDEO; render --video
    __import__('routix.ops.cli', fromlist=['register']).register(sub)  # users, credits, backup, restore, migrate
    __import__('routix.cluster.worker', fromlist=['register']).register(sub)  # worker (ROUTIX_QUEUE=procrastinate)
    return parser


def _render(args: argparse.Namespace) -> int:
    return asyncio.run(_render_async(args))


async def _render_async(args: argparse.Namespace) -> int:
    from routix import render
    from routix.analysis.registry import build_analyzer
    from routix.analysis.subjects import subject_for
    from routix.core.config import Settings
    from routix.core.errors import InvalidRequest
    from routix.design.catalog import TemplateCatalog
    from routix.design.templates import effective_palette, initial_text_layer, layout_for
    from routix.images import sanitize_image
    from routix.providers.base import ImageRequest
    from routix.providers.registry import build_image_providers, chain_for

    settings = Settings()
    prompt = args.prompt.strip()
    if not prompt:
        raise InvalidRequest('generation.prompt_missing')
    if len(prompt) > settings.max_prompt_chars:
        raise InvalidRequest('generation.prompt_too_long', limit=settings.max_prompt_chars)
    catalog = TemplateCatalog.load()
    if args.template:
        catalog.get(args.template)
    reference = None
    if args.image is not None:
        if not args.image.is_file():
            raise InvalidRequest('cli.no_such_file', path=str(args.image))
        reference = sanitize_image(args.image.read_bytes(), max_bytes=settings.max_upload_bytes).png
    if getattr(args, 'video', None) is not None and reference is None:  # its best frame is the photo
        frame = await __import__('routix.video.cli', fromlist=['best_frame']).best_frame(args.video)
        reference = sanitize_image(frame, max_bytes=len(frame)).png
    chain = None
    if args.tier != 'basic':
        chain = chain_for(settings, build_image_providers(settings), args.tier)
        if chain is None:
            keys = {'premium': 'STABILITY_API_KEY', 'pro': 'OPENAI_API_KEY or GEMINI_API_KEY'}[args.tier]
            raise InvalidRequest('cli.tier_needs_key', tier=args.tier, variable=keys)
    analyzer = build_analyzer(settings)
    try:
        analysis = await analyzer.analyze(prompt, images=[reference] if reference else None)
    finally:
        await analyzer.aclose()
    matches = catalog.match(analysis, pinned=args.template, top_n=3)
    spec = catalog.get(matches[0].slug)
    background = None
    if chain is not None:
        try:  # a ProviderError already carries its code: main() prints it and exits 1
            image = await chain.generate(
                ImageRequest(prompt=prompt, style_preset=spec.stability_style, reference=reference, seed=args.seed)
            )
        finally:
            await chain.aclose()
        background = image.image
    palette = effective_palette(spec, analysis)
    subject = '' if background else subject_for(subject=analysis.subject, category=spec.category).name
    rendered = render.render_thumbnail(
        layout=layout_for(spec, palette),
        palette=palette,
        text=initial_text_layer(spec, analysis, prompt=prompt),
        seed=args.seed,
        reference=reference,
        watermark=args.tier == 'basic',
        background=background,
        subject=subject,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(rendered.jpeg)
    result = {
        'analysis': {
            k: getattr(analysis, k)
            for k in ('category', 'style', 'mood', 'palette', 'headline', 'language', 'direction')
        },
        'template': {'slug': spec.slug, 'score': round(matches[0].score, 4)},
        'output': str(args.out),
        'width': 1280,
        'height': 720,
        'bytes': len(rendered.jpeg),
        'layers': rendered.layers,
        'subject': _subject_report(rendered.layers, subject),
    }
    if args.json:
        _out(json.dumps(result, ensure_ascii=False))
    else:
        _out(
            f'{args.out}: 1280×720, {len(rendered.jpeg)} bytes, template {spec.slug} '
            f'(score {matches[0].score:.2f}), headline “{analysis.headline}”'
        )
    return 0


def _subject_report(layers: list[dict[str, object]], name: str) -> dict[str, str] | None:
    """What holds the subject slot: the creator's photo ('upload'), the subject's illustration, or None."""
    kinds = {layer['kind'] for layer in layers}
    if 'photo' in kinds:
        return {'name': name, 'source': 'upload'}
    if 'subject' in kinds:
        return {'name': name, 'source': 'illustration'}
    return None


def _templates(args: argparse.Namespace) -> int:
    from routix.design.catalog import TemplateCatalog

    specs = TemplateCatalog.load().specs
    if args.json:
        _out(
            json.dumps(
                [
                    {'slug': s.slug, 'name': s.name, 'category': s.category, 'style': s.style, 'mood': s.mood}
                    for s in specs
                ],
                ensure_ascii=False,
            )
        )
    else:
        for s in specs:
            _out(f'{s.slug:32} {s.category:10} {s.style:10} {s.mood:11} {s.name}')
    return 0


def _providers_check(_args: argparse.Namespace) -> int:
    from routix.core.config import Settings
    from routix.providers.registry import check_providers

    settings = Settings()
    statuses = asyncio.run(check_providers(settings))
    for status in statuses:
        state = 'not configured' if not status.configured else 'ok' if status.ok else 'FAILED'
        _out(f'{status.name:10} {state:15} {status.detail}')
    from routix.ops.analyzers import check_analyzers

    analysers = asyncio.run(check_analyzers(settings))
    for a in analysers:  # 'analyser openai   ok   model … (in use)'
        state = 'not configured' if not a.configured else 'ok' if a.ok else 'FAILED'
        _out(f'analyser {a.name:10} {state:15} {a.detail}{" (in use)" if a.in_use else ""}')
    return 0 if all(s.ok for s in statuses if s.configured) and all(a.ok for a in analysers if a.configured) else 1


def _fonts(_args: argparse.Namespace) -> int:
    from routix.render.fonts import font_report

    _out(json.dumps(font_report(), indent=2, ensure_ascii=False))
    return 0


def _usage(parser: argparse.ArgumentParser) -> int:
    """Print how to use a command that was given no action; exit code 2 like any other bad input."""
    parser.print_help()
    return 2


def _out(text: str) -> None:
    sys.stdout.write(text + '\n')


def _err(text: str) -> None:
    sys.stderr.write(f'routix: {text}\n')


if __name__ == '__main__':
    sys.exit(main())
