"""The OpenAI side of ``model_intent``: one structured-output call (imported only when OpenAI is the analyser)."""

from __future__ import annotations

from typing import Any

import openai
from openai.types.chat import ChatCompletion

from routix.analysis.remote import describe
from routix.core.config import Settings
from routix.providers.retry import scrub


class OpenAIIntentModel:
    """Chat Completions with a strict JSON schema; no SDK retries (the rules are the fallback)."""

    name = 'openai'

    def __init__(self, settings: Settings, system: str, schema: dict[str, Any]) -> None:
        self.model = settings.openai_text_model
        self._system, self._schema = system, schema
        self._key = settings.openai_api_key
        self._client = openai.AsyncOpenAI(
            api_key=self._key.get_secret_value(),
            base_url=settings.openai_base_url or None,
            timeout=openai.Timeout(settings.analyzer_timeout, connect=settings.provider_connect_timeout),
            max_retries=0,
        )

    async def ask(self, message: str) -> str | None:
        """The model's JSON text, or None (failure, refusal, cut short)."""
        try:
            completion = await self._client.chat.completions.create(
                model=self.model,
                messages=[{'role': 'system', 'content': self._system}, {'role': 'user', 'content': message}],
                response_format={
                    'type': 'json_schema',
                    'json_schema': {'name': 'follow_up_intent', 'strict': True, 'schema': self._schema},
                },
            )
        except openai.OpenAIError as exc:
            raise RuntimeError(scrub(describe(exc), self._key.get_secret_value())) from None
        if not isinstance(completion, ChatCompletion):  # a 200 that is not JSON (a proxy's page) comes back as str
            return None
        choice = completion.choices[0] if completion.choices else None
        if choice is None or choice.message.refusal or choice.finish_reason != 'stop':
            return None
        return choice.message.content

    async def aclose(self) -> None:
        """Close the HTTP pool."""
        await self._client.close()
