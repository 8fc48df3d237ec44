"""What a creator does on the chat page: each handler makes one service call and shows a refusal as a notice.

Every handler first checks that the tab's session is still signed in: a tab left open after signing out (here or
in another tab) does nothing and goes to /login.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nicegui import ui

from components.dialogs import ask_text, confirm
from routix.chat.views import ConversationView, MessageView, UploadView
from routix.core.errors import RoutixError
from routix.i18n import t

if TYPE_CHECKING:
    from routix.core.services import Services


@dataclass(kw_only=True, slots=True)
class ChatTab:
    """Who is on the page and which conversation is open (None until the first message creates one)."""

    owner_id: int
    lang: str
    key: str
    """this tab's key (its NiceGUI client id): files it sends come back to it alone"""
    session_token: str | None
    """the sign-in session the page was built for"""
    session_epoch: int
    """the creator's session epoch when the page was built (``AccountService.session_epoch``)"""
    conversation: ConversationView | None = None
    pinned: str | None = None


class ChatActions:
    """The chat page's handlers; the user always comes from ``tab`` (the server-side session), never the client.

    ``thinking()`` shows the 'reading your idea' line while a message is being answered.
    """

    def __init__(self, services: Services, tab: ChatTab, *, thinking: Callable[[], AbstractContextManager[None]]):
        self.services = services
        self.tab = tab
        self._thinking = thinking

    async def still_signed_in(self) -> bool:
        """Whether the tab's session still stands; if not, the tab goes to /login (and the caller does nothing)."""
        tab = self.tab
        epoch = await self.services.accounts.tab_still_signed_in(
            user_id=tab.owner_id, token=tab.session_token, epoch=tab.session_epoch
        )
        if epoch is None:
            ui.navigate.to('/login')
            return False
        tab.session_epoch = epoch
        return True

    async def send(self, text: str, upload_ids: list[int]) -> bool:
        """Send a message (creating the conversation on the first one); False when it was refused."""
        chat, tab = self.services.chat, self.tab
        if not await self.still_signed_in():
            return False
        with self._thinking():
            try:
                if tab.conversation is None:
                    tab.conversation = await chat.create(owner_id=tab.owner_id, pinned_template=tab.pinned)
                    ui.navigate.history.replace(f'/?c={tab.conversation.id}')
                await chat.send(
                    owner_id=tab.owner_id, conversation_id=tab.conversation.id, text=text, upload_ids=upload_ids
                )
                return True
            except RoutixError as e:
                self._refused(e, multi_line=True)
                return False

    async def generate(self, proposal: MessageView, slug: str, tier: str) -> None:
        """Start a generation from a proposal with the chosen template and tier."""
        if not await self.still_signed_in():
            return
        try:
            await self.services.chat.generate(
                owner_id=self.tab.owner_id,
                conversation_id=proposal.conversation_id,
                proposal_id=proposal.id,
                template_slug=slug,
                tier=tier,
            )
        except RoutixError as e:
            self._refused(e, multi_line=True)

    async def discard_upload(self, upload: UploadView) -> None:
        """A waiting reference image was taken off the composer: delete it."""
        if await self.still_signed_in():
            await self.services.chat.discard_upload(owner_id=self.tab.owner_id, upload_id=upload.id)

    async def cancel(self, generation_id: int) -> None:
        """Cancel a queued or running generation."""
        if not await self.still_signed_in():
            return
        try:
            await self.services.generation.cancel(owner_id=self.tab.owner_id, generation_id=generation_id)
        except RoutixError as e:
            self._refused(e)

    async def rename(self, conv: ConversationView) -> None:
        """Ask for a new title and rename the conversation."""
        lang = self.tab.lang
        title = await ask_text(
            title=t('chat.rename_title', lang),
            label=t('chat.title_label', lang),
            value=conv.title,
            ok=t('studio.save', lang),
            cancel=t('studio.cancel', lang),
        )
        if title is None or not await self.still_signed_in():
            return
        try:
            await self.services.chat.rename(owner_id=self.tab.owner_id, conversation_id=conv.id, title=title)
        except RoutixError as e:
            self._refused(e)

    async def delete(self, conv: ConversationView) -> None:
        """Confirm, then delete the conversation (leaving it when it is the open one)."""
        lang = self.tab.lang
        message = t('chat.delete_confirm', lang, title=conv.title or t('chat.untitled', lang))
        if not await confirm(message=message, ok=t('studio.delete', lang), cancel=t('studio.cancel', lang)):
            return
        if not await self.still_signed_in():
            return
        try:
            await self.services.chat.delete(owner_id=self.tab.owner_id, conversation_id=conv.id)
        except RoutixError as e:
            self._refused(e)
            return
        ui.notify(t('chat.deleted', lang), type='positive')
        if self.tab.conversation is not None and self.tab.conversation.id == conv.id:
            ui.navigate.to('/')

    def _refused(self, error: RoutixError, *, multi_line: bool = False) -> None:
        ui.notify(error.message(self.tab.lang), type='negative', multi_line=multi_line)
