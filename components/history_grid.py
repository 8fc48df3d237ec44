"""A generation in the history grid: preview, headline, status, tier, time, and what can be done with it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nicegui import ui

from components.badges import status_chip
from components.tips import tip
from routix.generation.views import GenerationView
from routix.i18n import t

Action = Callable[[int], Awaitable[None] | None]


@dataclass(kw_only=True, slots=True)
class HistoryActions:
    """What the page does when a card's buttons are used (each gets the generation id)."""

    open: Action
    favourite: Callable[[int, bool], Awaitable[None] | None]
    remix: Action
    delete: Action


def created_text(view: GenerationView) -> str:
    """When a generation was made, as the server knows it (UTC)."""
    return view.created_at.strftime('%Y-%m-%d %H:%M') + ' UTC'


class HistoryCard(ui.card):
    """One card; ``show`` re-renders it from a newer view (live progress, favourite toggled)."""

    def __init__(self, view: GenerationView, *, lang: str, actions: HistoryActions) -> None:
        super().__init__()
        self.lang = lang
        self.actions = actions
        self.view = view
        self.tight().classes('rounded-2xl shadow-md overflow-hidden').mark('history-card', f'history-{view.id}')
        self.show(view)

    def show(self, view: GenerationView) -> None:
        """Render ``view``."""
        self.view = view
        lang = self.lang
        self.clear()
        with self:
            self._picture(view)
            with ui.column().classes('w-full p-3 gap-2'):
                ui.label(view.headline or t('hist.no_headline', lang)).props('dir=auto').classes(
                    'font-bold leading-tight line-clamp-2 cursor-pointer'
                ).mark('history-headline').on('click', lambda: self.actions.open(view.id))
                with ui.row().classes('w-full items-center gap-2'):
                    status_chip(view.status, lang)
                    # what really made the image: a paid job finished by the basic renderer says so
                    fell_back = bool(view.requested_tier)
                    ui.badge(
                        view.tier_text(lang),
                        color='orange-1' if fell_back else 'grey-3',
                        text_color='orange-10' if fell_back else 'grey-9',
                    ).props('rounded').classes('whitespace-normal text-left').mark('history-tier')
                    ui.space()
                    ui.label(created_text(view)).classes('text-[11px] opacity-70')
                with ui.row().classes('w-full items-center gap-0 no-wrap'):
                    star = ui.button(
                        icon='star' if view.favourite else 'star_border',
                        on_click=lambda: self.actions.favourite(view.id, not view.favourite),
                    ).props(f'flat round dense color={"amber-8" if view.favourite else "grey-7"}')
                    tip(star, t('hist.unfavourite' if view.favourite else 'hist.favourite', lang))
                    star.mark('favourite', 'favourite-on' if view.favourite else 'favourite-off')
                    if view.image_url:
                        self._link(view.image_url, 'download', t('hist.download', lang), 'download-jpeg')
                    if view.png_url:
                        self._link(view.png_url, 'hd', t('hist.download_png', lang), 'download-png')
                    ui.space()
                    remix = ui.button(icon='shuffle', on_click=lambda: self.actions.remix(view.id))
                    tip(remix.props('flat round dense color=primary'), t('hist.remix', lang)).mark('remix')
                    details = ui.button(icon='info', on_click=lambda: self.actions.open(view.id))
                    tip(details.props('flat round dense color=grey-8'), t('hist.details', lang)).mark('details')
                    delete = ui.button(icon='delete', on_click=lambda: self.actions.delete(view.id))
                    tip(delete.props('flat round dense color=negative'), t('studio.delete', lang))
                    delete.mark('delete-generation')
                    if not view.finished:
                        delete.disable()  # the service refuses it too: cancel first

    def _picture(self, view: GenerationView) -> None:
        if view.preview_url:
            image = (
                ui.image(view.preview_url)
                .props('ratio=1.7778 loading=lazy')
                .classes('w-full cursor-pointer')
                .mark('history-preview')
            )
            image.props['alt'] = view.headline
            image.on('click', lambda: self.actions.open(view.id))
            return
        with (
            ui.element('div')
            .classes('w-full aspect-video bg-black/5 flex flex-col items-center justify-center gap-2 cursor-pointer')
            .on('click', lambda: self.actions.open(view.id))
        ):
            if view.finished:
                ui.icon('image_not_supported' if view.status != 'completed' else 'image', size='2rem', color='grey-6')
            else:
                ui.spinner(size='2rem', color='primary')
                ui.linear_progress(value=view.progress / 100, show_value=False, size='6px').classes('w-2/3').props(
                    'rounded'
                ).mark('history-progress')

    @staticmethod
    def _link(url: str, icon: str, label: str, marker: str) -> None:
        button = ui.button(label, icon=icon).props('flat dense no-caps size=sm').mark(marker)
        button.props['href'] = f'{url}?download=1'
