"""``POST /upload/video``: a chat tab sends a recording (the raw file as the body), streamed to disk, never held whole.

The same checks as ``POST /upload`` (pages/uploads.py): the signed-in session, the session's CSRF token, the tab's
key, fair use before a byte is read. A declared ``Content-Length`` over ``ROUTIX_MAX_VIDEO_BYTES`` is refused at once
(413); a chunked body is counted while it streams and refused as soon as it passes the limit, its partial file
deleted. ``X-Routix-Conversation`` names the conversation the video belongs to (deleted with it); it must be the
creator's own. What became of the video reaches the tab as ``VideoService.updates_for`` events.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse
from nicegui import app, ui

from components.composer import reveal
from components.frame_strip import VIDEO_PICKER_JS, VideoPanel
from routix.chat.views import UploadView
from routix.core import limits
from routix.core.errors import InvalidUpload, NotFound, RoutixError
from routix.i18n import t
from routix.video.views import VideoUpdate

from .auth_routes import AUTH_KEY, csrf_valid
from .uploads import CSRF_HEADER, MAX_TAB_KEY, TAB_HEADER

if TYPE_CHECKING:
    from routix.core.services import Services

    from .chat_actions import ChatTab

VIDEO_UPLOAD_PATH = '/upload/video'
CONVERSATION_HEADER = 'X-Routix-Conversation'


def register(services: Services) -> None:
    """Add ``POST /upload/video``."""

    @app.post(VIDEO_UPLOAD_PATH, include_in_schema=False)
    async def upload_video(request: Request) -> JSONResponse:
        user = await services.accounts.user_for_session(request.session.get(AUTH_KEY))
        if user is None or user.id is None:
            return JSONResponse({'code': 'signed_out'}, status_code=401)
        if not csrf_valid(request, request.headers.get(CSRF_HEADER)):
            return JSONResponse({'code': 'csrf'}, status_code=403)
        video = services.video
        tab = request.headers.get(TAB_HEADER, '')[:MAX_TAB_KEY]
        try:
            await limits.check_upload(db=services.db, settings=services.settings, owner_id=user.id)
        except RoutixError as e:
            return JSONResponse({'code': e.code, 'params': e.params}, status_code=429)
        declared = request.headers.get('content-length')
        if declared is not None and (not declared.isdecimal() or int(declared) > video.max_bytes):
            return JSONResponse({'code': 'video.too_many_bytes'}, status_code=413)
        conversation_id = None
        raw = request.headers.get(CONVERSATION_HEADER, '')
        if raw:
            try:
                conversation_id = int(raw)
                await services.chat.conversation(owner_id=user.id, conversation_id=conversation_id)
            except (ValueError, NotFound):
                return JSONResponse({'code': 'video.not_found'}, status_code=404)
        try:
            token = await video.receive(
                owner_id=user.id, tab=tab, conversation_id=conversation_id, chunks=request.stream()
            )
        except InvalidUpload as e:
            return JSONResponse({'code': e.code}, status_code=413 if e.code == 'video.too_many_bytes' else 422)
        return JSONResponse({'token': token}, status_code=201)


class ChatVideo:
    """A chat tab's video corner: the panel above the composer, the picker inside it, and this tab's video events.

    ``add_upload`` puts a stored frame into the composer as a waiting reference image (it goes with the next message
    and becomes the proposal's photo)."""

    def __init__(self, services: Services, tab: ChatTab, *, csrf: str) -> None:
        self.services = services
        self.tab = tab
        self.csrf = csrf
        self.add_upload: Callable[[UploadView], None] = lambda _upload: None
        """puts a stored frame into the composer (the page sets it once its composer exists)"""
        self._picker: ui.element | None = None
        self.panel = VideoPanel(
            lang=tab.lang, on_use=self._use, on_use_time=self._use_time, on_cancel=self._cancel, on_open=self.refresh
        )
        self._searching: set[str] = set()
        services.video.updates_for(tab.owner_id).subscribe(self._on_update)
        ui.context.client.on_delete(self._stop)

    def picker(self) -> None:
        """Build the picker (called inside the composer's row); the page script is added once."""
        self._picker = self.panel.picker(
            url=VIDEO_UPLOAD_PATH,
            csrf=self.csrf,
            tab=self.tab.key,
            max_bytes=self.services.video.max_bytes,
            conversation=self._conversation_id(),
        )
        ui.add_body_html(VIDEO_PICKER_JS)

    def refresh(self) -> None:
        """Name the tab's current conversation on the picker (the first message may have created it since)."""
        if self._picker is not None and not self._picker.is_deleted:
            self._picker.props['data-conversation'] = str(self._conversation_id() or '')
            self._picker.update()

    def _conversation_id(self) -> int | None:
        return self.tab.conversation.id if self.tab.conversation is not None else None

    def _on_update(self, update: VideoUpdate) -> None:
        if update.tab != self.tab.key:
            return
        if update.stage in {'stored', 'mining'}:
            self._searching.add(update.token)
        else:
            self._searching.discard(update.token)
        if not self.panel.is_deleted:
            self.panel.show(update)
            if update.stage == 'done':
                reveal(self.panel)  # the strip and its buttons in view, above the composer docked at the bottom

    def _stop(self) -> None:
        """The tab is gone: nobody will see its frame searches (the videos stay with their conversation)."""
        for token in self._searching:
            self.services.video.cancel(owner_id=self.tab.owner_id, token=token)

    async def _use(self, token: str, rank: int) -> None:
        await self._add(self.services.video.use_frame(owner_id=self.tab.owner_id, token=token, rank=rank))

    async def _use_time(self, token: str, time_s: float) -> None:
        await self._add(self.services.video.use_time(owner_id=self.tab.owner_id, token=token, time_s=time_s))

    async def _add(self, stored: Awaitable[UploadView]) -> None:
        """Put the frame being stored into the composer, or say why it could not be."""
        try:
            upload = await stored
        except RoutixError as e:
            ui.notify(e.message(self.tab.lang), type='negative')
            return
        self.add_upload(upload)
        ui.notify(t('video.used', self.tab.lang), type='positive')

    def _cancel(self, token: str) -> None:
        if self.services.video.cancel(owner_id=self.tab.owner_id, token=token):
            self.panel.cancelled()
