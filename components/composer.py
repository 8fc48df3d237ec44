"""The chat composer: a text area (Enter sends, Shift+Enter breaks the line), reference uploads, Send.

Reference images do not go through NiceGUI's ``ui.upload`` (a route per element, kept alive by FastAPI's caches
long after the tab closed): a hidden ``<input type=file>`` lets the creator pick, and ``PICKER_JS`` posts each file
to the app's one upload route. The page tells the composer what was stored (``add``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from components.tips import tip
from routix.chat.views import UploadView
from routix.i18n import t

SendHandler = Callable[[str, list[int]], Awaitable[bool]]
RemoveHandler = Callable[[UploadView], Awaitable[None] | None]
ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp'
MESSAGE_ID = 'routix-message'
"""the message box's HTML id: the studio's skip link points at it"""

# Added once per page. It reads everything from the picker's data attributes, which the server set; no user text
# is ever part of it. A file over the limit is not sent at all (the server refuses it anyway): the picker says so.
PICKER_JS = """<script>
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-routix-upload')) return;
  for (const file of [...input.files]) {
    if (file.size > Number(input.dataset.max)) { input.dispatchEvent(new CustomEvent('toobig')); continue; }
    fetch(input.dataset.url, {
      method: 'POST', body: file, credentials: 'same-origin',
      headers: {'Content-Type': file.type || 'application/octet-stream',
                'X-CSRF-Token': input.dataset.csrf, 'X-Routix-Tab': input.dataset.tab},
    }).then((response) => { if (response.status === 401) window.location.assign('/login'); });
  }
  input.value = '';
});
</script>"""


def reveal(element: ui.element) -> None:
    """Scroll the page so ``element``'s bottom (a finished thumbnail and its actions) sits just above the composer
    docked at the bottom of the window, at any width; an element taller than the space shows from its top.

    The script names only the element's server-made id; it runs after the browser has laid out the new content."""
    ui.run_javascript(
        '(() => { const go = () => { const el = document.getElementById("' + element.html_id + '"); if (!el) return;'
        ' const dock = document.querySelector(".routix-composer-dock");'
        ' const header = document.querySelector(".q-header"); const r = el.getBoundingClientRect();'
        ' const top = header ? header.getBoundingClientRect().bottom : 0;'
        ' const bottom = window.innerHeight - (dock ? dock.getBoundingClientRect().height : 0);'
        ' const by = r.height > bottom - top ? r.top - top - 8 : r.bottom - bottom + 8;'
        ' window.scrollBy({top: by, behavior: "smooth"}); };'
        ' requestAnimationFrame(() => requestAnimationFrame(go)); })()'
    )


class Composer(ui.column):
    """``on_send(text, upload_ids)`` returns True when the message went out; ``on_remove(upload)`` is told when a
    waiting upload is taken off.

    Files picked here are posted to ``upload_url`` with the session's ``csrf`` token and this tab's ``tab`` key;
    what was stored comes back through ``add``. Uploads wait as removable thumbnails and go with the next message.
    """

    def __init__(
        self,
        *,
        lang: str,
        max_bytes: int,
        upload_url: str,
        csrf: str,
        tab: str,
        on_send: SendHandler,
        on_remove: RemoveHandler,
        tools: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.pending: list[UploadView] = []
        self._on_send = on_send
        self._on_remove = on_remove
        self._sending = False
        mb = max_bytes // (1024 * 1024)
        self._thumbs: ui.row | None = None  # built while uploads are waiting
        self.classes('w-full gap-2').mark('composer-box')
        with self:
            with ui.row().classes(
                'routix-composer w-full items-end no-wrap gap-2 rounded-2xl shadow-lg p-2 ring-1 ring-black/5'
            ):
                picker = ui.element('input').classes('hidden').mark('upload')
                picker.props.update(
                    {
                        'type': 'file',
                        'accept': ACCEPT,
                        'multiple': True,
                        'data-routix-upload': '',
                        'data-url': upload_url,
                        'data-csrf': csrf,
                        'data-tab': tab,
                        'data-max': str(max_bytes),
                    }
                )
                picker.on('toobig', lambda: ui.notify(t('chat.file_too_big', lang, mb=mb), type='warning'))
                attach = ui.button(icon='add_photo_alternate').props('flat round color=primary')
                attach.on('click', js_handler=f'() => document.getElementById("{picker.html_id}").click()')
                tip(attach, t('chat.attach', lang, mb=mb)).mark('attach')
                if tools is not None:  # more pickers beside the image button (the video picker: pages/video_upload.py)
                    tools()
                # focused when the studio opens (autofocus), named for screen readers beyond its placeholder
                self.textarea = (
                    ui.textarea(placeholder=t('chat.placeholder', lang))
                    .props(f'autogrow borderless dense autofocus dir=auto for={MESSAGE_ID} input-class="max-h-48"')
                    .classes('flex-grow min-w-0 px-1')
                    .mark('composer')
                )
                self.textarea.props['aria-label'] = t('chat.message_label', lang)
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

    def add(self, upload: UploadView) -> None:
        """A file picked here was stored: show it as a waiting thumbnail."""
        if all(u.id != upload.id for u in self.pending):
            self._set_pending([*self.pending, upload])

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

    async def _remove(self, upload: UploadView) -> None:
        self._set_pending([u for u in self.pending if u.id != upload.id])
        result = self._on_remove(upload)
        if result is not None:
            await result
