"""Settings: production refuses weak secrets with a message that says how to make one; development persists one."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from routix.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize('key', ['', 'changeme', 'short-secret', 'replace-me'])
def test_production_refuses_missing_short_or_placeholder_secrets(key: str) -> None:
    with pytest.raises(ValidationError, match='ROUTIX_SECRET_KEY') as error:
        _settings(env='production', secret_key=key)
    assert 'secrets.token_urlsafe' in str(error.value)


def test_production_accepts_a_long_random_secret() -> None:
    key = secrets.token_urlsafe(48)
    settings = _settings(env='production', secret_key=key)
    assert settings.session_secret() == key


@pytest.mark.parametrize(
    'key',
    [
        'a' * 40,
        'x9' * 24,
        'changemechangemechangemechangeme12',
        'your-secret-key-change-in-production',  # the original project's placeholder
        'YOUR-SECRET-KEY-CHANGE-IN-PRODUCTION-2024',
        'ThisIsMyDefaultPasswordForRoutix2024!',
        'example-placeholder-example-placeholder',
        'Tr0ub4dor&3!' * 3,  # a repeated password is no stronger than the password
    ],
)
def test_production_refuses_long_keys_without_real_randomness(key: str) -> None:
    assert len(key) >= 32
    with pytest.raises(ValidationError, match='ROUTIX_SECRET_KEY is too predictable') as error:
        _settings(env='production', secret_key=key)
    assert 'secrets.token_urlsafe' in str(error.value)


@pytest.mark.parametrize(
    'make',
    [lambda: secrets.token_urlsafe(48), lambda: secrets.token_urlsafe(32), lambda: secrets.token_hex(32)],
    ids=['token_urlsafe(48)', 'token_urlsafe(32)', 'token_hex(32)'],
)
def test_production_accepts_generated_keys_every_time(make: object) -> None:
    for _ in range(200):
        key = make()  # type: ignore[operator]
        assert _settings(env='production', secret_key=key).secret_key.get_secret_value() == key


def _secret_looking_env(tmp_path: Path) -> tuple[dict[str, str], list[str]]:
    values = {
        'ROUTIX_SECRET_KEY': 'short-' + secrets.token_urlsafe(12),  # too short: refused
        'OPENAI_API_KEY': 'sk-proj-' + secrets.token_urlsafe(32),
        'GEMINI_API_KEY': 'AIza' + secrets.token_urlsafe(28),
        'STABILITY_API_KEY': 'sk-' + secrets.token_urlsafe(30),
        'S3_SECRET_ACCESS_KEY': secrets.token_urlsafe(30),
        'GITHUB_CLIENT_SECRET': secrets.token_hex(20),
        'OIDC_CLIENT_SECRET': secrets.token_urlsafe(24),  # pydantic's input_value quoted the end of the last one
    }
    env = {
        'PATH': os.environ['PATH'],
        'HOME': str(tmp_path),
        'PYTHONPATH': str(ROOT),
        'ROUTIX_ENV': 'production',
        'ROUTIX_DATA_DIR': str(tmp_path / 'data'),
        **values,
    }
    return env, list(values.values())


def _leaks(output: str, secret_values: list[str]) -> list[str]:
    """Any 6-character piece of a secret that shows up in the output."""
    return [s for s in secret_values if any(s[i : i + 6] in output for i in range(len(s) - 5))]


def test_a_refused_production_start_prints_the_rule_and_no_secret(tmp_path: Path) -> None:
    env, secret_values = _secret_looking_env(tmp_path)
    code = 'from routix.core.config import Settings; Settings()'
    done = subprocess.run(
        [sys.executable, '-c', code], check=False, env=env, cwd=tmp_path, capture_output=True, text=True
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert 'ROUTIX_SECRET_KEY' in output and '32 characters' in output  # the rule that failed
    assert _leaks(output, secret_values) == []


def test_the_app_refuses_a_production_start_with_one_line_per_failed_rule(tmp_path: Path) -> None:
    env, secret_values = _secret_looking_env(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / 'app.py')],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert 'Traceback' not in done.stderr
    assert 'ROUTIX_SECRET_KEY' in done.stderr and '32 characters' in done.stderr
    assert _leaks(done.stdout + done.stderr, secret_values) == []
    assert not (tmp_path / 'data').exists()  # refused before anything was created


def test_development_generates_a_secret_once_and_keeps_it(tmp_path: Path) -> None:
    first = _settings(data_dir=tmp_path / 'data').session_secret()
    again = _settings(data_dir=tmp_path / 'data').session_secret()
    assert first == again and len(first) >= 32
    assert (tmp_path / 'data' / '.secret_key').stat().st_mode & 0o777 == 0o600
    assert _settings(data_dir=tmp_path / 'other').session_secret() != first


def test_only_the_documented_variable_names_configure_routix(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {'HOST': '0.0.0.0', 'PORT': '1', 'ENV': 'production', 'FORWARDED_ALLOW_IPS': '*'}.items():
        monkeypatch.setenv(name, value)  # generic names other software sets (uvicorn reads the last one)
    monkeypatch.setenv('ROUTIX_PORT', '8181')
    settings = _settings()
    assert (settings.host, settings.port, settings.env, settings.forwarded_allow_ips) == (
        '127.0.0.1',
        8181,
        'development',
        '',
    )


def test_database_url_defaults_to_sqlite_in_the_data_dir_and_accepts_plain_postgres(tmp_path: Path) -> None:
    assert _settings(data_dir=tmp_path).resolved_database_url == f'sqlite+aiosqlite:///{tmp_path.resolve()}/routix.db'
    url = _settings(database_url='postgresql://u:p@db/routix').resolved_database_url
    assert url == 'postgresql+asyncpg://u:p@db/routix'


def test_tier_costs_and_provider_chains_come_from_settings() -> None:
    settings = _settings(cost_premium=5, pro_providers='gemini, openai')
    assert settings.cost_of('premium') == 5 and settings.cost_of('basic') == 0
    assert settings.providers_for('pro') == ['gemini', 'openai']
