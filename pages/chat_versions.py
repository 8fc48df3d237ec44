"""The chat page's current-version panel: the canvas on the current thumbnail, the version strip, undo/redo keys.

It reads the thread's versions when the page opens and whenever they may have changed (a version finished, an
edit or generation message arrived, a tab of the same creator moved the current version), so every open tab of the
creator shows the same current version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from nicegui import ui
from nicegui.events import KeyEventArguments

from components.canvas import CanvasChange, LayerCanvas
from components.compare import compare_versions
from components.version_strip import VersionStrip
from routix.chat.versions import VersionMove
from routix.core.errors import RoutixError
from routix.generation.views import GenerationView
from routix.i18n import t

from .chat_actions import ChatActions, ChatTab

if TYPE_CHECKING:
    from routix.core.services import Services


class VersionPanel:
    """Built once per chat tab, under the thread; hidden until the thread has a finished version."""

    def __init__(self, services: Services, tab: ChatTab, actions: ChatActions) -> None:
        self.services = services
        self.tab = tab
        self.actions = actions
        self.views: dict[int, GenerationView] = {}
        self.on_numbers: Callable[[dict[int, int]], None] | None = None
        """told the strip's version numbers on every refresh (the thread's cards take the same numbers)"""
        self._reads = 0  # refreshes may finish out of order: only the newest one is drawn
        with ui.column().classes('w-full gap-2').mark('version-panel') as self.box:
            self.hint = ui.label(t('canvas.hint', tab.lang)).classes('text-xs opacity-70').mark('canvas-hint')
            self.canvas_slot = ui.column().classes('w-full gap-0')
            self.strip = VersionStrip(
                lang=tab.lang,
                on_select=actions.select_version,
                on_undo=actions.undo,
                on_redo=actions.redo,
                on_compare=self._compare,
            )
        self.canvas: LayerCanvas | None = None
        self.box.set_visibility(False)
        # Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), except while typing in a text box
        ui.keyboard(on_key=self._on_key, ignore=['input', 'textarea', 'select'], repeating=False)
        services.versions.moves_for(tab.owner_id).subscribe(self._on_move)

    def remember(self, view: GenerationView) -> None:
        """A newer state of one of the thread's generations (the page passes on what its thread learns)."""
        self.views[view.id] = view

    async def refresh(self) -> None:
        """Read the thread's versions and its current one again, and show them."""
        conv = self.tab.conversation
        if conv is None:
            return
        self._reads += 1
        ticket = self._reads
        try:
            versions = await self.services.versions.versions(owner_id=self.tab.owner_id, conversation_id=conv.id)
            current = await self.services.versions.current(owner_id=self.tab.owner_id, conversation_id=conv.id)
            view = self.views.get(current) if current is not None else None
            if current is not None and (view is None or not view.finished):
                view = await self.services.generation.get(owner_id=self.tab.owner_id, generation_id=current)
        except RoutixError:
            return  # the conversation went away meanwhile: the page says so through its own events
        if ticket != self._reads or self.box.is_deleted:
            return
        if view is not None:
            self.views[view.id] = view
        self.strip.show(versions, current)
        if self.on_numbers is not None:
            self.on_numbers({v.id: v.number for v in versions})
        self._show_canvas(view if view is not None and view.status == 'completed' and view.image_url else None)
        self.box.set_visibility(bool(versions))

    def _show_canvas(self, view: GenerationView | None) -> None:
        if view is None:
            self.canvas_slot.set_visibility(False)
            self.hint.set_visibility(False)
            return
        if self.canvas is None:
            with self.canvas_slot:
                self.canvas = LayerCanvas(view, lang=self.tab.lang, on_change=self._changed)
        elif self.canvas.view != view:
            self.canvas.show(view)
        self.canvas_slot.set_visibility(True)
        self.hint.set_visibility(True)

    async def _changed(self, change: CanvasChange) -> None:
        canvas = self.canvas
        if canvas is None:
            return
        canvas.set_busy(True)
        try:
            made = await self.actions.canvas(canvas.view, change)
            if made is not None:
                self.views[made.id] = made
                await self.refresh()  # the canvas shows the new version before it takes the next gesture
        finally:
            if not canvas.is_deleted:
                canvas.set_busy(False)
        if made is None and not canvas.is_deleted:
            canvas.reset()  # refused or nothing changed: the outline goes back, the picture never moved

    async def _on_move(self, move: VersionMove) -> None:
        conv = self.tab.conversation
        if conv is not None and move.conversation_id == conv.id and not self.box.is_deleted:
            await self.refresh()

    async def _on_key(self, e: KeyEventArguments) -> None:
        if not e.action.keydown or not (e.modifiers.ctrl or e.modifiers.meta) or e.modifiers.alt:
            return
        name = e.key.name.lower()
        if name == 'z':
            await (self.actions.redo() if e.modifiers.shift else self.actions.undo())
        elif name == 'y':
            await self.actions.redo()

    async def _compare(self) -> None:
        usable = [v for v in self.strip.versions if v.usable]
        if len(usable) < 2:
            return
        current = self.strip.current
        right = current if current in {v.id for v in usable} else usable[-1].id
        left = next((v.id for v in reversed(usable) if v.id != right), usable[0].id)
        parent = next((v.parent_id for v in usable if v.id == right), None)
        if parent in {v.id for v in usable}:
            left = parent  # the version it was made from, by default
        assert left is not None
        await compare_versions(self.strip.versions, left=left, right=right, lang=self.tab.lang)
