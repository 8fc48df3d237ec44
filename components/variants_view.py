"""A chat message of kind 'variants': the three thumbnails side by side in the home-feed mockup, then the zip.

While the three are drawn it shows how many are done; the thread calls ``show`` with its newest views whenever a
generation changes. The mockup comes from the owner-checked ``/api/feed/set.png`` route, the zip from
``/export/variants/<message id>.zip``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from nicegui import ui

from routix.chat.views import MessageView
from routix.generation.views import GenerationView
from routix.i18n import t

FIRST_ROW = 440
"""CSS px of the home mockup down to the end of its first row of cards"""


class VariantsView(ui.card):
    """One variant set in the thread."""

    def __init__(self, message: MessageView, *, views: Mapping[int, GenerationView], lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.message_id = message.id
        self.ids = [int(i) for i in message.meta.get('generation_ids') or [] if isinstance(i, int)]
        axis = str(message.meta.get('axis') or '')
        self._state = ''
        self.classes('w-full rounded-2xl shadow-md p-4 gap-3').mark('variants', f'variants-{message.id}')
        with self:
            with ui.row().classes('items-center gap-2 no-wrap'):
                ui.icon('view_column', color='primary', size='sm')
                ui.label(t('feed.variants_title', lang, axis=t(f'feed.axis.{axis}', lang))).classes('font-bold')
            self.body = ui.column().classes('w-full gap-2')
        self.show(views)

    def show(self, views: Mapping[int, GenerationView]) -> None:
        """Re-render when the set's state changed: waiting (n of 3 done), failed, or ready."""
        mine = [views.get(i) for i in self.ids]
        done = sum(1 for v in mine if v is not None and v.status == 'completed')
        failed = any(v is not None and v.status in ('failed', 'cancelled') for v in mine)
        state = 'failed' if failed else 'ready' if self.ids and done == len(self.ids) else f'waiting {done}'
        if state == self._state or self.is_deleted:
            return
        self._state = state
        self.body.clear()
        with self.body:
            if state == 'failed':
                ui.label(t('feed.variants_failed', self.lang)).classes('text-negative text-sm').mark('variants-failed')
            elif state == 'ready':
                query = urlencode({'ids': ','.join(map(str, self.ids)), 'surface': 'home', 'lang': self.lang})
                image = ui.image(f'/api/feed/set.png?{query}').classes('w-full rounded-xl')
                # the masthead, the chips and the first row (the three variants); the row below is cut off
                image.props(f'ratio={1136 / FIRST_ROW:.4f} fit=cover position="50% 0%"')
                image.props['alt'] = t('feed.variants_alt', self.lang)
                image.mark('variants-image')
                zip_link = ui.button(t('feed.variants_zip', self.lang), icon='folder_zip')
                zip_link.props('unelevated no-caps rounded').mark('variants-zip')
                zip_link.props['href'] = f'/export/variants/{self.message_id}.zip'
            else:
                with ui.row().classes('items-center gap-2'):
                    ui.spinner(size='1.2em')
                    ui.label(f'{t("feed.variants_waiting", self.lang)} {done}/{len(self.ids)}').mark('variants-waiting')
