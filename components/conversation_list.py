"""The conversation sidebar: new chat, the creator's conversations newest first, rename and delete."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.tips import tip
from routix.chat.views import ConversationView
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
    """Render the list straight into the current container (a column: the page's sidebar or the phone drawer)."""
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
                conv, active=conv.id == active_id, lang=lang, on_open=on_open, on_rename=on_rename, on_delete=on_delete
            )


def _row(
    conv: ConversationView, *, active: bool, lang: str, on_open: Handler, on_rename: Handler, on_delete: Handler
) -> None:
    """One conversation: icon, title and a ⋮ button whose menu is built on its first click (a row is held in
    memory per open tab; its menu is rarely opened)."""
    item = (
        ui.item(on_click=lambda: on_open(conv))
        .classes('rounded-lg items-center gap-2')
        .mark('conversation', f'conversation-{conv.id}')
    )
    if active:
        item.props('active active-class="bg-primary text-white"')

    def build_menu() -> None:
        if button.default_slot.children:
            return  # built already: the menu now opens and closes itself on every click
        with button, ui.menu().props('auto-close') as menu:
            ui.menu_item(t('chat.rename', lang), on_click=lambda: on_rename(conv)).mark('rename')
            ui.menu_item(t('studio.delete', lang), on_click=lambda: on_delete(conv)).mark('delete')
        menu.open()

    with item:
        ui.icon('push_pin' if conv.pinned_template else 'chat_bubble_outline', size='xs')
        ui.item_label(conv.title or t('chat.untitled', lang)).props('lines=1 dir=auto').classes(
            'flex-grow min-w-0'
        ).mark('conversation-title')
        button = ui.button(icon='more_vert', on_click=build_menu).props('flat round dense size=sm').classes('ms-2')
        tip(button, t('a11y.conversation_menu', lang))  # an icon button needs a name for screen readers
        button.on('click.stop', js_handler='() => {}').mark('conversation-menu')  # the click opens no conversation
