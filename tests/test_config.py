"""Settings: production refuses weak secrets with a message that says how to make one; development persists one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from routix.core.config import Settings


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize('key', ['', 'changeme', 'short-secret', 'replace-me'])
def test_production_refuses_missing_short_or_placeholder_secrets(key: str) -> None:
    with pytest.raises(ValidationError, match='ROUTIX_SECRET_KEY') as error:
        _settings(env='production', secret_key=key)
    assert 'secrets.token_urlsafe' in str(error.value)


def test_production_accepts_a_long_random_secret() -> None:
    settings = _settings(env='production', secret_key='x9' * 24)
    assert settings.session_secret() == 'x9' * 24


def test_development_generates_a_secret_once_and_keeps_it(tmp_path: Path) -> None:
    first = _settings(data_dir=tmp_path / 'data').session_secret()
    again = _settings(data_dir=tmp_path / 'data').session_secret()
    assert first == again and len(first) >= 32
    assert (tmp_path / 'data' / '.secret_key').stat().st_mode & 0o777 == 0o600
    assert _settings(data_dir=tmp_path / 'other').session_secret() != first


def test_database_url_defaults_to_sqlite_in_the_data_dir_and_accepts_plain_postgres(tmp_path: Path) -> None:
    assert _settings(data_dir=tmp_path).resolved_database_url == f'sqlite+aiosqlite:///{tmp_path.resolve()}/routix.db'
    url = _settings(database_url='postgresql://u:p@db/routix').resolved_database_url
    assert url == 'postgresql+asyncpg://u:p@db/routix'


def test_tier_costs_and_provider_chains_come_from_settings() -> None:
    settings = _settings(cost_premium=5, pro_providers='gemini, openai')
    assert settings.cost_of('premium') == 5 and settings.cost_of('basic') == 0
    assert settings.providers_for('pro') == ['gemini', 'openai']
