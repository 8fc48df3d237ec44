"""The feed preview page (``/feed/<id>``) and its owner-checked pictures (``/api/feed/<id>.png``, ``…/set.png``).

The pictures are PNGs the server draws (``services.feed``) for the signed-in creator's own thumbnails and uploads;
``/api/`` is private to the session (the middleware answers 404 without one), and a foreign or unknown id gets the
same 404 as the media route.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from nicegui import app, background_tasks, ui

from components.composer import PICKER_JS
from components.feed_preview import MAX_COMPARISONS, FeedActions, FeedPreview, Upload
from routix.chat.views import UploadOutcome
from routix.core.errors import RoutixError
from routix.generation.views import GenerationView
from routix.i18n import pick_language, t
from routix.models import User

from .auth_routes import csrf_token
from .ids import parse_id
from .media import not_found, private_file
from .shell import frame, signed_in_user
from .uploads import UPLOAD_PATH

if TYPE_CHECKING:
    from routix.core.services import Services

MAX_SET = 3
PHONE_WIDTH = 640
"""CSS px: a window narrower than this opens on the phone feed"""


def register(services: Services) -> None:
    """Add the page and its two picture routes."""

    @app.get('/api/feed/set.png', include_in_schema=False)
    async def feed_set(
        request: Request, ids: str = '', surface: str = 'home', theme: str = 'light', lang: str = 'en'
    ) -> Response:
        """A variant set side by side (each titled by its headline)."""
        numbers = [parse_id(part) for part in ids.split(',')[:MAX_SET]]
        user_id = getattr(request.state, 'user_id', None)
        if user_id is None or not numbers or None in numbers:
            return not_found()
        wanted = [n for n in numbers if n is not None]
        return await _picture(
            services.feed.preview_set(user_id, wanted, surface=surface, theme=theme, lang=pick_language(lang))
        )

    @app.get('/api/feed/{generation_id}.png', include_in_schema=False)
    async def feed_png(
        request: Request,
        generation_id: str,
        *,
        surface: str = 'home',
        theme: str = 'light',
        lang: str = 'en',
        title: str = '',
        uploads: str = '',
    ) -> Response:
        """One thumbnail in a surface, beside the creator's comparison uploads."""
        user_id = getattr(request.state, 'user_id', None)
        number = parse_id(generation_id)
        others = [parse_id(part) for part in uploads.split(',')[:MAX_COMPARISONS] if part]
        if user_id is None or number is None or None in others:
            return not_found()
        return await _picture(
            services.feed.preview(
                user_id,
                number,
                surface=surface,
                theme=theme,
                title=title,
                comparison_upload_ids=[n for n in others if n is not None],
                lang=pick_language(lang),
            )
        )

    @ui.page('/feed/{generation_id}', title='Routix · Feed preview')
    async def feed_page(request: Request, generation_id: str) -> None:
        user = await signed_in_user(services, request)
        page = FeedPage(services, user, csrf=csrf_token(request))
        await page.build(parse_id(generation_id))


async def _picture(drawing: Any) -> Response:
    try:
        png = await drawing
    except RoutixError:
        return not_found()
    return private_file(png, 'image/png')


