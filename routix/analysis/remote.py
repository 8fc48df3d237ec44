"""Remote analysers (OpenAI, Gemini) with structured output, an LRU cache, and the choice among them.

A remote analyser never fails a generation: a refusal, an outage, or output that is malformed or outside the
vocabulary falls back to the offline analyser (``source='offline'``), and the reason is logged. Only answers the
inner analyser produced itself are cached, so a fallback during an outage is not remembered afterwards.

openai and google-genai (about a second each to import) and the offline analyser are imported on first use.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import logging
from collections import OrderedDict
from typing import Any

from routix.analysis.model import Analysis, Analyzer
from routix.core.config import Settings
from routix.providers.retry import scrub
from routix.vocabulary import CATEGORIES, LANGUAGES, MOODS, STYLES

log = logging.getLogger(__name__)

ANALYZER_TIMEOUT = 20.0  # seconds; analysis is a small text call, and the offline fallback is always there
SYSTEM_PROMPT = (
    "You read a YouTube creator's request for a thumbnail and describe it with the given JSON schema. "
    "headline: the short text to print on the thumbnail, in the request's own language (at most 6 words). "
    'subtitle: an optional second line, or "". subject: the main visual subject in English. '
    'palette: 2 to 5 colours as #rrggbb, most important first. language: en, fa or mixed; direction: rtl when the '
    'headline is Persian/Arabic script, else ltr. confidence: how sure you are, 0 to 1. '
    'Reference images, when given, show the look the creator wants.'
)
_PROPERTIES: dict[str, Any] = {
    'category': {'type': 'string', 'enum': list(CATEGORIES)},
    'style': {'type': 'string', 'enum': list(STYLES)},
    'mood': {'type': 'string', 'enum': list(MOODS)},
    'palette': {
        'type': 'array',
        'items': {'type': 'string', 'pattern': '^#[0-9a-fA-F]{6}$'},
        'minItems': 2,
        'maxItems': 5,
    },
    'headline': {'type': 'string'},
    'subtitle': {'type': 'string'},
    'subject': {'type': 'string'},
    'language': {'type': 'string', 'enum': list(LANGUAGES)},
    'direction': {'type': 'string', 'enum': ['ltr', 'rtl']},
    'confidence': {'type': 'number', 'minimum': 0, 'maximum': 1},
}
# OpenAI strict mode: every property required, no extras. The same schema feeds Gemini (see gemini_schema).
ANALYSIS_SCHEMA: dict[str, Any] = {
    'type': 'object',
    'properties': _PROPERTIES,
    'required': list(_PROPERTIES),
    'additionalProperties': False,
}


def build_analyzer(settings: Settings) -> Analyzer:
    """The configured analyser in a CachedAnalyzer: 'auto' picks OpenAI, then Gemini, then offline by keys set."""
    has_openai = bool(settings.openai_api_key.get_secret_value().strip())
    has_gemini = bool(settings.gemini_api_key.get_secret_value().strip())
    choice = settings.analyzer
    if choice == 'auto':
        choice = 'openai' if has_openai else 'gemini' if has_gemini else 'offline'
    elif (choice == 'openai' and not has_openai) or (choice == 'gemini' and not has_gemini):
        log.warning('ROUTIX_ANALYZER=%s but its API key is not set; using the offline analyser', choice)
        choice = 'offline'
    inner: Analyzer
    if choice == 'openai':
        inner = OpenAIAnalyzer(settings)
    elif choice == 'gemini':
        inner = GeminiAnalyzer(settings)
    else:
        inner = _offline()
    log.info('analyser: %s', inner.name)
    return CachedAnalyzer(inner)


class CachedAnalyzer:
    """An in-memory LRU over another analyser, keyed by sha256(prompt + each image's sha256)."""

    def __init__(self, inner: Analyzer, *, maxsize: int = 512) -> None:
        self.inner = inner
        self.name = inner.name
        self.maxsize = maxsize
        self._entries: OrderedDict[str, Analysis] = OrderedDict()

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """The cached analysis, or the inner analyser's (cached when the inner one produced it itself)."""
        key = cache_key(prompt, images)
        if (hit := self._entries.get(key)) is not None:
            self._entries.move_to_end(key)
            return _copy(hit)
        result = await self.inner.analyze(prompt, images=images)
        if result.source == self.inner.name:
            self._entries[key] = _copy(result)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return result


class OpenAIAnalyzer:
    """OpenAI Chat Completions with a strict JSON schema; reference images go as data-URL image parts."""

    name = 'openai'

    def __init__(self, settings: Settings) -> None:
        self.model = settings.openai_text_model
        self._key = settings.openai_api_key
        import openai  # ~0.8 s to import: only when OpenAI is configured

        timeout = getattr(settings, 'analyzer_timeout', ANALYZER_TIMEOUT)
        self._errors: type[Exception] = openai.OpenAIError
        self._client = openai.AsyncOpenAI(
            api_key=self._key.get_secret_value(),
            base_url=settings.openai_base_url or None,
            timeout=openai.Timeout(timeout, connect=settings.provider_connect_timeout),
            max_retries=0,
        )

    def __repr__(self) -> str:
        return f'OpenAIAnalyzer(model={self.model!r})'

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """Analyse with OpenAI; anything unusable falls back to the offline analyser."""
        text, why = await self._ask(prompt, images)
        return await _accept(self.name, text, why, prompt, images)

    async def _ask(self, prompt: str, images: list[bytes] | None) -> tuple[str | None, str]:
        """(JSON text, '') or (None, why); never raises for provider failures (and keeps SDK errors unchained)."""
        content: list[dict[str, Any]] = [{'type': 'text', 'text': prompt}]
        content += [
            {'type': 'image_url', 'image_url': {'url': _data_url(img), 'detail': 'low'}} for img in images or []
        ]
        try:
            completion = await self._client.chat.completions.create(
                model=self.model,
                messages=[{'role': 'system', 'content': SYSTEM_PROMPT}, {'role': 'user', 'content': content}],
                response_format={
                    'type': 'json_schema',
                    'json_schema': {'name': 'thumbnail_analysis', 'strict': True, 'schema': ANALYSIS_SCHEMA},
                },
            )
        except self._errors as exc:
            return None, scrub(_describe(exc), self._key.get_secret_value())
        choice = completion.choices[0] if completion.choices else None
        if choice is None:
            return None, 'no choices'
        if choice.message.refusal:
            return None, 'refused'
        if choice.finish_reason != 'stop':
            return None, f'finish_reason={choice.finish_reason}'
        return choice.message.content, ''

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()


class GeminiAnalyzer:
    """Gemini generateContent with a JSON response schema; reference images go as inline parts."""

    name = 'gemini'

    def __init__(self, settings: Settings) -> None:
        from routix.providers.gemini_images import build_client

        self.model = settings.gemini_text_model
        self._key = settings.gemini_api_key
        self._client = build_client(settings, timeout=getattr(settings, 'analyzer_timeout', ANALYZER_TIMEOUT))

    def __repr__(self) -> str:
        return f'GeminiAnalyzer(model={self.model!r})'

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """Analyse with Gemini; anything unusable falls back to the offline analyser."""
        text, why = await self._ask(prompt, images)
        return await _accept(self.name, text, why, prompt, images)

    async def _ask(self, prompt: str, images: list[bytes] | None) -> tuple[str | None, str]:
        """(JSON text, '') or (None, why); never raises for provider failures (and keeps SDK errors unchained)."""
        from google.genai import types

        from routix.providers.gemini_images import GEMINI_FAILURES, SAFETY_FINISH

        parts: list[Any] = [types.Part.from_bytes(data=img, mime_type=_mime(img)) for img in images or []]
        config = types.GenerateContentConfig(
            system_instruction=SYSTEM_PROMPT,
            response_mime_type='application/json',
            response_schema=gemini_schema(),
            temperature=0.2,
        )
        try:
            response = await self._client.aio.models.generate_content(
                model=self.model, contents=[*parts, prompt], config=config
            )
        except GEMINI_FAILURES as exc:
            return None, scrub(_describe(exc), self._key.get_secret_value())
        feedback = response.prompt_feedback
        if feedback is not None and feedback.block_reason is not None:
            return None, f'blocked ({_name(feedback.block_reason)})'
        candidate = response.candidates[0] if response.candidates else None
        if candidate is None:
            return None, 'no candidates'
        if _name(candidate.finish_reason) in SAFETY_FINISH:
            return None, f'refused ({_name(candidate.finish_reason)})'
        return ''.join(p.text or '' for p in (candidate.content.parts if candidate.content else None) or []), ''

    async def aclose(self) -> None:
        """Close the SDK's HTTP sessions."""
        await self._client.aio.aclose()
        self._client.close()


def gemini_schema() -> dict[str, Any]:
    """ANALYSIS_SCHEMA for Gemini's response_schema (the SDK converts it and mutates it, so a fresh copy)."""
    schema = copy.deepcopy(ANALYSIS_SCHEMA)
    schema.pop('additionalProperties')  # OpenAI's strict mode needs it; Gemini's Schema does not use it
    return schema


def cache_key(prompt: str, images: list[bytes] | None) -> str:
    """sha256 over the prompt and each image's sha256, in order."""
    digest = hashlib.sha256(prompt.encode('utf-8'))
    for image in images or []:
        digest.update(b'\x00' + hashlib.sha256(image).digest())
    return digest.hexdigest()


def parse_analysis(text: str | None, source: str) -> tuple[Analysis | None, str]:
    """(Analysis, '') for valid model JSON, else (None, why)."""
    if not text:
        return None, 'empty answer'
    try:
        data = json.loads(text)
    except ValueError:
        return None, 'answer is not JSON'
    if not isinstance(data, dict):
        return None, 'answer is not a JSON object'
    try:
        analysis = Analysis.from_dict({**data, 'source': source})
        valid = analysis.is_valid()
    except (TypeError, AttributeError, ValueError) as exc:
        return None, f'answer does not fit Analysis ({type(exc).__name__})'
    return (analysis, '') if valid else (None, 'answer is outside the vocabulary')


async def _accept(name: str, text: str | None, why: str, prompt: str, images: list[bytes] | None) -> Analysis:
    if text is not None:
        analysis, why = parse_analysis(text, name)
        if analysis is not None:
            return analysis
    return await _fallback(name, why, prompt, images)


async def _fallback(name: str, why: str, prompt: str, images: list[bytes] | None) -> Analysis:
    log.warning('%s analysis unusable (%s); using the offline analyser', name, why)
    return await _offline().analyze(prompt, images=images)


def _offline() -> Analyzer:
    from routix.analysis.offline import OfflineAnalyzer

    return OfflineAnalyzer()


def _copy(analysis: Analysis) -> Analysis:
    return Analysis.from_dict(analysis.to_dict())


def _describe(exc: BaseException) -> str:
    status = getattr(exc, 'status_code', None) or getattr(exc, 'code', None)
    return f'{type(exc).__name__}{f" {status}" if status else ""}: {exc}'


def _mime(data: bytes) -> str:
    if data.startswith(b'\xff\xd8'):
        return 'image/jpeg'
    if data[:4] == b'RIFF' and data[8:12] == b'WEBP':
        return 'image/webp'
    return 'image/png'


def _data_url(data: bytes) -> str:
    return f'data:{_mime(data)};base64,{base64.b64encode(data).decode()}'


def _name(value: Any) -> str:
    return str(getattr(value, 'name', value) or '')
