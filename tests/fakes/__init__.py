"""Loopback fakes of the provider HTTP APIs, driven by the real SDKs in tests (no mocks), and test settings."""

from __future__ import annotations

from typing import Any

from routix.core.config import Settings

from ._http import FakeServer, FilePart, Recorded, Reply, Step, png_bytes
from .gemini_server import GeminiFake, inline_images
from .openai_server import VALID_ANALYSIS, OpenAIFake
from .stability_server import StabilityFake

__all__ = [
    'GEMINI_KEY',
    'OPENAI_KEY',
    'STABILITY_KEY',
    'VALID_ANALYSIS',
    'FakeServer',
    'FilePart',
    'GeminiFake',
    'OpenAIFake',
    'Recorded',
    'RecordingSleep',
    'Reply',
    'StabilityFake',
    'Step',
    'inline_images',
    'make_settings',
    'png_bytes',
]

OPENAI_KEY = 'sk-routix-openai-TESTKEY-0123456789abcdef'
GEMINI_KEY = 'AIzaRoutixGeminiTESTKEY0123456789abcdef'
STABILITY_KEY = 'sk-routix-stability-TESTKEY-0123456789abcdef'


def make_settings(**overrides: Any) -> Settings:
    """Settings for tests: no .env, no keys unless given, short timeouts, two retries."""
    values: dict[str, Any] = {
        'openai_api_key': '',
        'gemini_api_key': '',
        'stability_api_key': '',
        'openai_base_url': '',
        'gemini_base_url': '',
        'openai_timeout': 5.0,
        'gemini_timeout': 5.0,
        'stability_timeout': 5.0,
        'provider_connect_timeout': 2.0,
        'provider_retries': 2,
        'analyzer': 'auto',
        'storage': 'local',
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


class RecordingSleep:
    """A ``sleep`` for the retry policy: records the requested delays and returns at once (no real waiting)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
