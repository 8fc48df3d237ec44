"""Gemini image generation ("Nano Banana" models, generateContent with an IMAGE modality) as an ImageProvider.

google-genai has no timeout and no retries by default; we set the timeout (milliseconds) and pin the SDK to one
attempt (``HttpRetryOptions(attempts=1)``), which also switches off its hidden 1–10 s sleep-and-retry on aiohttp
connection errors. ``routix.providers.retry`` owns retrying. The key travels as the ``x-goog-api-key`` header (the
SDK's behaviour for API keys), never as ``?key=`` in a URL that an HTTP library might log.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping

import httpx2
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import SecretStr

from routix.core.config import Settings
from routix.core.errors import ProviderError, ProviderTimeout, ProviderUnavailable, RateLimited, Refused
from routix.providers.base import ImageRequest, ProviderImage
from routix.providers.imaging import canvas_image
from routix.providers.retry import annotate, retry_after_from, scrub, with_retries

try:  # google-genai prefers aiohttp for its async client when aiohttp is installed
    import aiohttp

    _TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (httpx2.TransportError, aiohttp.ClientError, OSError)
except ImportError:  # pragma: no cover - depends on the environment
    _TRANSPORT_ERRORS = (httpx2.TransportError, OSError)

log = logging.getLogger(__name__)

SAFETY_FINISH = frozenset(
    {'SAFETY', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII'}
)
_TIMEOUTS: tuple[type[BaseException], ...] = (TimeoutError, httpx2.TimeoutException)
# ValueError covers a malformed body (JSON decoding, pydantic validation inside the SDK)
GEMINI_FAILURES: tuple[type[BaseException], ...] = (genai_errors.APIError, *_TIMEOUTS, *_TRANSPORT_ERRORS, ValueError)


class GeminiImageProvider:
    """Paints backgrounds with a Gemini image model; a reference image goes along as an inline part."""

    name = 'gemini'

    def __init__(self, settings: Settings, *, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.model = settings.gemini_image_model
        self._key: SecretStr = settings.gemini_api_key
        self._attempts = 1 + settings.provider_retries
        self._sleep = sleep
        self._client = build_client(settings, timeout=settings.gemini_timeout)

    def __repr__(self) -> str:
        return f'GeminiImageProvider(model={self.model!r})'

    async def generate(self, request: ImageRequest) -> ProviderImage:
        """Generate one image, retried per settings, cropped to exactly request.width × request.height."""
        data = await with_retries(
            lambda: self._call(request), attempts=self._attempts, sleep=self._sleep, label=self.name
        )
        return await canvas_image(data, request, provider=self.name, model=self.model, seed=None)

    async def check(self) -> str:
        """Fetch the model's metadata: proves key, endpoint and model access without painting anything."""
        try:
            model = await self._client.aio.models.get(model=self.model)
        except GEMINI_FAILURES as exc:
            raise map_gemini_error(exc, self._key) from None
        return f'ok: model {model.name or self.model} available'

    async def aclose(self) -> None:
        """Close the SDK's HTTP sessions."""
        await self._client.aio.aclose()
        self._client.close()

    async def _call(self, request: ImageRequest) -> bytes:
        prompt = request.prompt
        if request.negative_prompt:
            prompt = f'{prompt}\nAvoid: {request.negative_prompt}.'
        contents: list[types.PartUnion] = [prompt]
        if request.reference is not None:
            contents.append(types.Part.from_bytes(data=request.reference, mime_type='image/png'))
        config = types.GenerateContentConfig(
            response_modalities=['TEXT', 'IMAGE'],
            image_config=types.ImageConfig(aspect_ratio='16:9'),
        )
        try:
            response = await self._client.aio.models.generate_content(
                model=self.model, contents=contents, config=config
            )
        except GEMINI_FAILURES as exc:
            raise map_gemini_error(exc, self._key) from None
        return _image_from(response)


def build_client(settings: Settings, *, timeout: float) -> genai.Client:
    """A google-genai client with our base URL, a timeout in seconds, and no SDK-side retries."""
    options = types.HttpOptions(
        base_url=settings.gemini_base_url or None,
        timeout=max(int(timeout * 1000), 1),
        retry_options=types.HttpRetryOptions(attempts=1),
    )
    return genai.Client(api_key=settings.gemini_api_key.get_secret_value(), http_options=options)


def map_gemini_error(exc: BaseException, key: SecretStr) -> ProviderError:
    """Translate a google-genai / transport exception into the Routix ProviderError tree."""
    detail = scrub(f'{type(exc).__name__}: {exc}', key.get_secret_value())
    log.warning('gemini call failed: %s', detail)
    if isinstance(exc, genai_errors.APIError):
        headers = getattr(getattr(exc, 'response', None), 'headers', None)
        retry_after = retry_after_from(headers) if isinstance(headers, Mapping) else None
        if retry_after is None:
            retry_after = _retry_delay(exc.details)
        if exc.code == 429:
            return annotate(RateLimited(), retry_after=retry_after, detail=detail)
        if exc.code == 504:
            return annotate(ProviderTimeout(), detail=detail)
        if isinstance(exc, genai_errors.ServerError) or exc.code >= 500:
            return annotate(ProviderUnavailable(), retry_after=retry_after, retryable=True, detail=detail)
        if exc.code in (401, 403) or 'API_KEY' in str(exc.details) or 'API key' in str(exc.message):
            return annotate(ProviderUnavailable('provider.key_rejected'), detail=detail)
        if exc.code == 404:
            return annotate(ProviderUnavailable('provider.model_unavailable'), detail=detail)
        return annotate(ProviderUnavailable('provider.rejected'), detail=detail)
    if isinstance(exc, _TIMEOUTS):
        return annotate(ProviderTimeout(), detail=detail)
    if isinstance(exc, _TRANSPORT_ERRORS):
        return annotate(ProviderUnavailable(), retryable=True, detail=detail)
    return annotate(ProviderUnavailable('provider.unreadable_answer'), detail=detail)


def _image_from(response: types.GenerateContentResponse) -> bytes:
    feedback = response.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        reason = _enum_name(feedback.block_reason)
        log.info('gemini blocked the prompt: %s', reason)
        raise annotate(Refused(), detail=f'promptFeedback.blockReason={reason}')
    candidates = response.candidates or []
    if not candidates:
        raise annotate(ProviderUnavailable('provider.no_image'), detail='no candidates')
    candidate = candidates[0]
    finish = _enum_name(candidate.finish_reason)
    if finish in SAFETY_FINISH:
        log.info('gemini stopped for safety: %s', finish)
        raise annotate(Refused(), detail=f'finishReason={finish}')
    for part in (candidate.content.parts if candidate.content else None) or []:
        if part.inline_data is not None and part.inline_data.data:
            return part.inline_data.data
    raise annotate(ProviderUnavailable('provider.no_image'), detail=f'no image part ({finish})')


def _retry_delay(details: object) -> float | None:
    """``google.rpc.RetryInfo.retryDelay`` ('7s', '1.5s') from an error body, if present."""
    error = details.get('error', details) if isinstance(details, dict) else None
    for item in (error or {}).get('details', []) if isinstance(error, dict) else []:
        if isinstance(item, dict) and str(item.get('@type', '')).endswith('RetryInfo'):
            match = re.fullmatch(r'\s*([0-9.]+)s\s*', str(item.get('retryDelay', '')))
            if match:
                return float(match.group(1))
    return None


def _enum_name(value: object) -> str:
    return str(getattr(value, 'name', value) or '')
