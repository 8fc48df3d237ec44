"""Names for icon-only controls, as plain attributes instead of tooltip elements."""

from __future__ import annotations

from typing import TypeVar

from nicegui import ui

E = TypeVar('E', bound=ui.element)


def tip(element: E, text: str) -> E:
    """Give ``element`` the browser's own tooltip (``title``) and an accessible name (``aria-label``).

    Both are props of the element itself: a ``ui.tooltip`` would be one more element held in memory for every
    open tab, for a hint most visitors never hover.
    """
    element.props.update({'title': text, 'aria-label': text})
    return element
