"""The chat's video corner: a picker that sends a recording with live progress, the frame search's stages, and the
best frames as a strip to pick from.

The picker is a hidden ``<input type=file>``; ``VIDEO_PICKER_JS`` (added once per page, no user text in it) posts the
file with ``XMLHttpRequest`` so the upload's own progress can be shown, reading the URL, CSRF token, tab key and
conversation from the input's data attributes, which the server set. The panel gets finished views
(``routix.video.views``) and calls back ``on_use(token, rank)`` and ``on_cancel(token)``; it never calls a service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import events, ui

from components.tips import tip
from routix.i18n import t
from routix.i18n.errors import CODES
from routix.video.views import FrameView, VideoUpdate

VIDEO_PICKER_JS = """<script>
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-routix-video')) return;
  const file = input.files[0];
  input.value = '';
  if (!file) return;
  if (file.size > Number(input.dataset.max)) { input.dispatchEvent(new CustomEvent('toobig')); return; }
  const say = (name, detail) => input.dispatchEvent(new CustomEvent(name, {detail}));
  const xhr = new XMLHttpRequest();
  let last = -1;
  xhr.upload.onprogress = (e) => {
    if (!e.lengthComputable) return;
    const percent = Math.floor(100 * e.loaded / e.total);
    if (percent >= last + 2 || percent === 100) { last = percent; say('sent', {percent}); }
  };
  xhr.onload = () => {
    if (xhr.status === 401) { window.location.assign('/login'); return; }
    if (xhr.status < 400) return;
    let answer = {};
    try { answer = JSON.parse(xhr.responseText) || {}; } catch (e) {}
    say('refused', {status: xhr.status, code: String(answer.code || ''), params: answer.params || {}});
  };
  xhr.onerror = () => say('refused', {status: 0, code: '', params: {}});
  xhr.open('POST', input.dataset.url);
  xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
  xhr.setRequestHeader('X-CSRF-Token', input.dataset.csrf);
  xhr.setRequestHeader('X-Routix-Tab', input.dataset.tab);
  if (input.dataset.conversation) xhr.setRequestHeader('X-Routix-Conversation', input.dataset.conversation);
  xhr.send(file);
});
</script>"""
VIDEO_ACCEPT = 'video/mp4,video/quicktime,video/webm,video/x-matroska,.mp4,.mov,.webm,.mkv,.m4v'

UseHandler = Callable[[str, int], Awaitable[None]]
CancelHandler = Callable[[str], None]
TimeHandler = Callable[[str, float], Awaitable[None]]


class VideoPanel(ui.column):
    """Progress of the video a tab sent, then its best frames; hidden while there is nothing to show."""

    def __init__(
        self,
        *,
        lang: str,
        on_use: UseHandler,
        on_use_time: TimeHandler,
        on_cancel: CancelHandler,
        on_open: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self._on_open = on_open
        self._on_use_time = on_use_time
        self.lang = lang
        self._on_use = on_use
        self._on_cancel = on_cancel
        self.token = ''
        self._mb = 0.0
        self.classes('w-full gap-2').mark('video-panel')
        self.set_visibility(False)
        with self:
            with ui.row().classes('w-full items-center gap-2 no-wrap'):
                self.status = ui.label().classes('text-sm flex-grow').props('role=status').mark('video-status')
                self.stop = ui.button(icon='stop_circle', on_click=self._cancel).props('flat round dense')
                tip(self.stop, t('video.cancel', lang)).mark('video-cancel')
            self.bar = ui.linear_progress(value=0, show_value=False).props('rounded').classes('w-full')
            self.strip = ui.row().classes('w-full gap-2 no-wrap overflow-x-auto pb-1').mark('frame-strip')
            self.scrub = ui.row().classes('w-full items-center gap-2')  # a moment of the creator's own choosing

    def picker(self, *, url: str, csrf: str, tab: str, max_bytes: int, conversation: int | None) -> ui.element:
        """The hidden file input and the button that opens it (built inside the composer's row)."""
        gb = round(max_bytes / 1024**3, 2)
        self._mb = round(max_bytes / 1024**2, 2)
        picker = ui.element('input').classes('hidden').mark('video-upload')
        picker.props.update(
            {
                'type': 'file',
                'accept': VIDEO_ACCEPT,
                'data-routix-video': '',
                'data-url': url,
                'data-csrf': csrf,
                'data-tab': tab,
                'data-max': str(max_bytes),
                'data-conversation': str(conversation or ''),
            }
        )
        picker.on('toobig', lambda: ui.notify(t('video.too_big', self.lang, mb=self._mb), type='warning'))
        picker.on('sent', self._sent, args=['detail'])
        picker.on('refused', self._refused, args=['detail'])
        button = ui.button(icon='movie').props('flat round color=primary')
        button.on(  # the server hears the click too: it names the conversation on the picker before a file is chosen
            'click',
            self._on_open,
            js_handler=f'() => {{ document.getElementById("{picker.html_id}").click(); emit(); }}',
        )
        tip(button, t('video.pick', self.lang, gb=gb)).mark('attach-video')
        return picker

    def show(self, update: VideoUpdate) -> None:
        """Show a stage of the tab's video: stored, mining (with its share), done (the strip) or failed."""
        if update.stage == 'failed':
            self._say(update.error.message(self.lang) if update.error else t('video.failed', self.lang), busy=False)
            return
        self.token = update.token or self.token
        if update.stage == 'stored':
            self.strip.clear()
            self._say(t('video.stored', self.lang), busy=True, value=0.0)
        elif update.stage == 'mining':
            self._say(t('video.mining', self.lang, percent=round(100 * update.share)), busy=True, value=update.share)
        elif update.stage == 'done':
            self._say(t('video.done' if update.frames else 'video.none', self.lang), busy=False, value=1.0)
            self._fill(update.frames)
            self._scrubber(update.duration_s)

    def cancelled(self) -> None:
        """The search was stopped."""
        self._say(t('video.cancelled', self.lang), busy=False)

    def _sent(self, e: events.GenericEventArguments) -> None:
        percent = int((e.args.get('detail') or {}).get('percent', 0)) if isinstance(e.args, dict) else 0
        self._say(t('video.uploading', self.lang, percent=percent), busy=False, value=percent / 100)

    def _refused(self, e: events.GenericEventArguments) -> None:
        """The server answered the upload with an error. A 422 (not a usable video) arrives as a ``failed`` stage
        with its full message; the others are refusals before the video service saw the file."""
        detail = (e.args.get('detail') if isinstance(e.args, dict) else None) or {}
        status, code, params = detail.get('status'), str(detail.get('code', '')), detail.get('params')
        if status == 422:
            return
        if status == 413:
            self._say(t('video.too_big', self.lang, mb=self._mb), busy=False)
        elif code in CODES and isinstance(params, dict):
            self._say(t(f'error.{code}', self.lang, **{str(k): v for k, v in params.items()}), busy=False)
        else:
            self._say(t('video.failed', self.lang), busy=False)

    def _say(self, text: str, *, busy: bool, value: float | None = None) -> None:
        self.set_visibility(True)
        self.status.text = text
        self.stop.set_visibility(busy)
        self.bar.set_visibility(value is not None)
        if value is not None:
            self.bar.value = round(value, 3)

    def _fill(self, frames: list[FrameView]) -> None:
        self.strip.clear()
        with self.strip:
            for frame in frames:
                when = _clock(frame.time_s)
                reasons = ', '.join(t(f'video.reason.{r}', self.lang) for r in frame.reasons)
                with ui.column().classes('gap-1 shrink-0 w-40').mark('frame'):
                    ui.image(frame.preview).classes('w-40 rounded-lg shadow').props(f'ratio={16 / 9} fit=cover')
                    ui.label(f'{when} · {reasons}').classes('text-[11px] opacity-70 leading-tight')
                    use = ui.button(
                        t('video.use', self.lang, time=when),
                        on_click=lambda token=self.token, rank=frame.rank: self._on_use(token, rank),
                    )
                    use.props('dense no-caps size=sm color=primary').mark('use-frame')

    def _scrubber(self, duration_s: float) -> None:
        self.scrub.clear()
        if duration_s <= 0:
            return
        with self.scrub:
            moment = ui.number(t('video.moment', self.lang), value=0, min=0, max=round(duration_s, 1), step=0.5)
            moment.props('dense outlined').classes('w-44').mark('video-moment')
            use = ui.button(
                t('video.use_moment', self.lang),
                on_click=lambda token=self.token: self._on_use_time(token, float(moment.value or 0)),
            )
            use.props('dense no-caps outline color=primary').mark('use-moment')

    def _cancel(self) -> None:
        if self.token:
            self._on_cancel(self.token)


def _clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``), in Latin digits whatever the language (as video players show it)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f'{hours}:{rest // 60:02d}:{rest % 60:02d}' if hours else f'{rest // 60}:{rest % 60:02d}'
