"""Stability AI Stable Image v2beta (core, ultra, sd3) as an ImageProvider, over plain httpx.

v2beta takes ``multipart/form-data`` only; httpx sends ``data=`` alone as url-encoded, so a request without a
reference image still carries an empty ``none`` file part (Stability's official examples do the same).
``check()`` calls ``GET /v1/user/balance``: free, authenticated, and it tells the operator the credits left.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable

import httpx
from pydantic import SecretStr

from routix.core.config import Settings
from routix.core.errors import ProviderError, ProviderTimeout, ProviderUnavailable, RateLimited, Refused
from routix.providers.base import ImageRequest, ProviderImage
from routix.providers.imaging import canvas_image
from routix.providers.retry import annotate, retry_after_from, scrub, with_retries

log = logging.getLogger(__name__)

ENDPOINTS = ('core', 'ultra', 'sd3')
DEFAULT_BASE_URL = 'https://api.stability.ai'
STYLE_PRESETS = frozenset({
    'enhance', 'anime', 'photographic', 'digital-art', 'comic-book', 'fantasy-art', 'line-art', 'analog-film',
    'neon-punk', 'isometric', 'low-poly', 'origami', 'modeling-compound', 'cinematic', '3d-model', 'pixel-art',
    'tile-texture',
})  # fmt: skip
MAX_SEED = 4_294_967_294
REFERENCE_STRENGTH = 0.65  # 0 keeps the reference as is, 1 ignores it; the reference guides, it is not the picture
_MAX_USER_TEXT = 300
FilePart = tuple[str, bytes] | tuple[str, bytes, str]  # (file name, content[, content type]) for httpx


class StabilityProvider:
    """Paints backgrounds with Stability's Stable Image endpoints; ultra and sd3 also take a reference image."""

    name = 'stability'

    def __init__(self, settings: Settings, *, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.model = settings.stability_model
        self._endpoint, self._sd3_model = _endpoint_for(self.model)
        self._key: SecretStr = settings.stability_api_key
        self._attempts = 1 + settings.provider_retries
        self._sleep = sleep
        self._client = httpx.AsyncClient(
            base_url=(settings.stability_base_url or DEFAULT_BASE_URL).rstrip('/'),
            timeout=httpx.Timeout(settings.stability_timeout, connect=settings.provider_connect_timeout),
            headers={'authorization': f'Bearer {self._key.get_secret_value()}', 'stability-client-id': 'routix'},
        )

    def __repr__(self) -> str:
        return f'StabilityProvider(model={self.model!r})'

    async def generate(self, request: ImageRequest) -> ProviderImage:
        """Generate one image, retried per settings, cropped to exactly request.width × request.height."""
        data, seed = await with_retries(
            lambda: self._call(request), attempts=self._attempts, sleep=self._sleep, label=self.name
        )
        return await canvas_image(data, request, provider=self.name, model=self.model, seed=seed)

    async def check(self) -> str:
        """``GET /v1/user/balance``: proves the key works and reports the credits left."""
        try:
            response = await self._client.get('/v1/user/balance', headers={'accept': 'application/json'})
        except httpx.HTTPError as exc:
            raise self._transport_error(exc) from None
        if response.status_code != 200:
            raise self._status_error(response)
        try:
            credits = float(response.json()['credits'])
        except (ValueError, KeyError, TypeError):
            raise annotate(ProviderUnavailable('provider.unreadable_answer')) from None
        return f'ok: {credits:g} credits left'

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.aclose()

    async def _call(self, request: ImageRequest) -> tuple[bytes, int | None]:
        fields, files = self._form(request)
        try:
            response = await self._client.post(
                f'/v2beta/stable-image/generate/{self._endpoint}',
                data=fields,
                files=files,
                headers={'accept': 'image/*'},
            )
        except httpx.HTTPError as exc:
            raise self._transport_error(exc) from None
        if response.status_code != 200:
            raise self._status_error(response)
        finish = response.headers.get('finish-reason', 'SUCCESS').upper()
        if finish == 'CONTENT_FILTERED':
            log.info('stability filtered the output (blurred image returned)')
            raise annotate(Refused(), detail='finish-reason: CONTENT_FILTERED')
        if not response.headers.get('content-type', '').startswith('image/') or not response.content:
            raise annotate(
                ProviderUnavailable('provider.unreadable_answer'),
                detail=f'content-type {response.headers.get("content-type")!r}',
            )
        seed = response.headers.get('seed', '')
        return response.content, int(seed) if seed.isdigit() else None

    def _form(self, request: ImageRequest) -> tuple[dict[str, str], dict[str, FilePart]]:
        fields = {'prompt': request.prompt, 'output_format': 'png', 'seed': str(min(max(request.seed, 0), MAX_SEED))}
        if request.negative_prompt:
            fields['negative_prompt'] = request.negative_prompt
        if request.style_preset in STYLE_PRESETS:
            fields['style_preset'] = request.style_preset
        elif request.style_preset:  # an unknown preset is a 400 for the whole request; better drop it
            log.warning('stability: unknown style_preset %r dropped', request.style_preset)
        if self._sd3_model:
            fields['model'] = self._sd3_model
        files: dict[str, FilePart] = {'none': ('none', b'')}  # forces multipart/form-data; Stability ignores the part
        if request.reference is not None and self._endpoint == 'core':
            log.info('stability core has no image-to-image; generating from the prompt only')
        elif request.reference is not None:
            files = {'image': ('reference.png', request.reference, 'image/png')}
            fields['strength'] = str(REFERENCE_STRENGTH)
            if self._endpoint == 'sd3':
                fields['mode'] = 'image-to-image'  # sd3 takes the aspect ratio from the image in this mode
        if 'image' not in files or self._endpoint == 'ultra':
            fields['aspect_ratio'] = '16:9'
        return fields, files

    def _transport_error(self, exc: httpx.HTTPError) -> ProviderError:
        detail = scrub(f'{type(exc).__name__}: {exc}', self._key.get_secret_value())
        log.warning('stability call failed: %s', detail)
        if isinstance(exc, httpx.TimeoutException):
            return annotate(ProviderTimeout(), detail=detail)
        return annotate(ProviderUnavailable(), retryable=True, detail=detail)

    def _status_error(self, response: httpx.Response) -> ProviderError:
        status = response.status_code
        name, messages = _envelope(response)
        secret = self._key.get_secret_value()
        detail = scrub(f'HTTP {status} {name}: {"; ".join(messages)}', secret)
        log.warning('stability call failed: %s', detail)
        first = scrub(messages[0], secret)[:_MAX_USER_TEXT] if messages else ''
        retry_after = retry_after_from(response.headers)
        if (status == 403 and name == 'content_moderation') or (status == 422 and name != 'invalid_language'):
            # errors[0] is written for the end user here
            refused = Refused('provider.refused_reason', reason=first) if first else Refused()
            return annotate(refused, detail=detail)
        if status == 429:
            return annotate(RateLimited(), retry_after=retry_after, detail=detail)
        if status >= 500:
            return annotate(ProviderUnavailable(), retry_after=retry_after, retryable=True, detail=detail)
        if status in (401, 403):
            return annotate(ProviderUnavailable('provider.key_rejected'), detail=detail)
        if status == 402:
            return annotate(ProviderUnavailable('provider.out_of_credits'), detail=detail)
        if status == 413:
            return annotate(ProviderUnavailable('provider.reference_too_large'), detail=detail)
        return annotate(ProviderUnavailable('provider.rejected_parameters'), detail=detail)


def _endpoint_for(model: str) -> tuple[str, str | None]:
    """Map settings.stability_model to (endpoint, sd3 model field): 'sd3.5-large' → ('sd3', 'sd3.5-large')."""
    if model in ENDPOINTS:
        return model, None
    if model.startswith('sd3'):
        return 'sd3', model
    log.warning('unknown STABILITY_MODEL %r; using core', model)
    return 'core', None


def _envelope(response: httpx.Response) -> tuple[str, list[str]]:
    """(name, errors[]) from the v2beta ``{id, name, errors}`` envelope (v1 ``message`` tolerated)."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return '', []
    if not isinstance(body, dict):
        return '', []
    errors = body.get('errors')
    messages = [str(e) for e in errors] if isinstance(errors, list) else []
    if not messages and body.get('message'):
        messages = [str(body['message'])]
    return str(body.get('name', '')), messages
