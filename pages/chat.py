"""The chat page (`/`, `/?c=<id>`, `/?template=<slug>`): conversations, the thread, proposals, live generations.

One write path (the handlers in ``chat_actions``), one read path (``ChatService.snapshot`` when the page is built);
everything after that arrives as per-user events, so every open tab of the same creator stays in step and no other
creator's events ever reach the page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from fastapi import Request
from nicegui import background_tasks, ui

from components.chat_thread import ChatThread, empty_state
from components.composer import PICKER_JS, Composer, reveal
from components.conversation_list import conversation_list
from components.proposal_card import TemplateInfo, TierOption
from components.tips import tip
from routix.chat.views import ChatSnapshot, ConversationView, MessageView, UploadOutcome
from routix.core.errors import RoutixError
from routix.design.catalog import display_name
from routix.design.previews import preview_url
from routix.design.templates import TemplateSpec
from routix.generation.views import GenerationView, tier_statuses
from routix.i18n import pick_language, t
from routix.models import User

from .auth_routes import AUTH_KEY, csrf_token
from .chat_actions import ChatActions, ChatTab
from .chat_versions import VersionPanel
from .ids import parse_id
from .shell import frame, signed_in_user
from .uploads import UPLOAD_PATH
from .video_upload import ChatVideo

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the chat page."""

    @ui.page('/', title='Routix · Studio')
    async def chat_page(request: Request, c: str = '', template: str = '') -> None:
        user = await signed_in_user(services, request)
        page = ChatPage(services, user, session_token=request.session.get(AUTH_KEY), csrf=csrf_token(request))
        await page.build(conversation_id=parse_id(c), template=template)


