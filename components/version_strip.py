"""The version strip under the current thumbnail: undo, redo, compare, and a small preview of every version."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from components.tips import tip
from routix.chat.versions import VersionView
from routix.i18n import t

SHOWN = 24  # the newest versions shown (and the current one): every element costs memory while the tab is open
Action = Callable[[], Awaitable[None] | None]
Select = Callable[[int], Awaitable[None] | None]


class VersionStrip(ui.column):
    """Call ``show(versions, current)`` whenever the thread's versions or its current one changed."""

    def __init__(self, *, lang: str, on_select: Select, on_undo: Action, on_redo: Action, on_compare: Action) -> None:
        super().__init__()
        self.lang = lang
        self._on_select = on_select
        self.versions: list[VersionView] = []
        self.current: int | None = None
        self.classes('w-full gap-2').mark('version-strip')
        with self:
            with ui.row().classes('w-full items-center gap-1 no-wrap'):
                ui.label(t('versions.title', lang)).classes('text-sm font-bold opacity-80 me-auto')
                self.undo_button = _icon_button('undo', t('versions.undo', lang), on_undo).mark('undo')
                self.redo_button = _icon_button('redo', t('versions.redo', lang), on_redo).mark('redo')
                self.compare_button = _icon_button('compare', t('versions.compare', lang), on_compare).mark('compare')
            self._row = ui.row().classes('w-full gap-2 no-wrap overflow-x-auto pb-1').props('role=list')
            self._row.props['aria-label'] = t('versions.title', lang)

    def show(self, versions: list[VersionView], current: int | None) -> None:
        """Draw the strip: the current version marked, failed ones shown but not selectable."""
        self.versions, self.current = versions, current
        by_id = {v.id: v for v in versions}
        shown = versions[-SHOWN:]
        if current in by_id and by_id[current] not in shown:
            shown = [by_id[current], *shown[1:]]
        self._row.clear()
        with self._row:
            for version in shown:
                self._chip(version, version.id == current)
        self.undo_button.set_enabled(self.can_undo)
        self.redo_button.set_enabled(self.can_redo)
        self.compare_button.set_enabled(sum(v.usable for v in versions) >= 2)
        self.set_visibility(bool(versions))

    @property
    def can_undo(self) -> bool:
        """Whether the current version has an earlier finished one to go back to."""
        by_id = {v.id: v for v in self.versions}
        version = by_id.get(self.current) if self.current is not None else None
        while version is not None and version.parent_id is not None:
            version = by_id.get(version.parent_id)
            if version is not None and version.usable:
                return True
        return False

    @property
    def can_redo(self) -> bool:
        """Whether a finished edit of the current version exists to go forward to."""
        return any(v.parent_id == self.current and v.usable for v in self.versions if self.current is not None)

    def _chip(self, version: VersionView, current: bool) -> None:
        name = t('versions.label', self.lang, n=version.number)
        with (
            ui.element('div').props('role=listitem').classes('shrink-0'),  # a list holds list items; each a button
            ui.button(on_click=lambda v=version: self._on_select(v.id))
            .props(f'{"unelevated color=primary" if current else "outline color=grey-7"} no-caps padding="2px"')
            .classes('shrink-0 rounded-lg')
            .mark('version', f'version-{version.number}', *(['version-current'] if current else [])) as button,
        ):
            with ui.column().classes('items-center gap-0'):
                if version.preview_url or version.image_url:
                    image = ui.image(version.preview_url or version.image_url or '').classes('w-20 rounded')
                    image.props('ratio=1.7778 no-spinner no-transition')
                    image.props['alt'] = name  # Quasar gives every q-img role=img, which needs a name
                ui.label(name).classes('text-xs font-bold')
        button.props['aria-label'] = t('versions.current_label' if current else 'versions.pick', self.lang, n=name)
        if current:
            button.props['aria-current'] = 'true'
        if not version.usable:
            button.disable()
            button.props['aria-label'] = t('versions.failed', self.lang, n=name)


def _icon_button(icon: str, label: str, action: Action) -> ui.button:
    return tip(ui.button(icon=icon, on_click=action).props('flat round dense color=primary'), label)
