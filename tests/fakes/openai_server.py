"""A loopback fake of the OpenAI API: images (generations, edits), chat completions, responses, models.

Bodies and error envelopes follow /work/shared/PROVIDERS.md §1–2 (captured from openai 3.54.0).
Steps: ok, rate_limited (429 + retry-after), quota (429 insufficient_quota), server_error (500), hang, malformed
(200 non-JSON), empty (200 without data), refused (400 moderation_blocked / chat refusal), legacy_refused
(400 content_policy_violation), bad_key (401 echoing the key, as the real API does).
"""

from __future__ import annotations

import json
from typing import Any

from ._http import FakeServer, Recorded, Reply, Step, png_b64

VALID_ANALYSIS: dict[str, Any] = {
    'category': 'gaming',
    'style': 'neon',
    'mood': 'energetic',
    'palette': ['#ff0055', '#00e5ff', '#101010'],
    'headline': 'I Beat The Final Boss',
    'subtitle': 'no damage run',
    'subject': 'a gamer with a controller',
    'language': 'en',
    'direction': 'ltr',
    'confidence': 0.86,
}


class OpenAIFake(FakeServer):
    """Speaks enough of api.openai.com for the image provider and the analyser; base URL is ``url + '/v1'``."""

    def __enter__(self) -> OpenAIFake:
        super().__enter__()
        return self

    @property
    def base_url(self) -> str:
        """What to pass as OPENAI_BASE_URL."""
        return f'{self.url}/v1'

    def respond(self, request: Recorded, step: Step) -> Reply:
        """Route one request and apply the scripted behaviour."""
        if not request.headers.get('authorization', '').startswith('Bearer '):
            return _error(401, 'Missing bearer authentication in header', 'invalid_request_error', None)
        path = request.path
        if step.kind == 'rate_limited':
            headers = {'retry-after': _seconds(step.retry_after if step.retry_after is not None else 1)}
            return _error(
                429,
                'Rate limit reached for images per minute (IPM): Limit 5',
                'requests',
                'rate_limit_exceeded',
                headers,
            )
        if step.kind == 'quota':
            return _error(429, 'You exceeded your current quota.', 'insufficient_quota', 'insufficient_quota')
        if step.kind == 'server_error':
            return _error(
                step.status or 500,
                'The server had an error while processing your request. Sorry about that!',
                'server_error',
                None,
            )
        if step.kind == 'malformed':
            return Reply(status=200, body=b'<html><body>upstream proxy hiccup</body></html>', content_type='text/html')
        if step.kind == 'bad_key':
            key = request.headers.get('authorization', '').removeprefix('Bearer ')
            return _error(
                401,
                f'Incorrect API key provided: {key}. You can find your API key at '
                'https://platform.openai.com/account/api-keys.',
                'invalid_request_error',
                'invalid_api_key',
            )
        if path in ('/v1/images/generations', '/v1/images/edits'):
            return self._image(request, step)
        if path == '/v1/chat/completions':
            return self._chat(request, step)
        if path == '/v1/responses':
            return self._responses(step)
        if request.method == 'GET' and path.startswith('/v1/models/'):
            model = path.removeprefix('/v1/models/')
            return Reply.of_json({'id': model, 'object': 'model', 'created': 1700000000, 'owned_by': 'openai'})
        return _error(404, f'Unknown request URL: {request.method} {path}', 'invalid_request_error', 'unknown_url')

    def _image(self, request: Recorded, step: Step) -> Reply:
        if request.path.endswith('/edits') and not any(f.name in ('image', 'image[]') for f in request.files):
            return _error(
                400, "Missing required parameter: 'image'.", 'invalid_request_error', 'missing_required_parameter'
            )
        if step.kind == 'refused':
            body = _envelope(
                'Your request was rejected by the safety system. If you believe this is an error, '
                'contact us at help.openai.com and include the request ID.',
                'image_generation_user_error',
                'moderation_blocked',
            )
            body['error']['moderation_details'] = {'moderation_stage': 'input', 'categories': ['violence']}
            return Reply.of_json(body, status=400)
        if step.kind == 'legacy_refused':
            return _error(
                400,
                'Your request was rejected as a result of our safety system. Your prompt may contain '
                'text that is not allowed by our safety system.',
                'invalid_request_error',
                'content_policy_violation',
            )
        if step.kind == 'empty':
            return Reply.of_json({'created': 1700000000, 'data': []})
        params = request.json if request.json is not None else request.fields
        size = step.size or _parse_size(str(params.get('size', '1024x1024')))
        return Reply.of_json(
            {
                'created': 1700000000,
                'data': [{'b64_json': png_b64(size)}],
                'output_format': 'png',
                'quality': params.get('quality'),
                'size': f'{size[0]}x{size[1]}',
                'usage': {
                    'input_tokens': 50,
                    'output_tokens': 1568,
                    'total_tokens': 1618,
                    'input_tokens_details': {'image_tokens': 0, 'text_tokens': 50},
                    'output_tokens_details': {'image_tokens': 1568, 'text_tokens': 0},
                },
            }
        )

    def _chat(self, request: Recorded, step: Step) -> Reply:
        message: dict[str, Any] = {'role': 'assistant', 'content': _analysis_text(step), 'refusal': None}
        finish = 'stop'
        if step.kind == 'refused':
            message = {'role': 'assistant', 'content': None, 'refusal': "I'm sorry, I can't help with that request."}
        elif step.kind == 'content_filter':
            finish = 'content_filter'
        model = (request.json or {}).get('model', 'gpt-test')
        return Reply.of_json(
            {
                'id': 'chatcmpl-fake',
                'object': 'chat.completion',
                'created': 1700000000,
                'model': model,
                'choices': [{'index': 0, 'finish_reason': finish, 'logprobs': None, 'message': message}],
                'usage': {'prompt_tokens': 100, 'completion_tokens': 20, 'total_tokens': 120},
            }
        )

    def _responses(self, step: Step) -> Reply:
        content: dict[str, Any] = {'type': 'output_text', 'text': _analysis_text(step), 'annotations': []}
        if step.kind == 'refused':
            content = {'type': 'refusal', 'refusal': "I'm sorry, I can't help with that request."}
        return Reply.of_json(
            {
                'id': 'resp_fake',
                'object': 'response',
                'created_at': 1700000000,
                'status': 'completed',
                'model': 'gpt-test',
                'error': None,
                'incomplete_details': None,
                'tools': [],
                'tool_choice': 'auto',
                'parallel_tool_calls': True,
                'output': [
                    {'type': 'message', 'id': 'msg_1', 'status': 'completed', 'role': 'assistant', 'content': [content]}
                ],
            }
        )


def _analysis_text(step: Step) -> str:
    return step.text if step.text is not None else json.dumps(VALID_ANALYSIS)


def _envelope(message: str, kind: str, code: str | None) -> dict[str, Any]:
    return {'error': {'message': message, 'type': kind, 'param': None, 'code': code}}


def _error(status: int, message: str, kind: str, code: str | None, headers: dict[str, str] | None = None) -> Reply:
    return Reply.of_json(_envelope(message, kind, code), status=status, headers=headers)


def _parse_size(size: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in size.lower().split('x'))
    except ValueError:
        return 1024, 1024  # 'auto'
    return width, height


def _seconds(value: float) -> str:
    return f'{value:g}'
