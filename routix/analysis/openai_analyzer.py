"""The OpenAI analyser: Chat Completions with a strict JSON schema (structured output)."""

from __future__ import annotations

import openai
from openai.types.chat import ChatCompletion, ChatCompletionContentPartParam

from routix.analysis.model import Analysis
from routix.analysis.remote import ANALYSIS_SCHEMA, SYSTEM_PROMPT, accept, data_url, describe
from routix.core.config import Settings
from routix.providers.retry import scrub


class OpenAIAnalyzer:
    """OpenAI Chat Completions with a strict JSON schema; reference images go as data-URL image parts."""

    name = 'openai'

    def __init__(self, settings: Settings) -> None:
        self.model = settings.openai_text_model
        self._key = settings.openai_api_key
        self._client = openai.AsyncOpenAI(
            api_key=self._key.get_secret_value(),
            base_url=settings.openai_base_url or None,
            timeout=openai.Timeout(settings.analyzer_timeout, connect=settings.provider_connect_timeout),
            max_retries=0,  # the offline fallback is always there; a retry would only make the creator wait
        )

    def __repr__(self) -> str:
        return f'OpenAIAnalyzer(model={self.model!r})'

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """Analyse with OpenAI; anything unusable falls back to the offline analyser."""
        text, why = await self._ask(prompt, images)
        return await accept(self.name, text, why, prompt, images)

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()

    async def _ask(self, prompt: str, images: list[bytes] | None) -> tuple[str | None, str]:
        """(JSON text, '') or (None, why); never raises for provider failures (and keeps SDK errors unchained)."""
        content: list[ChatCompletionContentPartParam] = [{'type': 'text', 'text': prompt}]
        content += [{'type': 'image_url', 'image_url': {'url': data_url(img), 'detail': 'low'}} for img in images or []]
        try:
            completion = await self._client.chat.completions.create(
                model=self.model,
                messages=[{'role': 'system', 'content': SYSTEM_PROMPT}, {'role': 'user', 'content': content}],
                response_format={
                    'type': 'json_schema',
                    'json_schema': {'name': 'thumbnail_analysis', 'strict': True, 'schema': ANALYSIS_SCHEMA},
                },
            )
        except openai.OpenAIError as exc:
            return None, scrub(describe(exc), self._key.get_secret_value())
        if not isinstance(completion, ChatCompletion):  # a 200 that is not JSON (a proxy's page) comes back as str
            return None, 'answer is not a chat completion'
        choice = completion.choices[0] if completion.choices else None
        if choice is None:
            return None, 'no choices'
        if choice.message.refusal:
            return None, 'refused'
        if choice.finish_reason != 'stop':
            return None, f'finish_reason={choice.finish_reason}'
        return choice.message.content, ''
