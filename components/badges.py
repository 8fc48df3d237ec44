"""Small shared pieces: status chips, palette swatches, vocabulary labels."""

from __future__ import annotations

import re

from nicegui import ui

from components.tips import tip
from routix.i18n import t

STATUS_COLOURS = {  # white text on each reads at 4.5:1 or more (WCAG AA)
    'queued': 'grey-8',
    'processing': 'blue-8',
    'completed': 'green-9',
    'failed': 'negative',
    'cancelled': 'deep-orange-10',
}
STATUS_ICONS = {
    'queued': 'schedule',
    'processing': 'autorenew',
    'completed': 'check_circle',
    'failed': 'error',
    'cancelled': 'block',
}
_HEX = re.compile(r'#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?')


def vocab(kind: str, value: str, lang: str) -> str:
    """A vocabulary value (category, style, mood, tier, language, status) in the page's language."""
    if not value:
        return t('detail.none', lang)
    text = t(f'vocab.{kind}.{value}', lang)
    return value if text == f'vocab.{kind}.{value}' else text


def status_chip(status: str, lang: str) -> ui.chip:
    """A coloured chip with the status of a generation."""
    chip = ui.chip(
        vocab('status', status, lang),
        icon=STATUS_ICONS.get(status, 'help'),
        color=STATUS_COLOURS.get(status, 'grey-7'),
        text_color='white',
    ).props('dense square')
    return chip.classes('text-xs m-0')


def palette_swatches(colours: list[str], *, size: str = 'w-6 h-6') -> None:
    """A row of colour dots; anything that is not a '#rrggbb' colour is skipped (it ends up in a style)."""
    with ui.row().classes('gap-1 items-center'):
        for colour in colours:
            if isinstance(colour, str) and _HEX.fullmatch(colour):
                swatch = ui.element('div').classes(f'{size} rounded-full shadow ring-1 ring-black/10')
                swatch.style(f'background-color: {colour}')
                swatch.props['role'] = 'img'
                tip(swatch, colour)


def is_colour(value: object) -> bool:
    """True for '#rrggbb' or '#rrggbbaa'."""
    return isinstance(value, str) and bool(_HEX.fullmatch(value))
