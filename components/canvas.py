"""The canvas on a finished thumbnail: select a layer, drag or resize it, retype the headline, delete the badge.

The browser only moves a box outline (``canvas.js``); each finished gesture comes back as a ``CanvasChange`` and
the page saves it as a new version, which the server renders. The layer boxes come from the layers the renderer
recorded (``match['layers']``); a version without them still offers its headline at its text-layer box.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

from routix.generation.views import GenerationView
from routix.i18n import t
from routix.vocabulary import CANVAS_SIZE

ACTIONS = ('move', 'resize', 'retype', 'remove')


@dataclass(kw_only=True, frozen=True, slots=True)
class CanvasLayer:
    """A selectable box on the canvas, [x, y, w, h] on the 1280×720 image."""

    kind: str  # headline | subject | photo | badge
    box: tuple[int, int, int, int]
    label: str
    movable: bool = True
    resizable: bool = True
    removable: bool = False
    editable: bool = False


@dataclass(kw_only=True, frozen=True, slots=True)
class CanvasChange:
    """A finished gesture: ``action`` on the layer ``kind``; ``box`` is where it was put (move/resize), ``moved_from``
    where it was."""

    kind: str
    action: str
    box: tuple[int, int, int, int] | None = None
    moved_from: tuple[int, int, int, int] | None = None


CanvasHandler = Callable[[CanvasChange], Awaitable[None] | None]


class LayerCanvas(ui.element, component='canvas.js'):
    """The image with one overlay per layer; mouse, touch (pointer events) and keyboard (Tab, arrows, Enter, Delete)."""

    def __init__(self, view: GenerationView, *, lang: str, on_change: CanvasHandler) -> None:
        super().__init__()
        self.lang = lang
        self._on_change = on_change
        self.layers: list[CanvasLayer] = []
        self.classes('w-full rounded-xl overflow-hidden shadow').mark('canvas')
        self.on('change', self._changed)
        self.show(view)

    def show(self, view: GenerationView) -> None:
        """Show another version (its picture and its layers)."""
        self.view = view
        self.layers = layers_of(view, self.lang)
        self._props['src'] = view.image_url or ''
        self._props['alt'] = t('gen.alt', self.lang, headline=view.headline)
        self._props['layers'] = [_as_prop(layer) for layer in self.layers]
        self._props['busy'] = False
        self.update()

    def reset(self) -> None:
        """Put every outline back where this version has it (a gesture was refused or changed nothing)."""
        self._props['layers'] = [_as_prop(layer) for layer in self.layers]
        self.update()

    def set_busy(self, busy: bool) -> None:
        """While a change is being rendered the overlays take no new gesture."""
        self._props['busy'] = busy
        self.update()

    async def _changed(self, e: GenericEventArguments) -> None:
        if self._props.get('busy'):
            return  # one gesture at a time: the next one starts from the version this one makes
        change = parse_change(e.args)
        shown = {layer.kind: layer for layer in self.layers}
        if change is None or change.kind not in shown:
            return  # not a layer this version has: ignore what a tampered client sent
        change = replace(change, moved_from=shown[change.kind].box)  # where it was is ours to say, not the browser's
        result = self._on_change(change)
        if result is not None:
            await result


def layers_of(view: GenerationView, lang: str) -> list[CanvasLayer]:
    """The layers a creator can touch on a finished version: the headline, the subject or photo, the badge."""
    recorded = {str(layer.get('kind')): layer for layer in view.match.get('layers') or [] if isinstance(layer, dict)}
    text = view.text_layer
    layers: list[CanvasLayer] = []
    if text.get('headline') and not view.match.get('full_bleed'):
        x, y, w, h = (int(v) for v in text.get('box') or (64, 120, 700, 360))
        layers.append(
            CanvasLayer(kind='headline', box=(x + int(text.get('offset_x') or 0), y, w, h), label='', editable=True)
        )
    for kind in ('subject', 'photo'):
        if box := _box((recorded.get(kind) or {}).get('bbox')):
            layers.append(CanvasLayer(kind=kind, box=box, label=''))
    if text.get('badge') and (box := _box((recorded.get('badge') or {}).get('bbox'))):
        layers.append(CanvasLayer(kind='badge', box=box, label='', movable=False, resizable=False, removable=True))
    return [replace(layer, label=t(f'canvas.layer.{layer.kind}', lang)) for layer in layers]


def parse_change(args: Any) -> CanvasChange | None:
    """A ``CanvasChange`` from what the browser sent, or None when it is not one (the client is not trusted)."""
    if not isinstance(args, dict):
        return None
    kind, action = args.get('kind'), args.get('action')
    if not isinstance(kind, str) or action not in ACTIONS:
        return None
    box, moved_from = _box(args.get('box')), _box(args.get('from'))
    if action in ('move', 'resize') and box is None:
        return None
    return CanvasChange(kind=kind, action=str(action), box=box, moved_from=moved_from)


def _box(value: Any) -> tuple[int, int, int, int] | None:
    """Four finite numbers within a generous range around the canvas, as ints; else None."""
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    try:
        x, y, w, h = (round(float(v)) for v in value)
    except (TypeError, ValueError, OverflowError):
        return None
    limit = 4 * max(CANVAS_SIZE)
    if not all(-limit <= v <= limit for v in (x, y)) or not (0 < w <= limit and 0 < h <= limit):
        return None
    return x, y, w, h


def _as_prop(layer: CanvasLayer) -> dict[str, Any]:
    return {**asdict(layer), 'box': list(layer.box)}
