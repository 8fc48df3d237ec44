"""A configured remote model (OpenAI or Gemini, structured output) may classify a follow-up before the rules do.

The model answers ``{"intent": …, "instructions": [...]}``: for an edit, each change rewritten as a short English
command the offline rules understand ('make the background darker', 'text: "Game Over"', 'add a trophy'), so the
model extracts the parameters and the rules turn them into a ``RecipeChange`` exactly as for typed commands. Any
error, refusal, malformed answer or an edit the rules cannot read falls back to the rules on the creator's own words.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from routix.core.config import Settings
from routix.edits.intent import INTENTS, Intent, IntentKind, classify
from routix.language import detect_language

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    'A YouTube creator made a thumbnail and now sends a follow-up message. Classify it. intent: "edit" (change the '
    'current thumbnail), "new" (a different thumbnail or video), "question" (asks something), "undo", "redo", or '
    '"unclear" (vague, e.g. "hmm not sure"). instructions: for an edit, every change as one short English command, '
    'using words like: bigger text, smaller text, make the text <colour>, <colour> outline, no outline, text: "<exact '
    'new words in the original language>", subtitle: "<words>", move the text left/right/to the top/to the bottom, '
    'center the text, make the background darker/lighter/<colour>, blur the background, accents <colour>, more/less '
    'contrast, more/less saturation, add a <object> (in English), no subject, move the subject left/right/up/down, '
    'swap sides, remove the badge, badge: "<words>", try another layout, use my photo. Otherwise an empty list.'
)
INTENT_SCHEMA: dict[str, Any] = {
    'type': 'object',
    'properties': {
        'intent': {'type': 'string', 'enum': list(INTENTS)},
        'instructions': {'type': 'array', 'items': {'type': 'string'}, 'maxItems': 8},
    },
    'required': ['intent', 'instructions'],
    'additionalProperties': False,
}


class IntentModel(Protocol):
    """A remote model that answers the classification as JSON text (None on any failure)."""

    name: str

    async def ask(self, message: str) -> str | None: ...
    async def aclose(self) -> None: ...


@dataclass(kw_only=True, slots=True)
class ModelClassifier:
    """Classify with ``model`` first, the rules when it cannot help."""

    model: IntentModel

    async def classify(
        self, message: str, *, has_upload: bool = False, template_names: dict[str, str] | None = None
    ) -> Intent:
        """The model's reading of ``message`` when usable, else the rules' (``intent.classify``)."""
        rules = classify(message, has_upload=has_upload, template_names=template_names)
        try:
            text = await self.model.ask(message[:2000])
        except Exception as exc:  # a model never breaks the chat: the rules answer instead
            log.warning('%s intent failed (%s); using the rules', self.model.name, type(exc).__name__)
            return rules
        answer = _parse(text)
        if answer is None:
            log.warning('%s intent answer unusable; using the rules', self.model.name)
            return rules
        kind, instructions = answer
        lang = 'fa' if detect_language(message) == 'fa' else 'en'
        if kind == 'edit':
            edit = classify('\n'.join(instructions), has_upload=has_upload, template_names=template_names)
            if edit.kind == 'edit':
                edit.language = lang
                return edit
            return rules  # the model saw an edit the rules cannot carry out: the rules decide
        if kind == 'new' and rules.kind == 'edit' and has_upload:
            return rules
        return Intent(kind=kind, language=lang)

    async def aclose(self) -> None:
        """Close the model's client."""
        await self.model.aclose()


def build_intent_classifier(settings: Settings) -> ModelClassifier | None:
    """The classifier of the configured remote analyser (same choice and key as ``build_analyzer``), or None."""
    from routix.analysis.registry import OFFLINE, REMOTE_ANALYZERS
    from routix.providers.registry import is_configured

    choice: str = settings.analyzer
    if choice == 'auto':
        choice = next((name for name in REMOTE_ANALYZERS if is_configured(settings, name)), OFFLINE)
    if choice == OFFLINE or not is_configured(settings, choice):
        return None
    model: IntentModel
    if choice == 'openai':
        from routix.edits.model_openai import OpenAIIntentModel

        model = OpenAIIntentModel(settings, SYSTEM_PROMPT, INTENT_SCHEMA)
    else:
        from routix.edits.model_gemini import GeminiIntentModel

        model = GeminiIntentModel(settings, SYSTEM_PROMPT, INTENT_SCHEMA)
    return ModelClassifier(model=model)


def _parse(text: str | None) -> tuple[IntentKind, list[str]] | None:
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get('intent') not in INTENTS:
        return None
    instructions = data.get('instructions') or []
    if not isinstance(instructions, list) or not all(isinstance(i, str) for i in instructions):
        return None
    kind = next(k for k in INTENTS if k == data['intent'])
    return kind, [i.strip()[:300] for i in instructions[:8] if i.strip()]
