"""A generation in the chat thread: the five stages with live progress, then the image and its downloads."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from nicegui import ui
from nicegui.events import ClickEventArguments

from components.badges import status_chip
from components.feed_preview import feed_link
from routix.generation.views import STAGES, GenerationView
from routix.i18n import t

STAGE_KEYS: tuple[str, ...] = ('queued', 'analysing', 'matching', 'background', 'composing', 'finalising')
assert len(STAGE_KEYS) == len(STAGES), 'one translation key per pipeline stage'
CancelHandler = Callable[[int], Awaitable[None] | None]
OpenHandler = Callable[[int], Awaitable[None] | None]


class GenerationCard(ui.card):
    """One thumbnail job; call ``show`` with every new view of it (the page does, from the per-user event)."""

    def __init__(
        self,
        view: GenerationView,
        *,
        lang: str,
        version: int | None,
        summary: str = '',
        on_cancel: CancelHandler,
        on_open_history: OpenHandler,
        on_regenerate: OpenHandler | None = None,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.view = view
        self._on_cancel = on_cancel
        self._on_open_history = on_open_history
        self._on_regenerate = on_regenerate
        self.classes('w-full rounded-2xl shadow-md p-4 gap-3').mark('generation', f'generation-{view.id}')
        with self:
            with ui.row().classes('w-full items-center justify-between no-wrap'):
                with ui.row().classes('items-center gap-2 no-wrap'):
                    ui.icon('image', color='primary', size='sm')
                    self._title = ui.label().classes('font-bold').mark('generation-title')
                    self.set_version(version)
                self._chip_slot = ui.element('div')
            if summary:
                ui.label(summary).classes('text-sm opacity-80').props('dir=auto').mark('edit-summary')
            with ui.row().classes('w-full gap-x-4 gap-y-1 items-center'):
                self._stage_marks = [_StageMark(STAGE_KEYS[index], lang) for index in range(1, len(STAGES))]
            self._progress = (
                ui.linear_progress(value=0, show_value=False, size='8px', color='primary')
                .props('rounded animation-speed=400')
                .mark('generation-progress')
            )
            with ui.row().classes('w-full items-center justify-between') as self._controls:
                self._queue = ui.label().classes('text-sm opacity-70').mark('queue-position')
                self._cancel = (
                    ui.button(t('gen.cancel', lang), icon='close', on_click=self._cancel_clicked)
                    .props('flat dense no-caps color=negative')
                    .mark('cancel')
                )
            self._notice = ui.row().classes('items-center gap-2 text-sm text-blue-9 no-wrap')
            self._error = ui.row().classes('items-start gap-2 text-sm text-negative no-wrap')
            self._result = ui.column().classes('w-full gap-3')
        self._result_built = False
        self._chip_status = ''
        self.show(view)

    def set_version(self, version: int | None) -> None:
        """The title: 'Version N' (the version strip's number), the plain title for the first or an unnumbered one."""
        self._title.set_text(
            t('gen.version', self.lang, n=version) if version and version > 1 else t('gen.title', self.lang)
        )

    def show(self, view: GenerationView) -> None:
        """Render the state of ``view`` (stages, progress, queue place, result or reason)."""
        self.view = view
        if view.emitted_at is not None:  # how long a live update took: sent (any process) → shown here → in the tab
            self._props['data-emitted'] = f'{view.emitted_at * 1000:.1f}'
            self._props['data-shown'] = f'{time.time() * 1000:.1f}'
        if view.status != self._chip_status:  # a live update changes only what changed: the next one arrives sooner
            self._chip_status = view.status
            self._chip_slot.clear()
            with self._chip_slot:
                status_chip(view.status, self.lang).mark('generation-status')
        self._render_stages(view)
        running = not view.finished
        self._progress.value = 1.0 if view.status == 'completed' else max(0, min(view.progress, 100)) / 100
        self._progress.set_visibility(running)
        self._queue.text = t('gen.queue', self.lang, n=view.queue_position) if view.queue_position else ''
        self._queue.set_visibility(bool(view.queue_position) and running)
        self._cancel.set_visibility(running)
        self._controls.set_visibility(running)
        self._notice.clear()
        notice = view.notice_text(self.lang)
        self._notice.set_visibility(bool(notice))
        if notice:
            with self._notice:
                ui.icon('info', size='xs')
            with self._notice, ui.column().classes('gap-0'):
                if view.requested_tier:  # what really made it: 'Basic — Premium provider unavailable, refunded'
                    ui.label(view.tier_text(self.lang)).classes('font-bold').mark('generation-tier')
                ui.label(notice).mark('generation-notice')
        self._error.clear()
        self._error.set_visibility(view.status in ('failed', 'cancelled'))
        if view.status in ('failed', 'cancelled'):
            with self._error:
                ui.icon('error_outline', size='xs')
                fallback = t('gen.failed' if view.status == 'failed' else 'gen.cancelled', self.lang)
                ui.label(view.error_text(self.lang) or fallback).mark('generation-error')
        if view.status == 'completed' and view.image_url and not self._result_built:
            self._build_result(view)
        self._result.set_visibility(self._result_built)

    def _render_stages(self, view: GenerationView) -> None:
        current = view.stage if view.status == 'processing' else (len(STAGES) if view.status == 'completed' else 0)
        for index, mark in enumerate(self._stage_marks, start=1):
            if index == current and view.status == 'processing':
                mark.set('active')
            else:
                mark.set('done' if index < current or view.status == 'completed' else 'todo')

    def _build_result(self, view: GenerationView) -> None:
        self._result_built = True
        with self._result:
            image = ui.image(view.image_url or '').classes('w-full rounded-xl shadow').props('ratio=1.7778')
            image.props['alt'] = t('gen.alt', self.lang, headline=view.headline)
            image.mark('generation-image')
            with ui.row().classes('w-full gap-2'):
                jpeg = ui.button(t('gen.download', self.lang), icon='download').props('unelevated no-caps rounded')
                jpeg.props['href'] = f'{view.image_url}?download=1'
                jpeg.mark('download-jpeg')
                if view.png_url:
                    png = ui.button(t('gen.download_png', self.lang), icon='hd').props('outline no-caps rounded')
                    png.props['href'] = f'{view.png_url}?download=1'
                    png.mark('download-png')
                feed_link(view.id, self.lang)
                ui.button(
                    t('gen.open_history', self.lang),
                    icon='history',
                    on_click=lambda: self._on_open_history(self.view.id),
                ).props('flat no-caps rounded').mark('open-history')
                if self._on_regenerate is not None:  # a new take: new seed, maybe the other side (charged as new)
                    regenerate = ui.button(t('gen.regenerate', self.lang), icon='autorenew', on_click=self._regenerate)
                    regenerate.props('flat no-caps rounded').mark('regenerate')
                    regenerate.props['aria-label'] = t('gen.regenerate_label', self.lang)

    async def _regenerate(self, e: ClickEventArguments) -> None:
        button = e.sender
        if self._on_regenerate is None or not isinstance(button, ui.button):
            return
        button.disable()  # one click, one new (maybe charged) generation
        try:
            result = self._on_regenerate(self.view.id)
            if result is not None:
                await result
        finally:
            if not button.is_deleted:
                button.enable()

    async def _cancel_clicked(self) -> None:
        self._cancel.disable()
        try:
            result = self._on_cancel(self.view.id)
            if result is not None:
                await result
        finally:
            if not self._cancel.is_deleted:
                self._cancel.enable()


_STAGE_LABEL = {'active': 'font-bold text-primary', 'done': 'opacity-80', 'todo': 'opacity-60'}


class _StageMark:
    """One stage in the card's row: a spinner while it runs, a check once done, an empty circle before; built once
    and switched in place, so a live update sends a few changed props instead of a rebuilt row."""

    def __init__(self, key: str, lang: str) -> None:
        self.state = ''
        with ui.row().classes('items-center gap-1 no-wrap').mark(f'stage-{key}'):
            self._spinner = ui.spinner(size='1em', color='primary')
            self._icon = ui.icon('radio_button_unchecked', size='1em', color='grey-5')
            self._label = ui.label(t(f'gen.stage.{key}', lang)).classes('text-xs')
        self.set('todo')

    def set(self, state: str) -> None:
        """Show the stage as 'active', 'done' or 'todo' (nothing is sent when it already is)."""
        if state == self.state:
            return
        self.state = state
        self._spinner.set_visibility(state == 'active')
        self._icon.set_visibility(state != 'active')
        self._icon.name = 'check_circle' if state == 'done' else 'radio_button_unchecked'
        self._icon.set_text_color('positive' if state == 'done' else 'grey-5')
        self._label.classes(replace='text-xs ' + _STAGE_LABEL[state])
