"""The database tables (SQLModel) and the views that cross into the UI."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

from routix.vocabulary import GenerationStatus, Tier


def utcnow() -> datetime:
    """Aware UTC now (SQLModel stores aware datetimes and returns them in UTC)."""
    return datetime.now(UTC)


def _stored_as_text(vocabulary: type[StrEnum], *, length: int) -> SAEnum:
    """A plain VARCHAR(length) column holding the enum's values, read back as members (no DB enum, no CHECK)."""
    return SAEnum(
        vocabulary,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )


class User(SQLModel, table=True):
    """A creator's account; credits live here and move only through routix.credits."""

    __tablename__ = 'users'

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    password_hash: str | None = Field(default=None, max_length=255)  # None for OAuth-only accounts
    display_name: str = Field(default='', max_length=120)
    tier: str = Field(default='free', max_length=16)  # free | premium | pro
    credits: int = Field(default=0)
    locale: str = Field(default='en', max_length=8)
    dark_mode: bool | None = Field(default=None)
    brand_colors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    created_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = Field(default=None)
    role: str = Field(default='creator', max_length=16, sa_column_kwargs={'server_default': 'creator'})  # | admin
    disabled_at: datetime | None = Field(default=None)  # set by an operator: no sign-in, sessions ended
    last_seen_at: datetime | None = Field(default=None)  # refreshed with the session, at most once a minute
    plan: str = Field(default='free', max_length=32, sa_column_kwargs={'server_default': 'free'})  # routix.billing
    plan_renews_at: datetime | None = Field(default=None)  # a paid plan's end of period (Stripe); None: no end
    email_verified_at: datetime | None = Field(default=None)  # set when a verification link was followed


class OAuthIdentity(SQLModel, table=True):
    """A sign-in identity at an OAuth/OIDC provider, linked to one user."""

    __tablename__ = 'oauth_identities'
    __table_args__ = (UniqueConstraint('provider', 'subject', name='uq_oauth_provider_subject'),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='users.id', index=True)
    provider: str = Field(max_length=40)
    subject: str = Field(max_length=255)
    email: str = Field(default='', max_length=320)
    created_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A server-side sign-in session; logout deletes the row, so a stolen cookie dies with it."""

    __tablename__ = 'auth_sessions'

    id: str = Field(primary_key=True, max_length=64)  # random token kept in the signed session cookie
    user_id: int = Field(foreign_key='users.id', index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class Conversation(SQLModel, table=True):
    """A chat thread of one creator."""

    __tablename__ = 'conversations'
    __table_args__ = (Index('ix_conversations_owner_updated', 'owner_id', 'updated_at'),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key='users.id')
    title: str = Field(default='', max_length=200)
    pinned_template: str | None = Field(default=None, max_length=80)
    last_generation_id: int | None = Field(default=None)  # what a follow-up edit refines
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = Field(default=None)


class Message(SQLModel, table=True):
    """One message in a conversation; the assistant's carry analysis/matches/generation ids in ``meta``."""

    __tablename__ = 'messages'
    __table_args__ = (Index('ix_messages_conversation_created', 'conversation_id', 'created_at'),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key='conversations.id')
    owner_id: int = Field(foreign_key='users.id', index=True)
    role: str = Field(max_length=16)  # user | assistant
    content: str = Field(default='')
    meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    created_at: datetime = Field(default_factory=utcnow)


class Upload(SQLModel, table=True):
    """A sanitised reference image."""

    __tablename__ = 'uploads'
    __table_args__ = (Index('ix_uploads_owner_created', 'owner_id', 'created_at'),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key='users.id')
    storage_key: str = Field(max_length=200)
    mime: str = Field(max_length=40)
    width: int
    height: int
    size_bytes: int = 0
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class Template(SQLModel, table=True):
    """A design template, upserted from assets/templates on start."""

    __tablename__ = 'templates'

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=120)
    name_fa: str = Field(default='', max_length=120)
    category: str = Field(max_length=24, index=True)
    style: str = Field(max_length=24)
    mood: str = Field(max_length=24)
    palette: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    layout: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    spec: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    updated_at: datetime = Field(default_factory=utcnow)


