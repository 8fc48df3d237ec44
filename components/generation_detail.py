"""The whole recipe of one generation: prompt, analysis, template and score, tier, provider, timings, credits."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from components.badges import is_colour, palette_swatches, status_chip, vocab
from components.feed_preview import feed_link
from components.history_grid import created_text
from components.proposal_card import BREAKDOWN_KEYS, reason_text
from routix.generation.views import GenerationView
from routix.i18n import t

TIMING_KEYS: tuple[str, ...] = ('analysing', 'matching', 'background', 'composing', 'finalising')
TEXT_LAYER_KEYS: tuple[str, ...] = (
    'headline',
    'subtitle',
    'direction',
    'font_role',
    'color',
    'outline_color',
    'outline_width',
    'shadow',
    'scale',
    'align',
    'offset_x',
    'uppercase',
    'max_lines',
)


def generation_detail(view: GenerationView, *, lang: str, template_names: dict[str, str]) -> None:
    """Render the recipe into the current container; ``template_names`` maps slugs to display names."""
    with ui.column().classes('w-full gap-4').mark('generation-detail'):
        if view.image_url:
            image = (
                ui.image(view.image_url).classes('w-full rounded-xl shadow').props('ratio=1.7778').mark('detail-image')
            )
            image.props['alt'] = t('gen.alt', lang, headline=view.headline)
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(view.headline or t('hist.no_headline', lang)).classes('text-xl font-black').props('dir=auto')
            ui.space()
            if view.status == 'completed' and view.image_url:
                feed_link(view.id, lang)
            status_chip(view.status, lang)
        if error := view.error_text(lang):
            ui.label(error).classes('text-negative text-sm').mark('detail-error')
        if notice := view.notice_text(lang):
            ui.label(notice).classes('text-blue-9 text-sm').mark('detail-notice')
        _section(t('detail.prompt', lang))
        ui.label(view.prompt).classes('whitespace-pre-wrap').props('dir=auto').mark('detail-prompt')
        _analysis(view.analysis, lang)
        _template(view, lang, template_names)
        _section(t('detail.tier', lang))
        with ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-4 gap-2'):
            _fact(t('detail.tier', lang), view.tier_text(lang), 'detail-tier')  # what really made it
            _fact(t('detail.provider', lang), view.provider or t('detail.none', lang), 'detail-provider')
            _fact(t('detail.model', lang), view.model or t('detail.none', lang), 'detail-model')
            credits = t('detail.charged', lang, n=view.credits_charged)
            if view.refunded:
                credits += f' · {t("detail.refunded", lang)}'
            _fact(t('detail.credits', lang), credits, 'detail-credits')
        _timings(view.timings, lang)
        _text_layer(view.text_layer, lang)
        ui.label(f'{t("detail.created", lang)}: {created_text(view)}').classes('text-xs opacity-70')


def _section(title: str) -> None:
    ui.label(title).classes('text-xs font-bold uppercase tracking-wide opacity-70 pt-2')


def _fact(label: str, value: str, marker: str = '') -> None:
    with ui.column().classes('gap-0 min-w-0'):
        ui.label(label).classes('text-[11px] opacity-70')
        item = ui.label(value).classes('font-medium break-words').props('dir=auto')
        if marker:
            item.mark(marker)


def _analysis(analysis: dict[str, Any], lang: str) -> None:
    if not analysis:
        return
    _section(t('detail.analysis', lang))
    with ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-4 gap-2').mark('detail-analysis'):
        _fact(t('proposal.category', lang), vocab('category', str(analysis.get('category', '')), lang))
        _fact(t('proposal.style', lang), vocab('style', str(analysis.get('style', '')), lang))
        _fact(t('proposal.mood', lang), vocab('mood', str(analysis.get('mood', '')), lang))
        _fact(t('proposal.language', lang), vocab('language', str(analysis.get('language', '')), lang))
        _fact(t('proposal.headline', lang), str(analysis.get('headline', '')) or t('detail.none', lang))
        _fact(t('detail.subtitle', lang), str(analysis.get('subtitle', '')) or t('detail.none', lang))
        _fact(t('detail.subject', lang), str(analysis.get('subject', '')) or t('detail.none', lang))
        _fact(t('detail.direction', lang), str(analysis.get('direction', '')) or t('detail.none', lang))
        confidence = analysis.get('confidence')
        _fact(
            t('detail.confidence', lang),
            f'{round(float(confidence) * 100)}%' if isinstance(confidence, int | float) else t('detail.none', lang),
        )
        _fact(t('detail.source', lang), str(analysis.get('source', '')) or t('detail.none', lang))
        with ui.column().classes('gap-1'):
            ui.label(t('proposal.palette', lang)).classes('text-[11px] opacity-70')
            palette_swatches(list(analysis.get('palette') or []), size='w-5 h-5')


def _template(view: GenerationView, lang: str, names: dict[str, str]) -> None:
    _section(t('detail.template', lang))
    chosen = view.match.get('chosen') or {}
    slug = view.template_slug or chosen.get('slug') or ''
    score = view.template_score if view.template_score is not None else chosen.get('score')
    with ui.row().classes('w-full items-center gap-3'):
        ui.label(names.get(slug, slug) or t('detail.none', lang)).classes('font-bold').mark('detail-template')
        if isinstance(score, int | float):
            ui.badge(f'{t("detail.score", lang)} {round(score * 100)}%', color='primary').mark('detail-score')
    breakdown = chosen.get('breakdown') or {}
    if breakdown:
        with ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-3 gap-x-4 gap-y-1'):
            for key in BREAKDOWN_KEYS:
                if key in breakdown:
                    value = max(0.0, min(float(breakdown[key]), 1.0))
                    with ui.column().classes('gap-0'):
                        text = f'{t(f"proposal.breakdown.{key}", lang)} · {round(value * 100)}%'
                        ui.label(text).classes('text-[11px] opacity-70')
                        bar = ui.linear_progress(value=value, show_value=False, size='4px').props('rounded')
                        bar.props['aria-label'] = text  # a progress bar needs a name of its own
    if chosen.get('reasons'):
        ui.label(' · '.join(reason_text(r, lang) for r in chosen['reasons'])).classes('text-xs opacity-80')
    runners = view.match.get('runners_up') or []
    if runners:
        ui.label(t('detail.runners_up', lang)).classes('text-[11px] opacity-70')
        with ui.row().classes('gap-2').mark('detail-runners-up'):
            for runner in runners:
                ui.chip(
                    f'{names.get(runner.get("slug", ""), runner.get("name", ""))} · '
                    f'{round(float(runner.get("score", 0)) * 100)}%'
                ).props('dense outline')


def _timings(timings: dict[str, Any], lang: str) -> None:
    if not timings:
        return
    _section(t('detail.timings', lang))
    with ui.element('div').classes('w-full grid grid-cols-3 sm:grid-cols-6 gap-2').mark('detail-timings'):
        for key in TIMING_KEYS:
            if key in timings:
                _fact(t(f'gen.stage.{key}', lang), f'{timings[key]} ms', f'timing-{key}')
        if 'total' in timings:
            _fact(t('detail.total', lang), f'{timings["total"]} ms', 'timing-total')


def _text_layer(layer: dict[str, Any], lang: str) -> None:
    if not layer:
        return
    _section(t('detail.text_layer', lang))
    with ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-4 gap-2 text-sm').mark('detail-text-layer'):
        for key in TEXT_LAYER_KEYS:
            if key not in layer:
                continue
            value = layer[key]
            with ui.column().classes('gap-0 min-w-0'):
                ui.label(t(f'detail.layer.{key}', lang)).classes('text-[11px] opacity-70')
                if is_colour(value):
                    with ui.row().classes('items-center gap-1'):
                        palette_swatches([value], size='w-4 h-4')
                        ui.label(str(value)).classes('font-mono text-xs')
                else:
                    ui.label(str(value) if value not in ('', None) else t('detail.none', lang)).classes(
                        'break-words'
                    ).props('dir=auto')
