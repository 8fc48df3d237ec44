"""The conversation sidebar: new chat, the creator's conversations newest first, rename and delete."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from routix.chat import ConversationView
from routix.i18n import t

Handler = Callable[[ConversationView], Awaitable[None] | None]


def conversation_list(
    *,
    conversations: Sequence[ConversationView],
    active_id: int | None,
    lang: str,
    on_new: Callable[[], Awaitable[None] | None],
    on_open: Handler,
    on_rename: Handler,
    on_delete: Handler,
) -> None:
    """Render the list into the current container."""
    with ui.column().classes('w-full gap-2'):
        ui.button(t('chat.new', lang), icon='add', on_click=on_new).props('unelevated rounded no-caps').classes(
            'w-full'
        ).mark('new-chat')
        ui.label(t('chat.conversations', lang)).classes('text-xs font-bold uppercase tracking-wide opacity-70 px-2')
        if not conversations:
            ui.label(t('chat.no_conversations', lang)).classes('text-sm opacity-70 px-2')
            return
        with ui.list().props('dense').classes('w-full'):
            for conv in conversations:
                _row(
                    conv,
                    active=conv.id == active_id,
                    lang=lang,
                    on_open=on_open,
                    on_rename=on_rename,
                    on_delete=on_delete,
                )


def _row(
    conv: ConversationView, *, active: bool, lang: str, on_open: Handler, on_rename: Handler, on_delete: Handler
) -> None:
    item = ui.item(on_click=lambda: on_open(conv)).classes('rounded-lg').mark('conversation', f'conversation-{conv.id}')
    if active:
        item.props('active active-class="bg-primary text-white"')
    with item:
        with ui.item_section().props('avatar').classes('min-w-0 pr-2'):
            ui.icon('push_pin' if conv.pinned_template else 'chat_bubble_outline', size='xs')
        with ui.item_section():
            ui.item_label(conv.title or t('chat.untitled', lang)).props('lines=1 dir=auto').mark('conversation-title')
        with ui.item_section().props('side'):
            with (
                ui.button(icon='more_vert')
                .props('flat round dense size=sm')
                .mark('conversation-menu')
                .on('click.stop', js_handler='() => {}')
            ):
                with ui.menu().props('auto-close'):
                    ui.menu_item(t('chat.rename', lang), on_click=lambda: on_rename(conv)).mark('rename')
                    ui.menu_item(t('studio.delete', lang), on_click=lambda: on_delete(conv)).mark('delete')
