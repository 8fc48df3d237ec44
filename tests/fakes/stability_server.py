"""A loopback fake of Stability's Stable Image v2beta API and the v1 balance endpoint.

Shapes follow /work/shared/PROVIDERS.md §4. Like the real API it rejects anything but multipart/form-data and
ignores unknown parts (the ``none`` part). Steps: ok, rate_limited (429 + retry-after), server_error (500), hang,
malformed (200 text/html), refused (403 content_moderation), public_figure (422), invalid_language (422),
filtered (200 with finish-reason CONTENT_FILTERED), bad_request (400), bad_key (401 echoing the key).
"""

from __future__ import annotations

import base64
import json

from ._http import FakeServer, Recorded, Reply, Step, png_bytes

ENDPOINT = '/v2beta/stable-image/generate/'
ENGINES = ('core', 'ultra', 'sd3')
DEFAULT_SIZE = (1344, 768)  # 16:9 at ~1 MP
MODERATION = (
    'Your request was flagged by our content moderation system, as a result your request was denied '
    'and you were not charged.'
)


class StabilityFake(FakeServer):
    """Speaks enough of api.stability.ai for the image provider."""

    balance = 42.5

    def __enter__(self) -> StabilityFake:
        super().__enter__()
        return self

    def respond(self, request: Recorded, step: Step) -> Reply:
        """Route one request and apply the scripted behaviour."""
        auth = request.headers.get('authorization', '')
        if not auth.startswith('Bearer '):
            return _error(401, 'unauthorized', 'authorization: missing')
        if step.kind == 'bad_key':
            return _error(401, 'unauthorized', f'Invalid API key: {auth.removeprefix("Bearer ")}')
        if step.kind == 'rate_limited':
            return _error(
                429,
                'rate_limit_exceeded',
                'You have exceeded the rate limit of 150 requests within a '
                '10 second period, and have been timed out for 60 seconds.',
                {'retry-after': f'{step.retry_after if step.retry_after is not None else 1:g}'},
            )
        if step.kind == 'server_error':
            return _error(
                step.status or 500, 'internal_error', 'An unexpected server error has occurred, please try again later.'
            )
        if step.kind == 'malformed':
            return Reply(status=200, body=b'<html>bad gateway</html>', content_type='text/html')
        if request.method == 'GET' and request.path == '/v1/user/balance':
            return Reply.of_json({'credits': self.balance})
        engine = request.path.removeprefix(ENDPOINT)
        if request.method != 'POST' or not request.path.startswith(ENDPOINT) or engine not in ENGINES:
            return Reply.of_json({'id': 'nf', 'name': 'not_found', 'message': f'{request.path} not found'}, status=404)
        if not request.headers.get('content-type', '').startswith('multipart/form-data'):
            return _error(400, 'bad_request', 'content-type: must be multipart/form-data')
        if not request.fields.get('prompt'):
            return _error(400, 'bad_request', 'prompt: is required')
        if engine == 'core' and any(f.name == 'image' for f in request.files):
            return _error(400, 'bad_request', 'image: is not supported by this endpoint')
        if step.kind == 'refused':
            return _error(403, 'content_moderation', MODERATION)
        if step.kind == 'public_figure':
            return _error(
                422,
                'public_figure',
                'Our system detected the likeness of a public figure in your image. '
                'To comply with our guidelines, this request cannot be processed.',
            )
        if step.kind == 'invalid_language':
            return _error(422, 'invalid_language', 'English is the only supported language for this service.')
        if step.kind == 'bad_request':
            return _error(400, 'bad_request', 'style_preset: must be one of the supported presets')
        image = png_bytes(step.size or DEFAULT_SIZE)
        finish = 'CONTENT_FILTERED' if step.kind == 'filtered' else 'SUCCESS'
        if request.headers.get('accept', '').startswith('application/json'):
            body = {'image': base64.b64encode(image).decode(), 'seed': 343940597, 'finish_reason': finish}
            return Reply(body=json.dumps(body).encode(), content_type='application/json; type=image/png')
        return Reply(
            body=image,
            content_type='image/png',
            headers={'finish-reason': finish, 'seed': '343940597', 'x-request-id': 'fake-request'},
        )


def _error(status: int, name: str, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply.of_json({'id': f'fake-{status}', 'name': name, 'errors': [message]}, status=status, headers=headers)
