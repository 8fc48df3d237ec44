"""The assistant's question back when a follow-up was unclear: its words and two or three one-click answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

ChoiceAction = Callable[[str], Awaitable[Any] | Any]


class ClarifyCard(ui.row):
    """Shows ``question`` and a button per choice (``{'label', 'text'}``); a click sends the choice's text as the
    creator's next message through ``on_choice`` and retires the buttons (one answer per question)."""

    def __init__(self, question: str, choices: list[dict[str, str]], *, on_choice: ChoiceAction | None) -> None:
        super().__init__()
        self.classes('items-start gap-2 no-wrap opacity-90').mark('clarify')
        self.buttons: list[ui.button] = []
        with self:
            ui.icon('help_outline', color='primary').props('aria-hidden=true')
            with ui.column().classes('gap-2'):
                ui.label(question).classes('whitespace-pre-wrap').props('dir=auto')
                with ui.row().classes('gap-2'):
                    for choice in choices[:3]:
                        text = str(choice.get('text') or '')
                        button = ui.button(str(choice.get('label') or text)).props(
                            'outline rounded no-caps dir=auto color=primary'
                        )
                        button.on_click(lambda _, x=text: self._pick(x))
                        button.mark('clarify-choice')
                        button.set_enabled(on_choice is not None and bool(text))
                        self.buttons.append(button)
        self._on_choice = on_choice

    async def _pick(self, text: str) -> None:
        if self._on_choice is None:
            return
        for button in self.buttons:
            button.disable()
        result = self._on_choice(text)
        if isinstance(result, Awaitable):
            await result