class FeedPage:
    """One open feed preview tab of the signed-in creator."""

    def __init__(self, services: Services, user: User, *, csrf: str) -> None:
        assert user.id is not None
        self.services = services
        self.user = user
        self.owner_id: int = user.id
        self.lang = pick_language(user.locale)
        self.csrf = csrf
        self.tab = secrets.token_urlsafe(12)
        self.preview: FeedPreview | None = None
        self.comparisons: set[int] = set()

    async def build(self, generation_id: int | None) -> None:
        """The preview of one finished thumbnail, or a 'not found' note."""
        lang = self.lang
        view = await self._view(generation_id)
        ui.page_title(f'Routix · {t("feed.open", lang)}')
        with frame(services=self.services, user=self.user, active='history'):
            if view is None:
                ui.label(t('error.generation.not_found', lang)).classes('text-lg').mark('feed-missing')
                return
            self.view = view
            ui.add_body_html(PICKER_JS)
            self.services.chat.uploads_for(self.owner_id).subscribe(self._on_upload)
            ui.context.client.on_delete(self._discard_comparisons)
            chat_url = f'/?c={view.conversation_id}' if view.conversation_id else f'/history?g={view.id}'
            self.preview = FeedPreview(
                lang=lang,
                headline=view.headline,
                dark=bool(self.user.dark_mode),
                upload=Upload(
                    url=UPLOAD_PATH,
                    csrf=self.csrf,
                    tab=self.tab,
                    max_bytes=self.services.settings.max_upload_bytes,
                ),
                actions=FeedActions(
                    image_url=self._image_url,
                    check=self._check,
                    remove_comparison=self._remove,
                    make_variants=self._variants if view.conversation_id else None,
                    other_language=self._other_language if view.conversation_id else None,
                ),
                price_text=self._price_text(view),
                back_url=chat_url,
            )
            background_tasks.create(self._fit_to_device(), name='feed surface for the device')

    async def _fit_to_device(self) -> None:
        """On a phone-sized window the phone feed is what to judge first."""
        preview = self.preview
        if preview is None:
            return
        try:
            await preview.client.connected(timeout=10)
            width = await preview.client.run_javascript('window.innerWidth', timeout=5)
        except (TimeoutError, RuntimeError):
            return
        if isinstance(width, int | float) and width < PHONE_WIDTH and not preview.is_deleted:
            preview.choose_surface('phone')

    async def _view(self, generation_id: int | None) -> GenerationView | None:
        if generation_id is None:
            return None
        try:
            view = await self.services.generation.get(owner_id=self.owner_id, generation_id=generation_id)
        except RoutixError:
            return None
        return view if view.status == 'completed' and view.image_url else None

    def _image_url(self, surface: str, theme: str, title: str, uploads: list[int]) -> str:
        query = {'surface': surface, 'theme': theme, 'lang': self.lang, 'title': title}
        if uploads:
            query['uploads'] = ','.join(str(n) for n in uploads)
        return f'/api/feed/{self.view.id}.png?{urlencode(query)}'

    def _price_text(self, view: GenerationView) -> str:
        price = self.services.variants.price(str(view.tier))
        if not price:
            return t('feed.variants_free', self.lang)
        return t('feed.variants_price', self.lang, tier=view.tier_text(self.lang), n=price)

    async def _check(self, title: str) -> dict[str, Any] | None:
        try:
            report = await self.services.checks.check_generation(self.owner_id, self.view.id, title=title)
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return None
        return report.to_dict(self.lang)

    async def _variants(self, axis: str) -> None:
        if self.view.conversation_id is None:
            return
        try:
            await self.services.variants.make(
                owner_id=self.owner_id,
                conversation_id=self.view.conversation_id,
                source_generation_id=self.view.id,
                axis=axis,
                tier=str(self.view.tier),
            )
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return
        ui.notify(t('feed.variants_started', self.lang), type='positive')
        ui.navigate.to(f'/?c={self.view.conversation_id}')

    async def _other_language(self, headline: str) -> None:
        if self.view.conversation_id is None:
            return
        try:
            await self.services.chat.other_language(
                owner_id=self.owner_id,
                conversation_id=self.view.conversation_id,
                generation_id=self.view.id,
                headline=headline,
            )
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return
        ui.navigate.to(f'/?c={self.view.conversation_id}')

    async def _on_upload(self, outcome: UploadOutcome) -> None:
        """A file this tab sent was stored or refused (the chat's tabs ignore it: another tab key)."""
        if outcome.tab != self.tab or self.preview is None or self.preview.is_deleted:
            return
        if outcome.error is not None:
            ui.notify(outcome.error.message(self.lang), type='negative')
        elif outcome.upload is not None:
            self.comparisons.add(outcome.upload.id)
            self.preview.add_comparison(outcome.upload)

    async def _remove(self, upload_id: int) -> None:
        self.comparisons.discard(upload_id)
        await self.services.chat.discard_upload(owner_id=self.owner_id, upload_id=upload_id)

    def _discard_comparisons(self) -> None:
        """The tab is gone: its comparison files were never meant to be kept."""
        for upload_id in self.comparisons:
            background_tasks.create(
                self.services.chat.discard_upload(owner_id=self.owner_id, upload_id=upload_id),
                name=f'discard comparison {upload_id}',
            )
