"""Paid tiers that are configured on the server but whose provider is down: a key is set and its address refuses
every connection (a loopback port nobody listens on), so a paid job falls back to the basic renderer for real."""

from __future__ import annotations

import socket

import pytest

from tests.fakes import OPENAI_KEY, STABILITY_KEY


def dead_url() -> str:
    """A loopback URL that refuses connections (the port was free a moment ago and nobody listens on it)."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    return f'http://127.0.0.1:{port}'


def paid_tiers_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Premium (Stability) and pro (OpenAI) are configured, and both providers are unreachable; no retries."""
    url = dead_url()
    monkeypatch.setenv('STABILITY_API_KEY', STABILITY_KEY)
    monkeypatch.setenv('STABILITY_BASE_URL', url)
    monkeypatch.setenv('OPENAI_API_KEY', OPENAI_KEY)
    monkeypatch.setenv('OPENAI_BASE_URL', f'{url}/v1')
    monkeypatch.setenv('ROUTIX_PROVIDER_RETRIES', '0')
    monkeypatch.setenv('ROUTIX_PROVIDER_CONNECT_TIMEOUT', '2')
    monkeypatch.setenv('ROUTIX_ANALYZER', 'offline')  # the OpenAI key is for images here, not for reading prompts
