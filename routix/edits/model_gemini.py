"""The Gemini side of ``model_intent``: one JSON-schema call (imported only when Gemini is the analyser)."""

from __future__ import annotations

import copy
from typing import Any

from google.genai import types

from routix.analysis.remote import describe
from routix.core.config import Settings
from routix.providers.gemini_images import GEMINI_FAILURES, build_client
from routix.providers.retry import scrub


class GeminiIntentModel:
    """generateContent with a JSON response schema; one attempt (the rules are the fallback)."""

    name = 'gemini'

    def __init__(self, settings: Settings, system: str, schema: dict[str, Any]) -> None:
        self.model = settings.gemini_text_model
        self._system = system
        self._schema = copy.deepcopy(schema)
        self._schema.pop('additionalProperties', None)  # OpenAI's strict mode needs it; Gemini's Schema has none
        self._key = settings.gemini_api_key
        self._client = build_client(settings, timeout=settings.analyzer_timeout)

    async def ask(self, message: str) -> str | None:
        """The model's JSON text, or None (blocked, no candidate)."""
        config = types.GenerateContentConfig(
            system_instruction=self._system,
            response_mime_type='application/json',
            response_schema=copy.deepcopy(self._schema),
            temperature=0.0,
        )
        try:
            response = await self._client.aio.models.generate_content(model=self.model, contents=message, config=config)
        except GEMINI_FAILURES as exc:
            raise RuntimeError(scrub(describe(exc), self._key.get_secret_value())) from None
        candidate = response.candidates[0] if response.candidates else None
        if candidate is None or candidate.content is None:
            return None
        return ''.join(part.text or '' for part in candidate.content.parts or [])

    async def aclose(self) -> None:
        """Close the SDK's HTTP sessions."""
        await self._client.aio.aclose()
        self._client.close()
