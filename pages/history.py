"""The history page (`/history`, `/history?g=<id>`): the creator's generations, filters, live updates, actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from nicegui import ui

from components.badges import vocab
from components.dialogs import confirm
from components.generation_detail import generation_detail
from components.history_grid import HistoryActions, HistoryCard
from components.tips import tip
from routix.core.errors import RoutixError
from routix.generation.history import PAGE_SIZE, HistoryFilter
from routix.generation.views import GenerationView
from routix.i18n import pick_language, t
from routix.models import User
from routix.vocabulary import CATEGORIES, TIERS

from .ids import parse_id
from .shell import frame, signed_in_user

if TYPE_CHECKING:
    from routix.core.services import Services

STATUSES: tuple[str, ...] = ('queued', 'processing', 'completed', 'failed', 'cancelled')


def register(services: Services) -> None:
    """Add the history page."""

    @ui.page('/history', title='Routix · History')
    async def history_page(request: Request, g: str = '') -> None:
        user = await signed_in_user(services, request)
        page = HistoryPage(services, user)
        await page.build()
        generation_id = parse_id(g)
        if generation_id is not None:
            await page.open_detail(generation_id)


class HistoryPage:
    """One open history tab: a filtered, paginated grid that follows this creator's events."""

    def __init__(self, services: Services, user: User) -> None:
        assert user.id is not None
        self.services = services
        self.user = user
        self.owner_id: int = user.id
        self.lang = pick_language(user.locale)
        self.flt = HistoryFilter()
        self.cards: dict[int, HistoryCard] = {}
        self.oldest_id: int | None = None
        self.newest_id: int | None = None
        self._query = 0  # bumped on every reload, so a slow answer to an older filter is dropped
        self.actions = HistoryActions(
            open=self.open_detail, favourite=self._favourite, remix=self._remix, delete=self._delete
        )

    async def build(self) -> None:
        """Filters, grid, Load more; then the first page."""
        lang = self.lang
        self.services.generation.updates_for(self.owner_id).subscribe(self._on_update)
        self.services.history.deletions_for(self.owner_id).subscribe(self._on_deleted)
        ui.page_title(f'Routix · {t("nav.history", lang)}')
        with frame(services=self.services, user=self.user, active='history'):
            with ui.column().classes('w-full gap-1'):
                ui.label(t('hist.title', lang)).classes('text-2xl font-black')
                ui.label(t('hist.subtitle', lang)).classes('opacity-80')
            with ui.row().classes('w-full items-center gap-3'):
                search = (
                    ui.input(placeholder=t('hist.search', lang), on_change=lambda e: self._set('search', e.value))
                    .props('outlined dense clearable debounce=300 dir=auto')
                    .classes('w-full sm:w-72')
                    .mark('history-search')
                )
                with search.add_slot('prepend'):
                    ui.icon('search')
                self._select('status', STATUSES, t('hist.status', lang))
                self._select('tier', TIERS, t('hist.tier', lang))
                self._select('category', CATEGORIES, t('hist.category', lang))
                ui.switch(t('hist.favourites', lang), on_change=lambda e: self._set('favourites_only', e.value)).props(
                    'color=amber-8'
                ).mark('filter-favourites')
            self.spinner = ui.row().classes('w-full justify-center py-10')
            with self.spinner:
                ui.spinner(size='xl', color='primary')
            self.grid = (
                ui.element('div')
                .classes('w-full grid gap-5 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4')
                .mark('history-grid')
            )
            self.empty = ui.column().classes('w-full items-center gap-3 py-16').mark('history-empty')
            self.more = (
                ui.button(t('hist.load_more', lang), icon='expand_more', on_click=self._load_more)
                .props('outline rounded no-caps')
                .classes('self-center')
                .mark('load-more')
            )
        await self.reload()

    def _select(self, key: str, values: tuple[str, ...], label: str) -> None:
        options = {'': t('studio.any', self.lang), **{v: vocab(key, v, self.lang) for v in values}}
        ui.select(options, value='', label=label, on_change=lambda e: self._set(key, e.value or '')).props(
            'outlined dense options-dense'
        ).classes('w-[calc(50%-0.5rem)] sm:w-40').mark(f'filter-{key}')

    async def _set(self, key: str, value: object) -> None:
        setattr(self.flt, key, value if isinstance(value, bool) else str(value or ''))
        await self.reload()

    async def reload(self) -> None:
        """Show the first page for the current filters."""
        self._query += 1
        query = self._query
        self.spinner.set_visibility(True)
        views = await self.services.history.page(owner_id=self.owner_id, flt=self.flt)
        if query != self._query or self.grid.is_deleted:
            return
        self.spinner.set_visibility(False)
        self.grid.clear()
        self.cards.clear()
        self.oldest_id = self.newest_id = None
        self._append(views)

    async def _load_more(self) -> None:
        query = self._query
        self.more.props('loading')
        views = await self.services.history.page(owner_id=self.owner_id, flt=self.flt, before_id=self.oldest_id)
        self.more.props(remove='loading')
        if query == self._query:
            self._append(views)

    def _append(self, views: list[GenerationView]) -> None:
        with self.grid:
            for view in views:
                if view.id not in self.cards:
                    self.cards[view.id] = HistoryCard(view, lang=self.lang, actions=self.actions)
        if views:
            self.oldest_id = min(views[-1].id, self.oldest_id or views[-1].id)
            self.newest_id = max(views[0].id, self.newest_id or 0)
        self.more.set_visibility(len(views) == PAGE_SIZE)
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.clear()
        if self.cards:
            self.empty.set_visibility(False)
            return
        self.empty.set_visibility(True)
        filtered = self.flt != HistoryFilter()
        with self.empty:
            ui.icon('search_off' if filtered else 'photo_library', size='3rem', color='grey-5')
            ui.label(t('hist.empty_filtered' if filtered else 'hist.empty', self.lang)).classes('text-lg opacity-80')
            if not filtered:
                ui.button(t('hist.start', self.lang), icon='auto_awesome', on_click=lambda: ui.navigate.to('/')).props(
                    'unelevated rounded no-caps'
                )

    # ---- events (this creator's only) ----------------------------------------------------------------------------

    def _on_update(self, view: GenerationView) -> None:
        card = self.cards.get(view.id)
        if card is not None:
            if not card.is_deleted:
                card.show(view)
            return
        if self.flt == HistoryFilter() and (self.newest_id is None or view.id > self.newest_id):
            with self.grid:  # made in another tab (or the chat) while this one is open: it goes first
                card = HistoryCard(view, lang=self.lang, actions=self.actions)
            card.move(target_index=0)
            self.cards[view.id] = card
            self.newest_id = view.id
            self.oldest_id = self.oldest_id or view.id
            self._update_empty()

    def _on_deleted(self, generation_id: int) -> None:
        card = self.cards.pop(generation_id, None)
        if card is not None and not card.is_deleted:
            card.delete()
        self._update_empty()

    # ---- actions -------------------------------------------------------------------------------------------------

    async def open_detail(self, generation_id: int) -> None:
        """The recipe dialog of one generation (NotFound for anyone else's)."""
        try:
            view = await self.services.generation.get(owner_id=self.owner_id, generation_id=generation_id)
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='warning')
            return
        names = self.services.catalog.display_names(self.lang)
        with (
            ui.dialog(value=True).props('maximized-on-mobile') as dialog,
            ui.card().classes('w-[56rem] max-w-full rounded-2xl p-5').mark('detail-dialog'),
        ):
            dialog.props['aria-label'] = t('detail.title', self.lang)  # a dialog is announced by its name
            with ui.row().classes('w-full items-center'):
                ui.label(t('detail.title', self.lang)).classes('text-lg font-bold')
                ui.space()
                close = ui.button(icon='close', on_click=dialog.delete).props('flat round dense').mark('close-detail')
                tip(close, t('studio.close', self.lang))  # an icon button needs a name for screen readers
            generation_detail(view, lang=self.lang, template_names=names)
            with ui.row().classes('w-full justify-end gap-2 pt-2'):
                ui.button(t('hist.remix', self.lang), icon='shuffle', on_click=lambda: self._remix(view.id)).props(
                    'outline rounded no-caps'
                ).mark('detail-remix')
                ui.button(t('studio.close', self.lang), on_click=dialog.delete).props('unelevated rounded no-caps')
        dialog.on('hide', dialog.delete)  # dismissed by a click outside or Escape

    async def _favourite(self, generation_id: int, favourite: bool) -> None:
        try:
            view = await self.services.history.set_favourite(
                owner_id=self.owner_id, generation_id=generation_id, favourite=favourite
            )
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return
        card = self.cards.get(generation_id)
        if card is not None and not card.is_deleted:
            card.show(view)

    async def _remix(self, generation_id: int) -> None:
        try:
            conversation = await self.services.chat.remix(owner_id=self.owner_id, generation_id=generation_id)
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return
        ui.navigate.to(f'/?c={conversation.id}')

    async def _delete(self, generation_id: int) -> None:
        if not await confirm(
            message=t('hist.delete_confirm', self.lang),
            ok=t('studio.delete', self.lang),
            cancel=t('studio.cancel', self.lang),
        ):
            return
        try:
            await self.services.history.delete(owner_id=self.owner_id, generation_id=generation_id)
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return
        ui.notify(t('hist.deleted', self.lang), type='positive')  # the card goes with the deletion event
