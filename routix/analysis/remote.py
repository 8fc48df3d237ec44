"""What the remote analysers (OpenAI, Gemini) share: the instructions, the JSON schema, and vetting the answer.

A remote analyser never fails a generation: a refusal, an outage, or output that is malformed or outside the
vocabulary falls back to the offline analyser (``source='offline'``), and the reason is logged.
"""

from __future__ import annotations

import base64
import copy
import json
import logging
from typing import Any

from routix.analysis.model import Analysis
from routix.vocabulary import CATEGORIES, LANGUAGES, MOODS, STYLES

log = logging.getLogger(__name__)

JsonSchema = dict[str, Any]  # JSON: nested dicts, lists and scalars of any shape

SYSTEM_PROMPT = (
    "You read a YouTube creator's request for a thumbnail and describe it with the given JSON schema. "
    "headline: the short text to print on the thumbnail, in the request's own language (at most 6 words). "
    'subtitle: an optional second line, or "". subject: the main visual subject in English. '
    'palette: 2 to 5 colours as #rrggbb, most important first. language: en, fa or mixed; direction: rtl when the '
    'headline is Persian/Arabic script, else ltr. confidence: how sure you are, 0 to 1. '
    'Reference images, when given, show the look the creator wants.'
)
_PROPERTIES: JsonSchema = {
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
ANALYSIS_SCHEMA: JsonSchema = {
    'type': 'object',
    'properties': _PROPERTIES,
    'required': list(_PROPERTIES),
    'additionalProperties': False,
}


async def accept(name: str, text: str | None, why: str, prompt: str, images: list[bytes] | None) -> Analysis:
    """The analysis in a remote analyser's answer ``text``, or the offline analyser's (logged with the reason)."""
    if text is not None:
        analysis, why = parse_analysis(text, name)
        if analysis is not None:
            from routix.analysis.offline import analyze_prompt

            # which colours the creator typed is a fact of the prompt, not the model's palette guess
            analysis.named_colors = analyze_prompt(prompt).named_colors
            return analysis
    log.warning('%s analysis unusable (%s); using the offline analyser', name, why)
    from routix.analysis.offline import OfflineAnalyzer

    return await OfflineAnalyzer().analyze(prompt, images=images)


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


def gemini_schema() -> JsonSchema:
    """ANALYSIS_SCHEMA for Gemini's response_schema (the SDK converts it and mutates it, so a fresh copy)."""
    schema = copy.deepcopy(ANALYSIS_SCHEMA)
    schema.pop('additionalProperties')  # OpenAI's strict mode needs it; Gemini's Schema does not use it
    return schema


def describe(exc: BaseException) -> str:
    """'APIStatusError 429: …' for the log (scrub it before logging: SDK messages may echo the key)."""
    status = getattr(exc, 'status_code', None) or getattr(exc, 'code', None)
    return f'{type(exc).__name__}{f" {status}" if status else ""}: {exc}'


def mime_of(data: bytes) -> str:
    """The image MIME type of sanitised reference bytes (JPEG, WEBP, else PNG)."""
    if data.startswith(b'\xff\xd8'):
        return 'image/jpeg'
    if data[:4] == b'RIFF' and data[8:12] == b'WEBP':
        return 'image/webp'
    return 'image/png'


def data_url(data: bytes) -> str:
    """The image as a base64 ``data:`` URL."""
    return f'data:{mime_of(data)};base64,{base64.b64encode(data).decode()}'


def enum_name(value: object) -> str:
    """An SDK enum's name ('SAFETY'), or the plain value as text; '' for None."""
    return str(getattr(value, 'name', value) or '')
