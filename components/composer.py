"""The chat composer: a text area (Enter sends, Shift+Enter breaks the line), reference uploads, Send."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import events, ui

from components.tips import tip
from routix.chat.views import UploadView
from routix.i18n import t

SendHandler = Callable[[str, list[int]], Awaitable[bool]]
FileHandler = Callable[[bytes], Awaitable[UploadView | None]]
ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp'


class Composer(ui.column):
    """``on_send(text, upload_ids)`` returns True when the message went out; ``on_file(data)`` stores an upload.

    Uploads wait as removable thumbnails and go with the next message. The size limit is checked here before
    a byte is read (the browser's limit is only a courtesy); the content is checked by ``on_file``'s service.
    """

    def __init__(
        self, *, lang: str, max_bytes: int, max_uploads: int, on_send: SendHandler, on_file: FileHandler
    ) -> None:
        super().__init__()
        self.lang = lang
        self.max_bytes = max_bytes
        self.max_uploads = max_uploads
        self.pending: list[UploadView] = []
        self._on_send = on_send
        self._on_file = on_file
        self._sending = False
        mb = max_bytes // (1024 * 1024)
        self._thumbs: ui.row | None = None  # built while uploads are waiting
        self.classes('w-full gap-2').mark('composer-box')
        with self:
            with ui.row().classes(
                'routix-composer w-full items-end no-wrap gap-2 rounded-2xl shadow-lg p-2 ring-1 ring-black/5'
            ):
                self.uploader = (
                    ui.upload(
                        auto_upload=True,
                        multiple=True,
                        max_file_size=max_bytes,
                        max_files=max_uploads,
                        on_upload=self._uploaded,
                        on_rejected=lambda: ui.notify(t('chat.file_too_big', lang, mb=mb), type='warning'),
                    )
                    .classes('hidden')
                    .mark('upload')
                )
                self.uploader.props['accept'] = ACCEPT
                attach = ui.button(
                    icon='add_photo_alternate', on_click=lambda: self.uploader.run_method('pickFiles')
                ).props('flat round color=primary')
                tip(attach, t('chat.attach', lang, mb=mb)).mark('attach')
                self.textarea = (
                    ui.textarea(placeholder=t('chat.placeholder', lang))
                    .props('autogrow borderless dense dir=auto input-class="max-h-48"')
                    .classes('flex-grow min-w-0 px-1')
                    .mark('composer')
                )
                self.textarea.on('keydown.enter.exact.prevent', self.send)
                self._button = ui.button(icon='send', on_click=self.send).props('round unelevated color=primary')
                tip(self._button, t('chat.send', lang)).mark('send')
            ui.label(t('chat.enter_hint', lang)).classes('gt-xs text-[11px] opacity-60 px-3')

    def fill(self, text: str) -> None:
        """Put ``text`` in the text area (an example prompt was clicked)."""
        self.textarea.value = text
        self.textarea.run_method('focus')

    async def send(self) -> None:
        """Send the text and the pending uploads; on failure both are put back."""
        text = (self.textarea.value or '').strip()
        if not text or self._sending:
            return
        uploads = list(self.pending)
        self._sending = True
        self._button.props('loading')
        self.textarea.value = ''
        self._set_pending([])
        try:
            sent = await self._on_send(text, [u.id for u in uploads])
        finally:
            self._sending = False
            self._button.props(remove='loading')
        if not sent:
            if not (self.textarea.value or '').strip():
                self.textarea.value = text
            self._set_pending(uploads + self.pending)

    async def _uploaded(self, e: events.UploadEventArguments) -> None:
        try:
            if len(self.pending) >= self.max_uploads:
                ui.notify(t('chat.too_many_uploads', self.lang, n=self.max_uploads), type='warning')
                return
            if e.file.size() > self.max_bytes:
                ui.notify(t('chat.file_too_big', self.lang, mb=self.max_bytes // (1024 * 1024)), type='negative')
                return
            view = await self._on_file(await e.file.read())
            if view is not None:
                self._set_pending([*self.pending, view])
        finally:
            if not self.uploader.is_deleted:
                self.uploader.reset()

    def _set_pending(self, uploads: list[UploadView]) -> None:
        self.pending = uploads
        if self._thumbs is not None and not self._thumbs.is_deleted:  # the tab may have closed meanwhile
            self._thumbs.delete()
        self._thumbs = None
        if not uploads or self.is_deleted:
            return
        with self:
            self._thumbs = ui.row().classes('gap-2')
        self._thumbs.move(self, target_index=0)
        with self._thumbs:
            for upload in uploads:
                with ui.element('div').classes('relative').mark('pending-upload'):
                    ui.image(upload.url).classes('w-20 h-20 rounded-lg shadow').props('fit=cover')
                    remove = ui.button(icon='close', on_click=lambda u=upload: self._remove(u)).props(
                        'round dense size=xs color=dark'
                    )
                    tip(remove.classes('absolute -top-2 -right-2'), t('chat.remove_upload', self.lang)).mark(
                        'remove-upload'
                    )

    def _remove(self, upload: UploadView) -> None:
        self._set_pending([u for u in self.pending if u.id != upload.id])
