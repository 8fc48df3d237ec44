"""A loopback fake of the Gemini API (generateContent on /v1 and /v1beta, models.get).

Shapes follow /work/shared/PROVIDERS.md §3 (captured from google-genai 3.4.0). A request whose
generationConfig.responseModalities contains IMAGE gets an image part; otherwise a text part (the analyser's JSON).
Steps: ok, rate_limited (429 RESOURCE_EXHAUSTED + RetryInfo), server_error (500/503), hang, malformed (200 with a
non-JSON body), blocked (promptFeedback.blockReason SAFETY), safety (finishReason IMAGE_SAFETY), no_image (text
only), bad_key (400 API_KEY_INVALID). The fake refuses a key passed as ``?key=`` (it must be a header).
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from ._http import FakeServer, Recorded, Reply, Step, png_bytes
from .openai_server import VALID_ANALYSIS

GENERATE = re.compile(r'^/(v1|v1beta)/models/([^/:]+):generateContent$')
MODEL = re.compile(r'^/(v1|v1beta)/models/([^/:]+)$')
IMAGE_SIZE_16_9 = (1344, 768)  # what the 1K 16:9 image config actually paints


class GeminiFake(FakeServer):
    """Speaks enough of generativelanguage.googleapis.com for the image provider and the analyser."""

    def __enter__(self) -> GeminiFake:
        super().__enter__()
        return self

    def respond(self, request: Recorded, step: Step) -> Reply:
        """Route one request and apply the scripted behaviour."""
        if 'key' in request.query or not request.headers.get('x-goog-api-key'):
            return _error(
                403,
                "Method doesn't allow unregistered callers (callers without established identity).",
                'PERMISSION_DENIED',
            )
        if step.kind == 'rate_limited':
            details = [
                {
                    '@type': 'type.googleapis.com/google.rpc.RetryInfo',
                    'retryDelay': f'{step.retry_after if step.retry_after is not None else 1:g}s',
                }
            ]
            return _error(429, 'Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED', details)
        if step.kind == 'server_error':
            status = step.status or 500
            return _error(status, 'An internal error has occurred.', 'INTERNAL' if status == 500 else 'UNAVAILABLE')
        if step.kind == 'malformed':
            return Reply(status=200, body=b'<html>upstream connect error</html>', content_type='text/html')
        if step.kind == 'bad_key':
            details = [
                {
                    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                    'reason': 'API_KEY_INVALID',
                    'domain': 'googleapis.com',
                    'metadata': {'service': 'generativelanguage.googleapis.com'},
                }
            ]
            return _error(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', details)
        if (match := GENERATE.match(request.path)) and request.method == 'POST':
            return self._generate(request, step, match.group(2))
        if (match := MODEL.match(request.path)) and request.method == 'GET':
            name = match.group(2)
            return Reply.of_json(
                {
                    'name': f'models/{name}',
                    'displayName': name,
                    'version': '001',
                    'supportedGenerationMethods': ['generateContent'],
                }
            )
        return _error(404, f'Unknown path {request.path}', 'NOT_FOUND')

    def _generate(self, request: Recorded, step: Step, model: str) -> Reply:
        body = request.json or {}
        config = body.get('generationConfig') or body.get('generation_config') or {}
        modalities = config.get('responseModalities') or config.get('response_modalities') or []
        if step.kind == 'blocked':
            return Reply.of_json(
                {
                    'promptFeedback': {'blockReason': 'SAFETY', 'safetyRatings': []},
                    'usageMetadata': {'promptTokenCount': 12, 'totalTokenCount': 12},
                    'modelVersion': model,
                }
            )
        if step.kind == 'safety':
            return _candidate({'role': 'model', 'parts': []}, model, finish='IMAGE_SAFETY')
        if 'IMAGE' in modalities and step.kind != 'no_image':
            image = base64.b64encode(png_bytes(step.size or IMAGE_SIZE_16_9)).decode()
            parts = [
                {'text': 'Here is your thumbnail background.'},
                {'inlineData': {'mimeType': 'image/png', 'data': image}},
            ]
            return _candidate({'role': 'model', 'parts': parts}, model)
        if step.kind == 'no_image':
            return _candidate({'role': 'model', 'parts': [{'text': 'I can describe it instead.'}]}, model)
        text = step.text if step.text is not None else json.dumps(VALID_ANALYSIS)
        return _candidate({'role': 'model', 'parts': [{'text': text}]}, model)


def _candidate(content: dict[str, Any], model: str, finish: str = 'STOP') -> Reply:
    return Reply.of_json(
        {
            'candidates': [{'index': 0, 'finishReason': finish, 'content': content}],
            'usageMetadata': {'promptTokenCount': 300, 'candidatesTokenCount': 20, 'totalTokenCount': 320},
            'modelVersion': model,
            'responseId': 'fake-response',
        }
    )


def _error(code: int, message: str, status: str, details: list[dict[str, Any]] | None = None) -> Reply:
    error: dict[str, Any] = {'code': code, 'message': message, 'status': status}
    if details:
        error['details'] = details
    return Reply.of_json({'error': error}, status=code)


def decode_bytes(text: str) -> bytes:
    """Protobuf-JSON bytes: the SDK sends URL-safe base64 (Google accepts both alphabets, padding optional)."""
    text = text.replace('-', '+').replace('_', '/')
    return base64.b64decode(text + '=' * (-len(text) % 4), validate=True)


def inline_images(request: Recorded) -> list[bytes]:
    """The inline image bytes a generateContent request carried (camelCase or snake_case keys)."""
    found = []
    for content in (request.json or {}).get('contents', []):
        for part in content.get('parts', []):
            inline = part.get('inlineData') or part.get('inline_data')
            if inline:
                found.append(decode_bytes(inline['data']))
    return found
