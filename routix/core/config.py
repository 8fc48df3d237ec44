"""One typed Settings, read from the environment and `.env` once."""

from __future__ import annotations

import logging
import math
import re
import secrets
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from routix.core.files import create_private_file, make_private_dir

SECRET_HINT = 'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(48))"'
MIN_SECRET_CHARS = 32
MIN_SECRET_BITS = 128
# words people put in keys they meant to replace; they carry no randomness, so they count for nothing
_PLACEHOLDER_WORDS = re.compile(
    'placeholder|production|development|password|passwd|insecure|example|default|replace|change|secret|routix'
    '|sample|dummy|test|your|key',
    re.IGNORECASE,
)
log = logging.getLogger(__name__)


class Settings(BaseSettings):
    """Every knob of Routix; see README for the environment variables."""

    model_config = SettingsConfigDict(
        env_file='.env',
        env_file_encoding='utf-8',
        extra='ignore',
        populate_by_name=True,
        # a validation error would otherwise quote its input: the whole environment, API keys included
        hide_input_in_errors=True,
    )

    env: Literal['development', 'production'] = Field('development', alias='ROUTIX_ENV')
    data_dir: Path = Field(Path('data'), alias='ROUTIX_DATA_DIR')
    host: str = Field('127.0.0.1', alias='ROUTIX_HOST')
    port: int = Field(8080, alias='ROUTIX_PORT')
    database_url: str = Field('', alias='DATABASE_URL')
    secret_key: SecretStr = Field(SecretStr(''), alias='ROUTIX_SECRET_KEY')
    base_url: str = Field('', alias='ROUTIX_BASE_URL')  # public URL, for OAuth redirects behind a proxy
    # reverse proxies whose X-Forwarded-For/-Proto are believed; empty: nobody's, the peer address is the client
    forwarded_allow_ips: str = Field('', alias='ROUTIX_FORWARDED_ALLOW_IPS')

    # credits
    signup_credits: int = Field(20, alias='ROUTIX_SIGNUP_CREDITS')
    cost_basic: int = Field(0, alias='ROUTIX_COST_BASIC')
    cost_premium: int = Field(3, alias='ROUTIX_COST_PREMIUM')
    cost_pro: int = Field(8, alias='ROUTIX_COST_PRO')

    # jobs
    job_concurrency: int = Field(2, alias='ROUTIX_JOB_CONCURRENCY', ge=1, le=16)
    # how long one SQLite write waits for another process's lock before Routix backs off and retries
    sqlite_busy_timeout_ms: int = Field(10000, alias='ROUTIX_SQLITE_BUSY_TIMEOUT_MS', ge=0, le=600000)
    # beyond one machine (routix/cluster): where generations run and how live events cross processes; both need
    # DATABASE_URL on PostgreSQL. A worker counts as dead after ROUTIX_WORKER_STALLED_SECONDS without a heartbeat
    queue: Literal['inprocess', 'procrastinate'] = Field('inprocess', alias='ROUTIX_QUEUE')
    events: Literal['inprocess', 'postgres'] = Field('inprocess', alias='ROUTIX_EVENTS')
    worker_heartbeat_seconds: float = Field(5.0, alias='ROUTIX_WORKER_HEARTBEAT_SECONDS', gt=0)
    worker_stalled_seconds: float = Field(30.0, alias='ROUTIX_WORKER_STALLED_SECONDS', gt=0)
    max_prompt_chars: int = Field(2000, alias='ROUTIX_MAX_PROMPT_CHARS')
    max_upload_bytes: int = Field(10 * 1024 * 1024, alias='ROUTIX_MAX_UPLOAD_BYTES')
    max_video_bytes: int = Field(2 * 1024**3, alias='ROUTIX_MAX_VIDEO_BYTES')  # a recording to mine frames from
    # what one creator may keep stored (reference images and generated thumbnails); new uploads are refused past it
    user_storage_quota_bytes: int = Field(500 * 1024 * 1024, alias='ROUTIX_USER_STORAGE_QUOTA_BYTES', ge=0)

    # fair use (routix/core/limits.py): refused with a clear message before anything is charged; 0 per minute = no limit
    max_active_generations: int = Field(5, alias='ROUTIX_MAX_ACTIVE_GENERATIONS', ge=1)
    generations_per_minute: int = Field(10, alias='ROUTIX_GENERATIONS_PER_MINUTE', ge=0)
    edits_per_minute: int = Field(60, alias='ROUTIX_EDITS_PER_MINUTE', ge=0)  # free versions: edits, gestures
    uploads_per_minute: int = Field(20, alias='ROUTIX_UPLOADS_PER_MINUTE', ge=0)
    messages_per_minute: int = Field(30, alias='ROUTIX_MESSAGES_PER_MINUTE', ge=0)
    # uploads no message, generation or live conversation refers to are deleted once this old (swept at start and
    # then every sweep interval); more than the hour an upload may wait for its message
    orphan_upload_hours: float = Field(24.0, alias='ROUTIX_ORPHAN_UPLOAD_HOURS', ge=2)
    sweep_interval_minutes: float = Field(60.0, alias='ROUTIX_SWEEP_INTERVAL_MINUTES', gt=0)
    # /metrics for Prometheus: an admin's session, or 'Authorization: Bearer <this token>'; empty = admins only
    metrics_token: SecretStr = Field(SecretStr(''), alias='ROUTIX_METRICS_TOKEN')

    # plans and payments (routix/billing): plans and credit packs from a JSON file (built-in: free, creator, pro);
    # Stripe Checkout is off unless both keys are set; STRIPE_API_BASE points the SDK at another server (tests)
    plans_file: Path | None = Field(None, alias='ROUTIX_PLANS_FILE')
    stripe_secret_key: SecretStr = Field(SecretStr(''), alias='STRIPE_SECRET_KEY')
    stripe_webhook_secret: SecretStr = Field(SecretStr(''), alias='STRIPE_WEBHOOK_SECRET')
    stripe_api_base: str = Field('', alias='STRIPE_API_BASE')

    # mail (password reset and email verification links); no SMTP_HOST: no mail, the forgot page says to ask the
    # operator and `routix users reset-link EMAIL` prints a link
    smtp_host: str = Field('', alias='SMTP_HOST')
    smtp_port: int = Field(587, alias='SMTP_PORT', ge=1, le=65535)
    smtp_username: str = Field('', alias='SMTP_USERNAME')
    smtp_password: SecretStr = Field(SecretStr(''), alias='SMTP_PASSWORD')
    smtp_from: str = Field('', alias='SMTP_FROM')  # e.g. 'Routix <routix@example.org>'
    smtp_tls: Literal['none', 'starttls', 'tls'] = Field('starttls', alias='SMTP_TLS')
    smtp_timeout: float = Field(20.0, alias='SMTP_TIMEOUT', gt=0)
    require_email_verification: bool = Field(False, alias='ROUTIX_REQUIRE_EMAIL_VERIFICATION')

    # storage
    storage: Literal['local', 's3'] = Field('local', alias='ROUTIX_STORAGE')
    s3_bucket: str = Field('', alias='S3_BUCKET')
    s3_endpoint_url: str = Field('', alias='S3_ENDPOINT_URL')
    s3_region: str = Field('us-east-1', alias='S3_REGION')
    s3_access_key_id: SecretStr = Field(SecretStr(''), alias='S3_ACCESS_KEY_ID')
    s3_secret_access_key: SecretStr = Field(SecretStr(''), alias='S3_SECRET_ACCESS_KEY')
    s3_prefix: str = Field('routix/', alias='S3_PREFIX')

    # providers
    analyzer: Literal['auto', 'offline', 'openai', 'gemini'] = Field('auto', alias='ROUTIX_ANALYZER')
    analyzer_timeout: float = Field(20.0, alias='ROUTIX_ANALYZER_TIMEOUT')
    openai_api_key: SecretStr = Field(SecretStr(''), alias='OPENAI_API_KEY')
    openai_base_url: str = Field('', alias='OPENAI_BASE_URL')
    openai_text_model: str = Field('gpt-5.4-mini', alias='OPENAI_TEXT_MODEL')  # in openai's ChatModel
    openai_image_model: str = Field('gpt-image-2', alias='OPENAI_IMAGE_MODEL')
    openai_timeout: float = Field(120.0, alias='OPENAI_TIMEOUT')
    openai_image_quality: Literal['low', 'medium', 'high', 'auto'] = Field('medium', alias='OPENAI_IMAGE_QUALITY')
    gemini_api_key: SecretStr = Field(SecretStr(''), alias='GEMINI_API_KEY')
    gemini_base_url: str = Field('', alias='GEMINI_BASE_URL')
    gemini_text_model: str = Field('gemini-3.5-flash', alias='GEMINI_TEXT_MODEL')
    gemini_image_model: str = Field('gemini-3.1-flash-image', alias='GEMINI_IMAGE_MODEL')
    gemini_timeout: float = Field(120.0, alias='GEMINI_TIMEOUT')
    stability_api_key: SecretStr = Field(SecretStr(''), alias='STABILITY_API_KEY')
    stability_base_url: str = Field('https://api.stability.ai', alias='STABILITY_BASE_URL')
    stability_model: str = Field('core', alias='STABILITY_MODEL')  # core | ultra | sd3
    stability_timeout: float = Field(90.0, alias='STABILITY_TIMEOUT')
    provider_connect_timeout: float = Field(10.0, alias='ROUTIX_PROVIDER_CONNECT_TIMEOUT')
    provider_retries: int = Field(2, alias='ROUTIX_PROVIDER_RETRIES', ge=0, le=5)
    premium_providers: str = Field('stability', alias='ROUTIX_PREMIUM_PROVIDERS')  # comma-separated chain
    pro_providers: str = Field('openai,gemini', alias='ROUTIX_PRO_PROVIDERS')
    fallback_to_basic: bool = Field(True, alias='ROUTIX_FALLBACK_TO_BASIC')

    # OAuth (any OIDC provider; Google and GitHub have presets)
    google_client_id: str = Field('', alias='GOOGLE_CLIENT_ID')
    google_client_secret: SecretStr = Field(SecretStr(''), alias='GOOGLE_CLIENT_SECRET')
    github_client_id: str = Field('', alias='GITHUB_CLIENT_ID')
    github_client_secret: SecretStr = Field(SecretStr(''), alias='GITHUB_CLIENT_SECRET')
    oidc_name: str = Field('', alias='OIDC_NAME')
    oidc_discovery_url: str = Field('', alias='OIDC_DISCOVERY_URL')
    oidc_client_id: str = Field('', alias='OIDC_CLIENT_ID')
    oidc_client_secret: SecretStr = Field(SecretStr(''), alias='OIDC_CLIENT_SECRET')

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[Any, ...]:
        """Keyword arguments by Python name; the environment and ``.env`` by the documented names only."""
        sources = (env_settings, dotenv_settings, file_secret_settings)
        return init_settings, *(_documented_names_only(source) for source in sources)

    @model_validator(mode='after')
    def _check_production(self) -> Settings:
        if self.env == 'production' and (problem := secret_key_problem(self.secret_key.get_secret_value())):
            raise ValueError(f'{problem} {SECRET_HINT}')
        return self

    def uvicorn_proxy_options(self) -> dict[str, Any]:
        """How uvicorn treats X-Forwarded-* headers: ignored unless ROUTIX_FORWARDED_ALLOW_IPS names the proxies.

        Left to itself uvicorn trusts 127.0.0.1 (or $FORWARDED_ALLOW_IPS), so any local process could pick its
        apparent address and slip past the per-IP sign-in throttle; without a named proxy the header is not read.
        """
        if not self.forwarded_allow_ips.strip():
            return {'proxy_headers': False}
        return {'proxy_headers': True, 'forwarded_allow_ips': self.forwarded_allow_ips}

    def prepare_data_dir(self) -> Path:
        """Create the data directory readable by this user only (0700); warn when an existing one is not."""
        make_private_dir(self.data_dir)
        if self.data_dir.stat().st_mode & 0o077:
            log.warning('the data directory %s is readable by other users: chmod 700 it', self.data_dir)
        return self.data_dir

    @property
    def resolved_database_url(self) -> str:
        """DATABASE_URL, or the SQLite file in the data directory."""
        if self.database_url:
            url = self.database_url
            if url.startswith('postgresql://') or url.startswith('postgres://'):
                url = 'postgresql+asyncpg://' + url.split('://', 1)[1]
            return url
        return f'sqlite+aiosqlite:///{(self.data_dir / "routix.db").resolve()}'

    def cost_of(self, tier: str) -> int:
        """Credits one generation of this tier costs."""
        return {'basic': self.cost_basic, 'premium': self.cost_premium, 'pro': self.cost_pro}[tier]

    def providers_for(self, tier: str) -> list[str]:
        """The provider chain of a paid tier, in order of preference."""
        raw = {'premium': self.premium_providers, 'pro': self.pro_providers}.get(tier, '')
        return [p.strip() for p in raw.split(',') if p.strip()]

    def session_secret(self) -> str:
        """The configured secret, or (development) one generated once and kept in the data directory."""
        key = self.secret_key.get_secret_value()
        if key:
            return key
        path = self.data_dir / '.secret_key'
        if path.exists():
            return path.read_text().strip()
        self.prepare_data_dir()
        key = secrets.token_urlsafe(48)
        if not create_private_file(path, key.encode()):  # another process made one first: use theirs
            return path.read_text().strip()
        return key


