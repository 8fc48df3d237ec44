"""A template in the browser: its rendered preview (lazy-loaded), name, vocabulary, palette and tags."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from components.badges import palette_swatches, vocab
from routix.design.templates import TemplateSpec
from routix.i18n import t


def template_card(spec: TemplateSpec, *, preview_url: str, lang: str, on_use: Callable[[str], None]) -> ui.card:
    """One card; ``on_use(slug)`` when the creator wants to start a chat with it."""
    name, other = (spec.name_fa, spec.name) if lang == 'fa' else (spec.name, spec.name_fa)
    card = (
        ui.card()
        .tight()
        .classes('rounded-2xl shadow-md overflow-hidden hover:shadow-xl transition-shadow')
        .mark('template-card', f'template-{spec.slug}')
    )
    with card:
        image = (
            ui.image(preview_url)
            .props('ratio=1.7778 loading=lazy spinner-color=primary')
            .classes('w-full')
            .mark('template-preview')
        )
        image.props['alt'] = name
        with ui.column().classes('w-full flex-grow p-4 gap-2'):
            with ui.column().classes('gap-0'):
                ui.label(name).classes('text-base font-bold leading-tight').props('dir=auto').mark('template-name')
                ui.label(other).classes('text-xs opacity-70').props('dir=auto')
            with ui.row().classes('gap-1'):
                for kind, value in (('category', spec.category), ('style', spec.style), ('mood', spec.mood)):
                    ui.badge(vocab(kind, value, lang), color='grey-3', text_color='grey-9').props('rounded')
                if 'arabic' in spec.scripts:
                    ui.badge(t('tpl.persian', lang), color='teal-1', text_color='teal-9').props('rounded')
            palette_swatches(list(spec.palette), size='w-5 h-5')
            if spec.tags:
                ui.label(' '.join(f'#{tag}' for tag in spec.tags[:6])).classes('text-xs opacity-70 truncate')
            ui.button(t('tpl.use', lang), icon='arrow_forward', on_click=lambda: on_use(spec.slug)).props(
                'unelevated rounded no-caps'
            ).classes('w-full mt-auto').mark('use-template', f'use-{spec.slug}')
    return card
