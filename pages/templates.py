"""The template browser (`/templates`) and the public preview route (`/template-preview/<slug>.webp`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response
from nicegui import app, ui

from components.badges import vocab
from components.template_card import template_card
from routix.design.catalog import TemplateFilter
from routix.design.previews import preview_bytes, preview_url
from routix.i18n import pick_language, t
from routix.models import User
from routix.vocabulary import CATEGORIES, MOODS, STYLES

from .shell import frame, signed_in_user

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the template browser and the preview images."""

    @ui.page('/templates', title='Routix · Templates')
    async def templates_page(request: Request) -> None:
        user = await signed_in_user(services, request)
        TemplatesPage(services, user).build()

    @app.get('/template-preview/{slug}.webp', include_in_schema=False)
    async def template_preview(slug: str) -> Response:
        # templates are shipped design data, not user data: public, but only for slugs the catalog knows
        spec = services.catalog.by_slug.get(slug)
        if spec is None:
            return PlainTextResponse('Not Found', status_code=404)
        data = await preview_bytes(spec, services.settings.data_dir, runtime=services.runtime)
        return Response(
            content=data,
            media_type='image/webp',
            headers={'Cache-Control': 'public, max-age=604800, immutable', 'X-Content-Type-Options': 'nosniff'},
        )


class TemplatesPage:
    """One open template browser."""

    def __init__(self, services: Services, user: User) -> None:
        self.services = services
        self.user = user
        self.lang = pick_language(user.locale)
        self.flt = TemplateFilter()
        self.selects: dict[str, ui.select] = {}
        self._quiet = False

    def build(self) -> None:
        """Filters on top, the grid below (filtered in memory: the catalog is small and already loaded)."""
        lang = self.lang
        ui.page_title(f'Routix · {t("nav.templates", lang)}')
        with frame(services=self.services, user=self.user, active='templates'):
            with ui.column().classes('w-full gap-1'):
                ui.label(t('tpl.title', lang)).classes('text-2xl font-black')
                ui.label(t('tpl.subtitle', lang)).classes('opacity-80')
            with ui.row().classes('w-full items-center gap-3'):
                self.search = (
                    ui.input(placeholder=t('tpl.search', lang), on_change=lambda e: self._set('search', e.value or ''))
                    .props('outlined dense clearable debounce=250 dir=auto')
                    .classes('w-full sm:w-72')
                    .mark('template-search')
                )
                with self.search.add_slot('prepend'):
                    ui.icon('search')
                self._select('category', CATEGORIES, t('tpl.category', lang))
                self._select('style', STYLES, t('tpl.style', lang))
                self._select('mood', MOODS, t('tpl.mood', lang))
                ui.space()
                self.count = ui.label().classes('text-sm opacity-70').mark('template-count')
            self.grid = (
                ui.element('div')
                .classes('w-full grid gap-5 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4')
                .mark('template-grid')
            )
            self.empty = ui.column().classes('w-full items-center gap-3 py-16').mark('template-empty')
            with self.empty:
                ui.icon('search_off', size='3rem', color='grey-5')
                ui.label(t('tpl.empty', lang)).classes('text-lg opacity-80')
                ui.button(t('tpl.clear', lang), icon='filter_alt_off', on_click=self._clear).props(
                    'outline rounded no-caps'
                ).mark('clear-filters')
        self._render()

    def _select(self, key: str, values: tuple[str, ...], label: str) -> None:
        options = {'': t('studio.any', self.lang), **{v: vocab(key, v, self.lang) for v in values}}
        self.selects[key] = (
            ui.select(options, value='', label=label, on_change=lambda e: self._set(key, e.value or ''))
            .props('outlined dense options-dense')
            .classes('w-[calc(50%-0.5rem)] sm:w-40')
            .mark(f'filter-{key}')
        )

    def _set(self, key: str, value: str) -> None:
        setattr(self.flt, key, value)
        if not self._quiet:
            self._render()

    def _clear(self) -> None:
        self._quiet = True  # one render for the whole reset, not one per field
        try:
            self.search.set_value('')
            for select in self.selects.values():
                select.set_value('')
        finally:
            self._quiet = False
        self.flt = TemplateFilter()
        self._render()

    def _render(self) -> None:
        specs = self.services.catalog.filter(self.flt)
        self.grid.clear()
        with self.grid:
            for spec in specs:
                template_card(spec, preview_url=preview_url(spec), lang=self.lang, on_use=self._use)
        self.count.text = t('tpl.count', self.lang, n=len(specs))
        self.empty.set_visibility(not specs)

    def _use(self, slug: str) -> None:
        ui.navigate.to(f'/?template={slug}')