class Generation(SQLModel, table=True):
    """One thumbnail job and its result."""

    __tablename__ = 'generations'
    __table_args__ = (
        Index('ix_generations_owner_newest', 'owner_id', 'id'),  # history pages walk newest first by id
        Index('ix_generations_status', 'status'),
        Index('ix_generations_conversation', 'conversation_id', 'created_at'),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key='users.id')
    conversation_id: int | None = Field(default=None, foreign_key='conversations.id')
    parent_id: int | None = Field(default=None, foreign_key='generations.id')  # the version this one edits
    prompt: str = Field(default='')
    analysis: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    template_slug: str | None = Field(default=None, max_length=80)
    template_score: float | None = None
    match: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    tier: Tier = Field(default=Tier.BASIC, sa_type=_stored_as_text(Tier, length=16))
    provider: str = Field(default='basic', max_length=40)
    model: str = Field(default='', max_length=80)
    status: GenerationStatus = Field(
        default=GenerationStatus.QUEUED, sa_type=_stored_as_text(GenerationStatus, length=16)
    )
    stage: int = 0  # a vocabulary.Stage: 0 queued, 1..5 the pipeline stages (an int column; IntEnum compares equal)
    progress: int = 0  # percent
    # a failure is stored as its error code and params (translated when shown); ``error`` keeps the English text
    # for logs, the CLI and old readers, and is all that rows from before migration 0003 have
    error: str | None = Field(default=None, max_length=500)  # user-safe
    error_code: str | None = Field(default=None, max_length=64)  # a code of routix/i18n/errors.py
    error_params: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict, server_default='{}')
    )
    # what a generation adds to its result, in order: translation keys with params, e.g. the provider's error and
    # 'notice.fell_back'; ``notice`` keeps the English text, as ``error`` does
    notice: str | None = Field(default=None, max_length=500)  # user-safe
    notices: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, default=list, server_default='[]')
    )
    image_key: str | None = Field(default=None, max_length=200)
    png_key: str | None = Field(default=None, max_length=200)
    preview_key: str | None = Field(default=None, max_length=200)
    background_key: str | None = Field(default=None, max_length=200)  # a provider's picture, kept for edits
    upload_id: int | None = Field(default=None, foreign_key='uploads.id')
    text_layer: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    seed: int = 0
    image_bytes: int = 0
    credits_charged: int = 0
    refunded: bool = False
    favourite: bool = False
    headline: str = Field(default='', max_length=300)  # denormalised for search
    category: str = Field(default='', max_length=24)  # denormalised for filters
    timings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    deleted_at: datetime | None = None


class CreditEntry(SQLModel, table=True):
    """The credit ledger: every change of a balance, with its reason."""

    __tablename__ = 'credit_entries'
    __table_args__ = (Index('ix_credit_entries_user_created', 'user_id', 'created_at'),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='users.id')
    delta: int
    balance_after: int
    reason: str = Field(max_length=40)  # signup | generation | refund | grant
    generation_id: int | None = Field(default=None, foreign_key='generations.id')
    # an operator's grant or revocation: who ('cli:<os user>' or 'admin:<user id>') and the reason they gave
    operator: str = Field(default='', max_length=120, sa_column_kwargs={'server_default': ''})
    note: str = Field(default='', max_length=200, sa_column_kwargs={'server_default': ''})
    created_at: datetime = Field(default_factory=utcnow)


class LoginAttempt(SQLModel, table=True):
    """Failed sign-ins, for throttling (kept in the DB so restarts don't reset it)."""

    __tablename__ = 'login_attempts'
    __table_args__ = (Index('ix_login_attempts_key_created', 'key', 'created_at'),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=400)  # 'email:<addr>' or 'ip:<addr>'
    created_at: datetime = Field(default_factory=utcnow)


class PasswordResetToken(SQLModel, table=True):
    """A one-time link sent by mail (password reset or email verification); only the token's SHA-256 is kept."""

    __tablename__ = 'password_reset_tokens'

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='users.id', index=True)
    token_hash: str = Field(max_length=64, unique=True)  # sha256 hex of the secret in the link
    purpose: str = Field(max_length=16)  # reset | verify
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = Field(default=None)


class PlanRefill(SQLModel, table=True):
    """One monthly refill of a plan's credits: at most one per user and period, so a refill is applied once."""

    __tablename__ = 'plan_refills'
    __table_args__ = (UniqueConstraint('user_id', 'period', name='uq_plan_refills_user_period'),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key='users.id')
    period: str = Field(max_length=7)  # 'YYYY-MM' (UTC)
    plan: str = Field(default='', max_length=32)
    credits: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class PaymentEvent(SQLModel, table=True):
    """A Stripe webhook event that was applied; its unique id makes a redelivered event a no-op."""

    __tablename__ = 'payment_events'

    id: int | None = Field(default=None, primary_key=True)
    stripe_event_id: str = Field(max_length=255, unique=True)
    type: str = Field(max_length=80)
    user_id: int | None = Field(default=None, foreign_key='users.id', index=True)
    processed_at: datetime = Field(default_factory=utcnow)