def load_settings() -> Settings:
    """The settings, or exit naming each rule that failed (never a value: they may be secrets)."""
    try:
        return Settings()
    except ValidationError as error:
        rules = [_rule(detail) for detail in error.errors(include_url=False, include_input=False)]
        raise SystemExit('Routix refused to start:\n' + '\n'.join(f'  {rule}' for rule in rules)) from None


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is not good enough to sign production sessions, or None.

    Randomness is estimated as length x per-character Shannon entropy, after dropping placeholder words and
    counting a repeated unit once. It never overrates a key (a random one scores below its true entropy), so the
    bar sits at 128 bits: a 32-byte key from ``secrets`` or ``openssl rand`` scores 170+ and always passes, while
    ``'a' * 40`` or ``your-secret-key-change-in-production`` score under 10. English prose can still pass.
    """
    if not key:
        return 'ROUTIX_SECRET_KEY is not set; production needs a random secret.'
    if len(key) < MIN_SECRET_CHARS:
        return f'ROUTIX_SECRET_KEY is shorter than {MIN_SECRET_CHARS} characters.'
    if estimated_bits(key) < MIN_SECRET_BITS:
        return (
            f'ROUTIX_SECRET_KEY is too predictable: it needs {MIN_SECRET_BITS} bits of randomness, and placeholder '
            'words (change, secret, password, example, default, test, your, ...) and repeats add none.'
        )
    return None


def estimated_bits(key: str) -> float:
    """A conservative estimate of the randomness in ``key``, in bits (see ``secret_key_problem``)."""
    rest = _PLACEHOLDER_WORDS.sub('', key)
    rest = rest[: _period(rest)]
    return -sum(count * math.log2(count / len(rest)) for count in Counter(rest).values())


def _period(text: str) -> int:
    """The length of the shortest unit that ``text`` repeats (its own length when it repeats nothing)."""
    border = [0] * len(text)  # Knuth-Morris-Pratt: longest proper prefix that is also a suffix
    for i in range(1, len(text)):
        k = border[i - 1]
        while k and text[i] != text[k]:
            k = border[k - 1]
        border[i] = k + 1 if text[i] == text[k] else 0
    return len(text) - border[-1] if text else 0


def _documented_names_only(source: PydanticBaseSettingsSource) -> Callable[[], dict[str, Any]]:
    """``source`` without what it found under a field's Python name.

    populate_by_name (for ``Settings(secret_key=...)``) makes pydantic-settings read ``HOST``, ``PORT``, ``ENV``,
    ``SECRET_KEY`` and uvicorn's own ``FORWARDED_ALLOW_IPS`` from the environment too; only the names in the README
    may configure Routix.
    """
    python_names = {name for name, field in Settings.model_fields.items() if field.alias and field.alias != name}

    def documented_names_only() -> dict[str, Any]:
        return {key: value for key, value in source().items() if key not in python_names}

    documented_names_only.__name__ = type(source).__name__  # pydantic-settings keys each source's values by name
    return documented_names_only


def _rule(detail: Any) -> str:
    message = str(detail['msg']).removeprefix('Value error, ')
    where = '.'.join(str(part) for part in detail['loc'])
    return f'{where}: {message}' if where else message
