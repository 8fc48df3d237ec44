"""The Gemini analyser: generateContent with a JSON response schema."""

from __future__ import annotations

from google.genai import types

from routix.analysis.model import Analysis
from routix.analysis.remote import SYSTEM_PROMPT, accept, describe, enum_name, gemini_schema, mime_of
from routix.core.config import Settings
from routix.providers.gemini_images import GEMINI_FAILURES, SAFETY_FINISH, build_client
from routix.providers.retry import scrub


class GeminiAnalyzer:
    """Gemini generateContent with a JSON response schema; reference images go as inline parts."""

    name = 'gemini'

    def __init__(self, settings: Settings) -> None:
        self.model = settings.gemini_text_model
        self._key = settings.gemini_api_key
        self._client = build_client(settings, timeout=settings.analyzer_timeout)

    def __repr__(self) -> str:
        return f'GeminiAnalyzer(model={self.model!r})'

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """Analyse with Gemini; anything unusable falls back to the offline analyser."""
        text, why = await self._ask(prompt, images)
        return await accept(self.name, text, why, prompt, images)

    async def aclose(self) -> None:
        """Close the SDK's HTTP sessions."""
        await self._client.aio.aclose()
        self._client.close()

    async def _ask(self, prompt: str, images: list[bytes] | None) -> tuple[str | None, str]:
        """(JSON text, '') or (None, why); never raises for provider failures (and keeps SDK errors unchained)."""
        contents: list[types.PartUnion] = [
            types.Part.from_bytes(data=img, mime_type=mime_of(img)) for img in images or []
        ]
        contents.append(prompt)
        config = types.GenerateContentConfig(
            system_instruction=SYSTEM_PROMPT,
            response_mime_type='application/json',
            response_schema=gemini_schema(),
            temperature=0.2,
        )
        try:
            response = await self._client.aio.models.generate_content(
                model=self.model, contents=contents, config=config
            )
        except GEMINI_FAILURES as exc:
            return None, scrub(describe(exc), self._key.get_secret_value())
        feedback = response.prompt_feedback
        if feedback is not None and feedback.block_reason is not None:
            return None, f'blocked ({enum_name(feedback.block_reason)})'
        candidate = response.candidates[0] if response.candidates else None
        if candidate is None:
            return None, 'no candidates'
        if enum_name(candidate.finish_reason) in SAFETY_FINISH:
            return None, f'refused ({enum_name(candidate.finish_reason)})'
        return ''.join(p.text or '' for p in (candidate.content.parts if candidate.content else None) or []), ''
