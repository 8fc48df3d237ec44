"""What a creator does on the chat page: each handler makes one service call and shows a refusal as a notice.

Every handler first checks that the tab's session is still signed in: a tab left open after signing out (here or
in another tab) does nothing and goes to /login.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from nicegui import ui

from components.canvas import CanvasChange
from components.dialogs import ask_text, confirm
from routix.chat.views import ConversationView, MessageView, UploadView
from routix.core.errors import RoutixError
from routix.design.overrides import overridden_layout
from routix.design.textlayer import TextLayer
from routix.edits.change import RecipeChange
from routix.generation.recipe import box_of
from routix.generation.views import GenerationView
from routix.i18n import t
from routix.vocabulary import CANVAS_SIZE

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

    async def regenerate(self, generation_id: int) -> None:
        """A new take on a finished thumbnail of the open conversation (charged like a new one)."""
        conv = self.tab.conversation
        if conv is None or not await self.still_signed_in():
            return
        try:
            await self.services.chat.regenerate(
                owner_id=self.tab.owner_id, conversation_id=conv.id, generation_id=generation_id
            )
        except RoutixError as e:
            self._refused(e, multi_line=True)

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

    # ---- versions: undo, redo, pick one, and the canvas --------------------------------------------------------

    async def undo(self) -> None:
        """Make the current version's parent current (every tab of the creator follows)."""
        await self._step('undo')

    async def redo(self) -> None:
        """Go forward to the edit undo left."""
        await self._step('redo')

    async def select_version(self, generation_id: int) -> None:
        """Make a version current: the next edit starts from it."""
        conv = self.tab.conversation
        if conv is None or not await self.still_signed_in():
            return
        try:
            await self.services.versions.select(
                owner_id=self.tab.owner_id, conversation_id=conv.id, generation_id=generation_id
            )
        except RoutixError as e:
            self._refused(e)

    async def canvas(self, view: GenerationView, change: CanvasChange) -> GenerationView | None:
        """Save a canvas gesture on ``view`` as a new current version (rendered by the server; the thread records
        it as an edit)."""
        conv = self.tab.conversation
        if conv is None or not await self.still_signed_in():
            return None
        planned = await self._recipe_change(view, change)
        if planned is None:
            return None
        recipe, gesture = planned
        try:
            made = await self.services.chat.canvas_edit(
                owner_id=self.tab.owner_id,
                conversation_id=conv.id,
                generation_id=view.id,
                change=recipe,
                gesture=gesture,
            )
        except RoutixError as e:
            self._refused(e)
            return None
        return made

    async def _recipe_change(self, view: GenerationView, change: CanvasChange) -> tuple[RecipeChange, str] | None:
        """What a gesture changes in the recipe, and its name (ChatService.canvas_edit); None when nothing (a retype
        dismissed)."""
        layer = TextLayer.from_dict(view.text_layer)
        if change.kind == 'headline' and change.action in ('move', 'resize') and change.box:
            x, y, w, h = inside_canvas(change.box)
            return RecipeChange(text_layer=replace(layer, box=(x, y, w, h), offset_x=0)), f'{change.action}_headline'
        if change.kind == 'headline' and change.action == 'retype':
            lang = self.tab.lang
            text = await ask_text(
                title=t('canvas.retype', lang),
                label=t('canvas.layer.headline', lang),
                value=layer.headline,
                ok=t('studio.save', lang),
                cancel=t('studio.cancel', lang),
            )
            if text is None or not text.strip():
                return None
            return RecipeChange(text_layer=replace(layer, headline=' '.join(text.split())[:300])), 'retype_headline'
        if change.kind in ('subject', 'photo') and change.action in ('move', 'resize') and change.box:
            if change.kind == 'subject':  # an illustration is drawn filling its placed slot: the dropped box is it
                box = inside_canvas(change.box)
            elif (slot := self._subject_slot(view)) is None or change.moved_from is None:
                return None
            else:  # a photo keeps its place inside its slot: the slot moves and scales as the drawn photo did
                box = inside_canvas(moved_slot(slot, change.moved_from, change.box))
            return RecipeChange(subject_box=box), f'{change.action}_picture'
        if change.kind == 'badge' and change.action == 'remove':
            return RecipeChange(text_layer=replace(layer, badge='')), 'remove_badge'
        return None

    def _subject_slot(self, view: GenerationView) -> tuple[int, int, int, int] | None:
        """The box the version's subject is drawn in, read from the layout its renders draw (``overridden_layout``:
        the template's slot, mirrored along, or the version's own)."""
        try:
            layout = self.services.catalog.get(view.template_slug or '').layout
        except RoutixError:
            return None
        drawn = overridden_layout(
            layout, mirrored=bool(view.match.get('mirrored')), subject_box=box_of(view.match.get('subject_box'))
        )
        return box_of((drawn.get('subject') or {}).get('box'))

    async def _step(self, direction: str) -> None:
        conv, lang = self.tab.conversation, self.tab.lang
        if conv is None or not await self.still_signed_in():
            return
        versions = self.services.versions
        step = versions.undo if direction == 'undo' else versions.redo
        try:
            moved = await step(owner_id=self.tab.owner_id, conversation_id=conv.id)
        except RoutixError as e:
            self._refused(e)
            return
        if moved is None:
            ui.notify(t(f'versions.nothing_to_{direction}', lang))

    def _refused(self, error: RoutixError, *, multi_line: bool = False) -> None:
        ui.notify(error.message(self.tab.lang), type='negative', multi_line=multi_line)


def inside_canvas(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """``box`` (x, y, w, h) kept whole on the 1280×720 canvas (at least 40×24)."""
    x, y, w, h = box
    w, h = min(max(w, 40), CANVAS_SIZE[0]), min(max(h, 24), CANVAS_SIZE[1])
    return min(max(x, 0), CANVAS_SIZE[0] - w), min(max(y, 0), CANVAS_SIZE[1] - h), w, h


def moved_slot(
    slot: tuple[int, int, int, int], drawn: tuple[int, int, int, int], put: tuple[int, int, int, int]
) -> tuple[int, int, int, int]:
    """The subject's slot after its drawn box went from ``drawn`` to ``put``: moved by as much, and scaled by as much
    around the drawn box's corner (the picture keeps its place inside its slot)."""
    sx, sy, sw, sh = slot
    fx, fy, fw, fh = drawn
    x, y, w, h = put
    kx, ky = w / max(1, fw), h / max(1, fh)
    return round(x + (sx - fx) * kx), round(y + (sy - fy) * ky), round(sw * kx), round(sh * ky)
