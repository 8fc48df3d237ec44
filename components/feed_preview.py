"""The feed preview: a thumbnail drawn into YouTube's surfaces, with the controls a creator judges it by.

Surface tabs (home, phone, up next, TV), a dark-theme switch, the video title, comparison thumbnails beside it,
the explained check, a three-variant set and the other-language version. The picture itself comes from the page's
owner-checked image route (``image_url``); every action is a callback of the page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from nicegui import background_tasks, ui

from components.check_report import check_report
from components.composer import ACCEPT
from routix.chat.views import UploadView
from routix.feed import SIZES, SURFACES
from routix.i18n import LANGUAGE_NAMES, t
from routix.language import is_arabic_script
from routix.variants import AXES

MAX_COMPARISONS = 4
"""what one tab may have waiting on the upload route at a time (the chat's per-message limit)"""


def feed_link(generation_id: int, lang: str) -> ui.button:
    """The 'Preview in feed' action of a finished thumbnail (chat card, history detail): opens ``/feed/<id>``."""
    button = ui.button(t('feed.open', lang), icon='smart_display').props('flat no-caps rounded color=primary')
    button.props['href'] = f'/feed/{generation_id}'
    return button.mark('open-feed')


@dataclass(kw_only=True, slots=True)
class FeedActions:
    """What the page does for the preview; a None action is not offered (with the reason shown)."""

    image_url: Callable[[str, str, str, list[int]], str]
    """(surface, theme, title, comparison upload ids) → the URL of the mockup PNG"""
    check: Callable[[str], Awaitable[dict[str, Any] | None]]
    """title → ``CheckReport.to_dict(lang)``"""
    remove_comparison: Callable[[int], Awaitable[None]]
    make_variants: Callable[[str], Awaitable[None]] | None = None
    """axis → start the set (None: the thumbnail is not in a chat)"""
    other_language: Callable[[str], Awaitable[None]] | None = None
    """translated headline → the other-language version (None: the thumbnail is not in a chat)"""


@dataclass(kw_only=True, slots=True)
class Upload:
    """Where comparison files go: the app's upload route, this session's CSRF token and this tab's key."""

    url: str
    csrf: str
    tab: str
    max_bytes: int


class FeedPreview(ui.column):
    """One thumbnail's preview; the page calls ``add_comparison`` when a file this tab sent was stored."""

    def __init__(
        self,
        *,
        lang: str,
        headline: str,
        dark: bool,
        upload: Upload,
        actions: FeedActions,
        price_text: str,
        back_url: str,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.headline = headline
        self.actions = actions
        self.surface = 'home'
        self.theme = 'dark' if dark else 'light'
        self.title = ''  # what the creator typed; the mockup shows the headline until then
        self.comparisons: list[UploadView] = []
        self.classes('w-full gap-4').mark('feed-preview')
        with self:
            with ui.row().classes('w-full items-center gap-2 no-wrap'):
                back = ui.button(icon='arrow_back').props('flat round').mark('feed-back')
                back.props['href'] = back_url
                back.props['aria-label'] = t('feed.back', lang)
                with ui.column().classes('gap-0 min-w-0'):
                    ui.label(t('feed.heading', lang)).classes('text-2xl font-black')
                    ui.label(t('feed.subheading', lang)).classes('text-sm opacity-80')
            self._controls()
            self._compare_panel(upload)
            with ui.element('div').classes('w-full flex justify-center overflow-x-auto rounded-xl p-2 bg-black/5'):
                self.image = ui.image('').mark('feed-image')
            with ui.element('div').classes('w-full grid gap-4 md:grid-cols-2 items-start'):
                with ui.card().classes('w-full rounded-2xl p-4 gap-2').mark('feed-check'):
                    ui.label(t('feed.check', lang)).classes('font-bold')
                    self.report = ui.column().classes('w-full')
                with ui.column().classes('w-full gap-4'):
                    self._variants_panel(price_text)
                    self._language_panel()
        self.refresh()

    def _controls(self) -> None:
        lang = self.lang
        with ui.row().classes('w-full items-center gap-2'):
            tabs = ui.tabs().props('dense no-caps inline-label align=left mobile-arrows outside-arrows')
            with tabs.classes('min-w-0 flex-grow').mark('feed-surfaces'):
                made = {
                    name: ui.tab(name, t(f'feed.surface.{name}', lang)).mark(f'feed-surface-{name}')
                    for name in SURFACES
                }
            tabs.set_value(made[self.surface])
            self.tabs = tabs
            tabs.on_value_change(lambda e: self._set_surface(str(e.value)))
            ui.switch(
                t('feed.dark', lang), value=self.theme == 'dark', on_change=lambda e: self._set_theme(e.value)
            ).mark('feed-dark')
        self.title_input = (
            ui.input(
                t('feed.video_title', lang),
                value=self.title,
                placeholder=self.headline,
                on_change=lambda e: self._set_title(str(e.value or '')),
            )
            .props('outlined dense stack-label dir=auto maxlength=100 counter debounce=400')
            .classes('w-full')
            .mark('feed-title')
        )
        self.title_input.props['hint'] = t('feed.video_title_hint', lang)

    def _compare_panel(self, upload: Upload) -> None:
        lang = self.lang
        with ui.row().classes('w-full items-center gap-3').mark('feed-compare'):
            picker = ui.element('input').classes('hidden').mark('upload', 'feed-upload')
            picker.props.update(
                {
                    'type': 'file',
                    'accept': ACCEPT,
                    'multiple': True,
                    'data-routix-upload': '',
                    'data-url': upload.url,
                    'data-csrf': upload.csrf,
                    'data-tab': upload.tab,
                    'data-max': str(upload.max_bytes),
                }
            )
            mb = upload.max_bytes // (1024 * 1024)
            picker.on('toobig', lambda: ui.notify(t('chat.file_too_big', lang, mb=mb), type='warning'))
            add = ui.button(t('feed.compare', lang), icon='add_photo_alternate').props('outline no-caps rounded')
            add.on('click', js_handler=f'() => document.getElementById("{picker.html_id}").click()')
            add.mark('feed-compare-add')
            self.thumbs = ui.row().classes('gap-3 items-center')
            ui.label(t('feed.compare_hint', lang)).classes('text-xs opacity-70 flex-1 min-w-[12rem]')

    def _variants_panel(self, price_text: str) -> None:
        lang = self.lang
        with ui.card().classes('w-full rounded-2xl p-4 gap-2').mark('feed-variants'):
            ui.label(t('feed.variants', lang)).classes('font-bold')
            ui.label(t('feed.variants_hint', lang)).classes('text-xs opacity-70')
            if self.actions.make_variants is None:
                ui.label(t('feed.no_conversation', lang)).classes('text-sm opacity-80').mark('variants-off')
                return
            options = {axis: t(f'feed.axis.{axis}', lang) for axis in AXES}
            self.axis = ui.select(options, value='layout', label=t('feed.axis', lang)).props('outlined dense')
            self.axis.classes('w-full').mark('variants-axis')
            ui.label(price_text).classes('text-sm').mark('variants-price')
            self.variants_button = ui.button(
                t('feed.variants_start', lang), icon='view_column', on_click=self._variants
            )
            self.variants_button.props('unelevated no-caps rounded').mark('variants-start')

    def _language_panel(self) -> None:
        lang = self.lang
        target = 'en' if any(is_arabic_script(ch) for ch in self.headline) else 'fa'
        with ui.card().classes('w-full rounded-2xl p-4 gap-2').mark('feed-language'):
            other = self.actions.other_language
            button = ui.button(t(f'feed.other_{target}', lang), icon='translate').props('outline no-caps rounded')
            button.mark('other-language')
            if other is None:
                button.disable()
                ui.label(t('feed.no_conversation', lang)).classes('text-xs opacity-70')
                return
            with ui.dialog() as dialog, ui.card().classes('w-full max-w-md gap-3'):
                label = t('feed.other_label', lang, language=LANGUAGE_NAMES[target])
                field = ui.input(label).props(f'outlined autofocus dir={"rtl" if target == "fa" else "ltr"}')
                field.classes('w-full').mark('other-headline')
                with ui.row().classes('w-full justify-end gap-2'):
                    ui.button(t('feed.cancel', lang), on_click=dialog.close).props('flat no-caps')

                    async def go() -> None:
                        headline = str(field.value or '').strip()
                        if headline:
                            dialog.close()
                            await other(headline)

                    ui.button(t('feed.other_go', lang), on_click=go).props('unelevated no-caps').mark('other-go')
            button.on_click(dialog.open)

    def add_comparison(self, upload: UploadView) -> None:
        """A comparison file this tab sent was stored: place it beside the thumbnail."""
        if any(u.id == upload.id for u in self.comparisons):
            return
        self.comparisons = [*self.comparisons, upload][-MAX_COMPARISONS:]
        self._show_thumbs()
        self.refresh(check=False)

    async def _remove(self, upload: UploadView) -> None:
        self.comparisons = [u for u in self.comparisons if u.id != upload.id]
        self._show_thumbs()
        self.refresh(check=False)
        await self.actions.remove_comparison(upload.id)

    def _show_thumbs(self) -> None:
        self.thumbs.clear()
        with self.thumbs:
            for upload in self.comparisons:
                with ui.element('div').classes('relative').mark('feed-comparison'):
                    ui.image(upload.url).classes('w-24 rounded-lg shadow').props('ratio=1.7778 fit=cover')
                    remove = ui.button(icon='close', on_click=lambda u=upload: self._remove(u))
                    remove.props('round dense size=xs color=dark').classes('absolute -top-2 -right-2').mark(
                        'feed-uncompare'
                    )
                    remove.props['aria-label'] = t('feed.remove_compare', self.lang)

    def choose_surface(self, surface: str) -> None:
        """Switch the surface tab (the page picks the phone on a narrow screen)."""
        if surface in SURFACES:
            self.tabs.set_value(surface)

    def _set_surface(self, surface: str) -> None:
        if surface in SURFACES:
            self.surface = surface
            self.refresh(check=False)

    def _set_theme(self, dark: bool) -> None:
        self.theme = 'dark' if dark else 'light'
        self.refresh(check=False)

    def _set_title(self, title: str) -> None:
        self.title = title.strip()
        self.refresh()

    def refresh(self, *, check: bool = True) -> None:
        """Show the mockup for the current choices (and re-run the check when the title changed)."""
        width, height = SIZES[self.surface]
        title = self.title or self.headline
        url = self.actions.image_url(self.surface, self.theme, title, [u.id for u in self.comparisons])
        self.image.set_source(url)
        self.image.props(f'ratio={width / height:.4f} fit=contain no-spinner')
        # phone and sidebar at their real CSS size (168×94 must look that small); home and TV fit the column
        small = self.surface in ('phone', 'sidebar')
        self.image.style(replace=f'width: {width}px; flex: none' if small else f'width: 100%; max-width: {width}px')
        self.image.props['alt'] = t('feed.alt', self.lang, surface=t(f'feed.surface.{self.surface}', self.lang))
        if check:  # only a typed title is judged for repeating the thumbnail's words
            background_tasks.create(self._check(self.title), name='feed check')

    async def _check(self, title: str) -> None:
        self.report.clear()
        with self.report:
            ui.label(t('feed.checking', self.lang)).classes('text-sm opacity-70')
        report = await self.actions.check(title)
        if self.report.is_deleted or title != self.title:
            return  # the tab went away or the title changed again meanwhile
        self.report.clear()
        if report is not None:
            with self.report:
                check_report(report, lang=self.lang)

    async def _variants(self) -> None:
        if self.actions.make_variants is None:
            return
        self.variants_button.props('loading')
        try:
            await self.actions.make_variants(str(self.axis.value))
        finally:
            if not self.variants_button.is_deleted:
                self.variants_button.props(remove='loading')
