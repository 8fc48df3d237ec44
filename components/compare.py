"""Compare two versions side by side: pick each from the thread's finished versions."""

from __future__ import annotations

from nicegui import ui
from nicegui.events import ValueChangeEventArguments

from routix.chat.versions import VersionView
from routix.i18n import t


async def compare_versions(versions: list[VersionView], *, left: int, right: int, lang: str) -> None:
    """A dialog with two chosen versions next to each other (stacked on a phone); returns when it is closed."""
    usable = {v.id: v for v in versions if v.usable}
    options = {v.id: t('versions.label', lang, n=v.number) for v in usable.values()}
    with (
        ui.dialog().props('maximized=false') as dialog,
        ui.card().classes('w-[64rem] max-w-full rounded-xl gap-3').mark('compare-dialog'),
    ):
        ui.label(t('versions.compare', lang)).classes('text-lg font-bold')
        with ui.row().classes('w-full gap-3 no-wrap max-sm:flex-wrap'):
            for side, chosen in (('left', left), ('right', right)):
                with ui.column().classes('flex-1 min-w-0 gap-2'):
                    image = ui.image((usable[chosen].image_url or '') if chosen in usable else '')
                    image.classes('w-full rounded-lg').props('ratio=1.7778').mark(f'compare-{side}-image')
                    image.props['alt'] = options.get(chosen, '')

                    def pick(e: ValueChangeEventArguments, image: ui.image = image) -> None:
                        version = usable.get(e.value)
                        if version is not None:
                            image.set_source(version.image_url or '')
                            image.props['alt'] = options[version.id]

                    ui.select(options, value=chosen if chosen in usable else None, on_change=pick).props(
                        'outlined dense options-dense'
                    ).classes('w-full').mark(f'compare-{side}')
        with ui.row().classes('w-full justify-end'):
            ui.button(t('studio.close', lang), on_click=dialog.close).props('flat no-caps').mark('compare-close')
    await dialog
    if not dialog.is_deleted:
        dialog.delete()
