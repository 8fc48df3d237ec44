"""Modal questions: ask for a line of text, or for a confirmation. Both resolve to the answer."""

from __future__ import annotations

from nicegui import ui


async def ask_text(*, title: str, label: str, value: str, ok: str, cancel: str) -> str | None:
    """A dialog with one text field; the entered text, or None when dismissed."""
    with ui.dialog() as dialog, ui.card().classes('w-96 max-w-full rounded-xl'):
        ui.label(title).classes('text-lg font-bold')
        field = ui.input(label, value=value).props('outlined autofocus dir=auto').classes('w-full').mark('dialog-input')
        field.on('keydown.enter', lambda: dialog.submit(field.value))
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(cancel, on_click=lambda: dialog.submit(None)).props('flat no-caps').mark('dialog-cancel')
            ui.button(ok, on_click=lambda: dialog.submit(field.value)).props('no-caps unelevated').mark('dialog-ok')
    result = await dialog
    if not dialog.is_deleted:
        dialog.delete()
    return result


async def confirm(*, message: str, ok: str, cancel: str) -> bool:
    """A yes/no dialog for destructive actions; True only when confirmed."""
    with ui.dialog() as dialog, ui.card().classes('w-96 max-w-full rounded-xl'):
        with ui.row().classes('items-start no-wrap gap-3'):
            ui.icon('warning', color='negative', size='md')
            ui.label(message).classes('text-base').props('dir=auto')
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(cancel, on_click=lambda: dialog.submit(False)).props('flat no-caps').mark('dialog-cancel')
            ui.button(ok, color='negative', on_click=lambda: dialog.submit(True)).props('no-caps unelevated').mark(
                'dialog-ok'
            )
    result = await dialog
    if not dialog.is_deleted:
        dialog.delete()
    return bool(result)
