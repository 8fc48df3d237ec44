"""Shared plumbing of the fake provider servers: a real HTTP server on 127.0.0.1, a script, a request log.

Each fake subclasses ``FakeServer`` and implements ``respond(request, step) -> Reply``. Tests queue behaviours
with ``fake.script('rate_limited', 'ok')`` (strings or ``Step`` objects); when the queue is empty every request
gets ``Step('ok')``. ``fake.requests`` records everything the client sent, multipart parts included.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import io
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from PIL import Image

HANG_CAP = 5.0  # a 'hang' step never outlives this, nor the server


@dataclass(kw_only=True)
class Step:
    """One scripted behaviour: 'ok', 'rate_limited', 'server_error', 'hang', 'malformed', 'refused', ...."""

    kind: str = 'ok'
    retry_after: float | None = None
    size: tuple[int, int] | None = None  # size of the returned image; None → what the client asked for
    text: str | None = None  # analysers: the model's JSON text
    status: int | None = None


@dataclass(kw_only=True)
class FilePart:
    """One file part of a multipart request."""

    name: str
    filename: str | None
    content_type: str
    data: bytes


@dataclass(kw_only=True)
class Recorded:
    """One request as the fake saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    json: Any = None
    fields: dict[str, str] = field(default_factory=dict)
    files: list[FilePart] = field(default_factory=list)


@dataclass(kw_only=True)
class Reply:
    """What the fake sends back."""

    status: int = 200
    body: bytes = b''
    content_type: str = 'application/json'
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_json(cls, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
        """A JSON reply."""
        return cls(status=status, body=json.dumps(data).encode(), headers=headers or {})


class FakeServer:
    """A threaded loopback HTTP server with a behaviour script; use as a context manager."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._steps: deque[Step] = deque()
        self._lock = threading.Lock()
        self.release = threading.Event()
        self._httpd = ThreadingHTTPServer(('127.0.0.1', 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._serve, name=type(self).__name__, daemon=True)

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT (no trailing slash)."""
        host, port = self._httpd.server_address[:2]
        return f'http://{host}:{port}'

    def script(self, *steps: str | Step) -> None:
        """Queue behaviours for the next requests, in order."""
        with self._lock:
            self._steps.extend(Step(kind=s) if isinstance(s, str) else s for s in steps)

    def next_step(self) -> Step:
        """The next scripted behaviour, or 'ok'."""
        with self._lock:
            return self._steps.popleft() if self._steps else Step()

    def respond(self, request: Recorded, step: Step) -> Reply:
        """Subclasses answer one request."""
        raise NotImplementedError

    def _serve(self) -> None:
        self._httpd.serve_forever(poll_interval=0.02)  # shutdown() waits up to one poll interval

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        fake: FakeServer = self.server.fake  # type: ignore[attr-defined]
        recorded = self._record()
        with fake._lock:
            fake.requests.append(recorded)
        step = fake.next_step()
        if step.kind == 'hang':
            fake.release.wait(HANG_CAP)  # the client times out long before; the server frees itself
            reply = Reply(status=503, body=b'{}')
        else:
            reply = fake.respond(recorded, step)
        try:
            self.send_response(reply.status)
            self.send_header('content-type', reply.content_type)
            self.send_header('content-length', str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _record(self) -> Recorded:
        split = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = self._read_body(headers)
        recorded = Recorded(
            method=self.command, path=split.path, query=parse_qs(split.query), headers=headers, body=body
        )
        content_type = headers.get('content-type', '')
        if content_type.startswith('application/json') and body:
            try:
                recorded.json = json.loads(body)
            except ValueError:
                recorded.json = None
        elif content_type.startswith('multipart/form-data'):
            recorded.fields, recorded.files = parse_multipart(content_type, body)
        return recorded

    def _read_body(self, headers: dict[str, str]) -> bytes:
        if headers.get('transfer-encoding', '').lower() == 'chunked':
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b';')[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return b''.join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(headers.get('content-length', '0') or 0)
        return self.rfile.read(length) if length else b''


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], list[FilePart]]:
    """Form fields and file parts of a multipart/form-data body (email parser; the cgi module is gone)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b'content-type: ' + content_type.encode() + b'\r\n\r\n' + body
    )
    fields: dict[str, str] = {}
    files: list[FilePart] = []
    for part in message.iter_parts():
        name = part.get_param('name', header='content-disposition') or ''
        filename = part.get_filename()
        data = part.get_payload(decode=True) or b''
        if filename is None:
            fields[str(name)] = data.decode()
        else:
            files.append(FilePart(name=str(name), filename=filename, content_type=part.get_content_type(), data=data))
    return fields, files


def png_bytes(size: tuple[int, int], color: tuple[int, int, int] = (200, 40, 90)) -> bytes:
    """A quick PNG of ``size``: a solid colour with a lighter centre block (so crops are visible)."""
    image = Image.new('RGB', size, color)
    w, h = size
    image.paste((250, 220, 60), (w // 4, h // 4, 3 * w // 4, 3 * h // 4))
    out = io.BytesIO()
    image.save(out, format='PNG', compress_level=1)
    return out.getvalue()


def png_b64(size: tuple[int, int]) -> str:
    """``png_bytes`` as base64 text."""
    return base64.b64encode(png_bytes(size)).decode()
