"""OpenAI Images (gpt-image-*, legacy dall-e-*) as an ImageProvider.

The SDK's own retries are off (``max_retries=0``): ``routix.providers.retry`` owns retrying, so Retry-After, the
backoff and the "never retry a refusal" rule live in one place for every provider.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import openai
from openai.types import ImagesResponse
from pydantic import SecretStr

from routix.core.config import Settings
from routix.core.errors import ProviderError, ProviderTimeout, ProviderUnavailable, RateLimited, Refused
from routix.providers.base import ImageRequest, ProviderImage
from routix.providers.imaging import canvas_image
from routix.providers.retry import annotate, retry_after_from, scrub, with_retries

log = logging.getLogger(__name__)

REFUSAL_CODES = frozenset({'moderation_blocked', 'content_policy_violation'})


class OpenAIImageProvider:
    """Paints backgrounds with the OpenAI Images API (generate, or edit when a reference image is given)."""

    name = 'openai'

    def __init__(self, settings: Settings, *, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.model = settings.openai_image_model
        self._key: SecretStr = settings.openai_api_key
        self._quality = settings.openai_image_quality
        self._attempts = 1 + settings.provider_retries
        self._sleep = sleep
        self._client = openai.AsyncOpenAI(
            api_key=self._key.get_secret_value(),
            base_url=settings.openai_base_url or None,
            timeout=openai.Timeout(settings.openai_timeout, connect=settings.provider_connect_timeout),
            max_retries=0,
        )

    def __repr__(self) -> str:
        return f'OpenAIImageProvider(model={self.model!r})'

    async def generate(self, request: ImageRequest) -> ProviderImage:
        """Generate one image, retried per settings, cropped to exactly request.width × request.height."""
        data = await with_retries(
            lambda: self._call(request), attempts=self._attempts, sleep=self._sleep, label=self.name
        )
        return await canvas_image(data, request, provider=self.name, model=self.model, seed=None)

    async def check(self) -> str:
        """Retrieve the configured model: proves key, endpoint and model access without painting anything."""
        try:
            model = await self._client.models.retrieve(self.model)
        except openai.OpenAIError as exc:
            raise self._map_error(exc) from None
        return f'ok: model {model.id} available'

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()

    async def _call(self, request: ImageRequest) -> bytes:
        params = self._params(request)
        try:
            if request.reference is not None and self.model != 'dall-e-3':
                response = await self._client.images.edit(
                    image=('reference.png', request.reference, 'image/png'), **params
                )
            else:
                if request.reference is not None:
                    log.info('openai: %s has no edit endpoint; generating without the reference image', self.model)
                response = await self._client.images.generate(**params)
        except openai.OpenAIError as exc:
            raise self._map_error(exc) from None
        return _decode_first_image(response)

    def _params(self, request: ImageRequest) -> dict[str, Any]:
        prompt = request.prompt
        if request.negative_prompt:
            prompt = f'{prompt}\nAvoid: {request.negative_prompt}.'
        params: dict[str, Any] = {
            'model': self.model,
            'prompt': prompt,
            'size': size_for(self.model, request.width, request.height),
            'n': 1,
        }
        if self.model.startswith('dall-e'):
            params['response_format'] = 'b64_json'  # DALL·E defaults to a URL; GPT image models always return b64
            if self.model == 'dall-e-3':
                params['quality'] = 'hd' if self._quality in ('high', 'hd') else 'standard'
        else:
            params['quality'] = self._quality
            params['output_format'] = 'png'
        return params

    def _map_error(self, exc: openai.OpenAIError) -> ProviderError:
        detail = scrub(f'{type(exc).__name__}: {exc}', self._key.get_secret_value())
        log.warning('openai image call failed: %s', detail)
        if isinstance(exc, openai.APITimeoutError):  # before APIConnectionError: it is a subclass
            return annotate(ProviderTimeout(), detail=detail)
        if isinstance(exc, openai.APIConnectionError):
            return annotate(ProviderUnavailable(), retryable=True, detail=detail)
        if isinstance(exc, openai.APIStatusError):
            retry_after = retry_after_from(exc.response.headers)
            code = _error_code(exc)
            if isinstance(exc, openai.BadRequestError) and code in REFUSAL_CODES:
                return annotate(Refused(), detail=detail)
            if isinstance(exc, openai.RateLimitError):
                if code == 'insufficient_quota':
                    return annotate(RateLimited('provider.out_of_quota'), retryable=False, detail=detail)
                return annotate(RateLimited(), retry_after=retry_after, detail=detail)
            if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
                return annotate(ProviderUnavailable('provider.key_rejected'), detail=detail)
            if isinstance(exc, openai.NotFoundError):
                missing = ProviderUnavailable('provider.model_unavailable_named', model=self.model)
                return annotate(missing, detail=detail)
            if exc.status_code >= 500 or exc.status_code in (408, 409):
                return annotate(ProviderUnavailable(), retry_after=retry_after, retryable=True, detail=detail)
            return annotate(ProviderUnavailable('provider.rejected'), detail=detail)
        # APIResponseValidationError, a body that is not JSON, ...
        return annotate(ProviderUnavailable('provider.unreadable_answer'), detail=detail)


def size_for(model: str, width: int, height: int) -> str:
    """The closest landscape size the model accepts; gpt-image-2 and later take the exact canvas when valid."""
    if model.startswith(('gpt-image-1', 'chatgpt-image')):
        return '1536x1024'
    if model == 'dall-e-3':
        return '1792x1024'
    if model.startswith('dall-e'):
        return '1024x1024'
    if _valid_free_size(width, height):
        return f'{width}x{height}'
    return '1536x864'


def _valid_free_size(width: int, height: int) -> bool:
    """gpt-image-2 rule: edges multiple of 16, ratio ≤ 3:1, max edge 3840, 655,360..8,294,400 pixels."""
    long, short = max(width, height), min(width, height)
    return (
        width % 16 == 0
        and height % 16 == 0
        and short > 0
        and long / short <= 3
        and long <= 3840
        and 655_360 <= width * height <= 8_294_400
    )


def _error_code(exc: openai.APIStatusError) -> str | None:
    code = getattr(exc, 'code', None)
    if code:
        return str(code)
    body = exc.body
    if isinstance(body, dict):
        inner = body.get('error', body)
        if isinstance(inner, dict) and inner.get('code'):
            return str(inner['code'])
    return None


def _decode_first_image(response: ImagesResponse) -> bytes:
    # the SDK builds its models without validation: a malformed body can put anything in data, hence getattr
    data = getattr(response, 'data', None) or []
    b64 = getattr(data[0], 'b64_json', None) if data else None
    if not isinstance(b64, str) or not b64:
        raise annotate(ProviderUnavailable('provider.no_image'), detail='no data[0].b64_json')
    try:
        return base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise annotate(ProviderUnavailable('provider.unreadable_image'), detail='bad base64') from None
