"""``routix providers check`` checks the analysers too, and the default OpenAI text model is one the SDK knows."""

from __future__ import annotations

import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from openai.types.shared.chat_model import ChatModel

from routix.core.config import Settings
from routix.ops.analyzers import check_analyzers
from tests.fakes import OPENAI_KEY, OpenAIFake

ROOT = Path(__file__).resolve().parent.parent


def test_the_default_openai_text_model_is_one_the_installed_sdk_knows() -> None:
    default = Settings.model_fields['openai_text_model'].default
    assert default in typing.get_args(ChatModel), f'{default} is not in openai.types.shared.ChatModel'


def test_providers_check_asks_the_configured_analyser_and_says_it_is_in_use() -> None:
    with OpenAIFake() as fake:
        env = {**os.environ, 'OPENAI_API_KEY': OPENAI_KEY, 'OPENAI_BASE_URL': fake.base_url}
        result = subprocess.run(
            [sys.executable, '-m', 'routix.cli', 'providers', 'check'],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
            check=False,
        )
        chats = [r for r in fake.requests if r.path.endswith('/chat/completions')]
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith('analyser ')}
    assert set(lines) == {'openai', 'gemini', 'offline'}
    assert lines['openai'].split()[2] == 'ok' and lines['openai'].endswith('model gpt-5.4-mini (in use)')
    assert 'not configured' in lines['gemini'] and '(in use)' not in lines['offline']
    assert [r.json['model'] for r in chats if r.json] == ['gpt-5.4-mini']
    assert OPENAI_KEY not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ('step', 'why'),
    [
        ('server_error', 'the offline analyser answered'),
        ('refused', 'the offline analyser answered'),
        ('malformed', 'the offline analyser answered'),  # a non-JSON 200 falls back too (it used to crash)
    ],
)
async def test_an_analyser_whose_answers_are_unusable_fails_the_check(
    step: str, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OpenAIFake() as fake:
        monkeypatch.setenv('OPENAI_API_KEY', OPENAI_KEY)
        monkeypatch.setenv('OPENAI_BASE_URL', fake.base_url)
        fake.script(step)
        statuses = {s.name: s for s in await check_analyzers(Settings(_env_file=None))}  # type: ignore[call-arg]
    openai = statuses['openai']
    assert (openai.configured, openai.ok, openai.in_use) == (True, False, True)
    assert openai.detail.startswith('model gpt-5.4-mini: ') and why in openai.detail
    assert statuses['offline'].ok and not statuses['offline'].in_use