class ChatPage:
    """The state of one open chat tab; the user comes from the server-side session, never from the client.

    ``session_token`` is the session the page was built for: every action checks it is still signed in."""

    def __init__(self, services: Services, user: User, *, session_token: str | None, csrf: str) -> None:
        assert user.id is not None
        self.services = services
        self.user = user
        self.owner_id: int = user.id
        self.lang = pick_language(user.locale)
        self.csrf = csrf
        self.tab = ChatTab(
            owner_id=user.id,
            lang=self.lang,
            key=ui.context.client.id,
            session_token=session_token,
            session_epoch=services.accounts.session_epoch(user.id),
        )
        self.actions = ChatActions(services, self.tab, thinking=self._thinking)
        self.templates: Mapping[str, TemplateSpec] = {}
        self.ready = False
        self.early_messages: list[MessageView] = []
        self.early_views: list[GenerationView] = []
        self.empty: ui.row | None = None

    async def build(self, *, conversation_id: int | None, template: str) -> None:
        """Read the snapshot, build the page, and listen to this creator's events only."""
        chat = self.services.chat
        # subscribe first and buffer, so nothing that happens while the page loads is lost
        chat.messages_for(self.owner_id).subscribe(self._on_message)
        chat.conversations_for(self.owner_id).subscribe(self._on_conversations)
        self.services.generation.updates_for(self.owner_id).subscribe(self._on_generation)
        self.services.balances.credits_for(self.owner_id).subscribe(self._on_credits)
        chat.uploads_for(self.owner_id).subscribe(self._on_upload)
        ui.context.client.on_delete(self._discard_waiting)
        snap = await chat.snapshot(owner_id=self.owner_id, conversation_id=conversation_id, template=template)
        self.tab.conversation, self.tab.pinned = snap.conversation, snap.pinned_template
        self.templates = snap.templates
        ui.page_title(f'Routix · {t("nav.studio", self.lang)}')
        with frame(services=self.services, user=self.user, active='studio', row=True) as content:
            content.classes('no-wrap items-start gap-6', remove='gap-4')
            self._layout(balance=snap.balance)
        ui.add_body_html(PICKER_JS)
        self._render_sidebar(snap.conversations)
        for view in [*snap.generations, *(v for v in self.early_views if self._is_open(v.conversation_id))]:
            self.thread.remember(view)
        for message in [*snap.messages, *(m for m in self.early_messages if self._is_open(m.conversation_id))]:
            self.thread.add(message)
        self.early_messages.clear()
        self.early_views.clear()
        self.ready = True
        for view in self.thread.views.values():
            self.versions.remember(view)
        await self.versions.refresh()
        self._update_empty()
        if warning := self._warning(snap):
            ui.notify(warning, type='warning')
        if self.thread.rendered:
            ui.context.client.on_connect(self._scroll)

    def _warning(self, snap: ChatSnapshot) -> str:
        """Why the page opened a new chat instead of what was asked for ('' when it did not)."""
        if snap.conversation_missing:
            return t('chat.not_found', self.lang)
        if snap.template_problem is not None:
            return snap.template_problem.message(self.lang)
        return ''

    # ---- layout --------------------------------------------------------------------------------------------------

    def _layout(self, *, balance: int) -> None:
        """Sidebar and main column side by side in the frame's content row. Kept flat: every element is held in
        memory for as long as the tab is open; what is rarely needed (menus, the thinking line, the phone drawer)
        is built when it is needed."""
        lang = self.lang
        self.sidebar = (
            ui.column()
            .classes('gt-sm w-64 shrink-0 sticky top-20 max-h-[calc(100vh-6rem)] overflow-y-auto gap-2')
            .mark('sidebar')
        )
        with ui.column().classes('flex-grow min-w-0 gap-4 items-stretch max-w-4xl mx-auto w-full') as self.main:
            with ui.row().classes('w-full items-center gap-2 no-wrap'):
                drawer_button = ui.button(icon='forum', on_click=self._open_drawer).props('flat round color=primary')
                tip(drawer_button.classes('lt-md'), t('chat.conversations', lang)).mark('open-conversations')
                self.title = ui.label().classes('text-xl font-bold truncate').props('dir=auto').mark('chat-title')
                if pinned := self.tab.pinned:
                    spec = self.templates.get(pinned)
                    name = display_name(spec, lang) if spec else pinned
                    ui.chip(
                        t('chat.pinned', lang, name=name), icon='push_pin', color='primary', text_color='white'
                    ).props('dense').classes('ms-auto').mark('pinned-template')
            self._set_title()
            settings = self.services.settings
            self.thread = ChatThread(
                lang=lang,
                balance=balance,
                templates=self._template_infos,
                tiers=[
                    TierOption(tier=s.tier, cost=s.cost, missing=s.missing)
                    for s in tier_statuses(settings, self.services.generation.chains)
                ],
                on_generate=self.actions.generate,
                on_cancel=self.actions.cancel,
                on_open_history=lambda g: ui.navigate.to(f'/history?g={g}'),
            )
            self.thread.on_choice = lambda text: self.actions.send(text, [])
            self.thread.on_regenerate = self.actions.regenerate
            self.video = ChatVideo(self.services, self.tab, csrf=self.csrf)  # video picker + frame strip
            self.composer = Composer(
                tools=self.video.picker,
                lang=lang,
                max_bytes=settings.max_upload_bytes,
                upload_url=UPLOAD_PATH,
                csrf=self.csrf,
                tab=self.tab.key,
                on_send=self.actions.send,
                on_remove=self.actions.discard_upload,
            ).classes('sticky bottom-0 pb-3 pt-4 routix-composer-dock')
            self.video.add_upload = self.composer.add  # a picked frame waits in the composer like a picked image
            self.versions = VersionPanel(self.services, self.tab, self.actions)  # canvas and strip under the thread
            self.versions.box.move(self.main, target_index=self._index(self.composer))
            self.versions.on_numbers = self.thread.set_numbers  # one numbering: the cards say what the strip says

    def _template_infos(self) -> dict[str, TemplateInfo]:
        """How proposals show every template (asked for by the thread when it shows its first proposal)."""
        return {
            slug: TemplateInfo(name=display_name(spec, self.lang), preview_url=preview_url(spec))
            for slug, spec in self.templates.items()
        }

    def _render_sidebar(self, conversations: list[ConversationView]) -> None:
        self.sidebar.clear()
        with self.sidebar:
            self._conversation_list(conversations)
        if self.tab.conversation is not None:
            current = next((c for c in conversations if c.id == self.tab.conversation.id), None)
            if current is not None:
                self.tab.conversation = current
                self._set_title()

    def _conversation_list(self, conversations: list[ConversationView]) -> None:
        conversation_list(
            conversations=conversations,
            active_id=self.tab.conversation.id if self.tab.conversation else None,
            lang=self.lang,
            on_new=lambda: ui.navigate.to('/'),
            on_open=lambda conv: ui.navigate.to(f'/?c={conv.id}'),
            on_rename=self.actions.rename,
            on_delete=self.actions.delete,
        )

    async def _open_drawer(self) -> None:
        """At phone width the sidebar is hidden: the same list slides in from the side, built when opened."""
        conversations = await self.services.chat.conversations(owner_id=self.owner_id)
        with (
            ui.dialog().props('position=left full-height') as drawer,
            ui.card().classes('h-full w-72 max-w-[85vw] rounded-none p-3 gap-2'),
        ):
            self._conversation_list(conversations)
        await drawer
        if not drawer.is_deleted:
            drawer.delete()

    def _set_title(self) -> None:
        title = self.tab.conversation.title if self.tab.conversation else ''
        self.title.text = title or t('chat.untitled', self.lang)

    def _update_empty(self) -> None:
        """The empty state shows until the thread has its first message; it is built only for an empty thread."""
        if self.thread.rendered:
            if self.empty is not None and not self.empty.is_deleted:
                self.empty.delete()
            self.empty = None
        elif self.empty is None:
            with self.main:
                self.empty = empty_state(lang=self.lang, on_example=self.composer.fill)
            self.empty.move(self.main, target_index=self._index(self.thread) + 1)

    @contextmanager
    def _thinking(self) -> Iterator[None]:
        """The 'reading your idea' line under the thread while a message is being answered (built only meanwhile)."""
        with self.main, ui.row().classes('items-center gap-2 opacity-70').mark('thinking') as line:
            ui.spinner('dots', size='lg', color='primary')
            ui.label(t('chat.thinking', self.lang))
        line.move(self.main, target_index=self._index(self.composer))
        try:
            yield
        finally:
            if not line.is_deleted:  # the tab may have closed meanwhile
                line.delete()

    def _is_open(self, conversation_id: int | None) -> bool:
        return self.tab.conversation is not None and conversation_id == self.tab.conversation.id

    def _index(self, element: ui.element) -> int:
        return self.main.default_slot.children.index(element)

    def _scroll(self) -> None:
        ui.run_javascript('window.scrollTo({top: document.body.scrollHeight, behavior: "smooth"})')

    # ---- events (this creator's only) ----------------------------------------------------------------------------

    async def _on_message(self, message: MessageView) -> None:
        if not self.ready:  # which conversation is open is known once the snapshot is read: keep all until then
            self.early_messages.append(message)
            return
        if not self._is_open(message.conversation_id):
            return
        generation_id = message.meta.get('generation_id')
        if (
            message.kind in ('generation', 'edit')
            and isinstance(generation_id, int)
            and generation_id not in self.thread.views
        ):
            try:  # normally the generation's own event came first; if not, ask for it
                self.thread.remember(
                    await self.services.generation.get(owner_id=self.owner_id, generation_id=generation_id)
                )
            except RoutixError:
                return
        self.thread.add(message)
        self._update_empty()
        self._scroll()
        if message.kind in ('generation', 'edit'):
            await self.versions.refresh()

    async def _on_conversations(self) -> None:
        if not self.ready:
            return
        conversations = await self.services.chat.conversations(owner_id=self.owner_id)
        self._render_sidebar(conversations)

    async def _on_generation(self, view: GenerationView) -> None:
        if not self.ready:
            self.early_views.append(view)
            return
        if not self._is_open(view.conversation_id):
            return
        known = self.thread.views.get(view.id)
        self.thread.remember(view)
        if view.status == 'completed' and known is not None and not known.finished and view.id in self.thread.cards:
            reveal(self.thread.cards[view.id])  # the finished thumbnail and its actions in view, above the composer
        self.versions.remember(view)
        if view.finished:
            await self.versions.refresh()

    def _on_credits(self, balance: int) -> None:
        if self.ready:
            self.thread.set_balance(balance)

    async def _on_upload(self, outcome: UploadOutcome) -> None:
        """A file this tab sent was stored or refused (other tabs of the same creator ignore it)."""
        if outcome.tab != self.tab.key or not self.ready:
            return
        if outcome.error is not None:
            ui.notify(outcome.error.message(self.lang), type='negative')
        elif outcome.upload is not None and await self.actions.still_signed_in():
            self.composer.add(outcome.upload)

    def _discard_waiting(self) -> None:
        """The tab is gone: the images that waited in its composer will never be sent."""
        if self.ready:
            for upload in self.composer.pending:
                background_tasks.create(
                    self.services.chat.discard_upload(owner_id=self.owner_id, upload_id=upload.id),
                    name=f'discard upload {upload.id}',
                )
