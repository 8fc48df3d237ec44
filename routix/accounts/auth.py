"""Accounts: registration, password sign-in with throttling, and server-side sessions.

Passwords are hashed with argon2id at OWASP's minimum cost (m=19 MiB, t=2, p=1) in a worker thread (argon2
releases the GIL). Failed sign-ins are counted in the database so that a restart does not reset the throttle.

Taken emails: registering an address that already has an account fails with the same generic
'Check your details or sign in' message as any other refusal of otherwise valid details, and it costs the same
argon2 hash as a successful registration. Without e-mail verification a sign-up form can never fully hide that
an address exists (a third party who gets no account learns something), so the message never confirms it and the
per-IP throttle also counts refused registrations.

Session tokens: the browser's signed cookie carries a random ``token_urlsafe(32)``; the database keeps only its
SHA-256 (``AuthSession.id``), so a leaked database copy does not hold usable sessions.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from nicegui import run
from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from routix.accounts import credits
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.models import AuthSession, LoginAttempt, OAuthIdentity, User, utcnow

R = TypeVar('R')
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_PASSWORD = 10
MAX_PASSWORD = 256
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_EMAIL_FAILURES = 5
MAX_IP_FAILURES = 20
SESSION_IDLE = timedelta(days=14)  # matches the cookie's max_age
LAST_SEEN_EVERY = timedelta(minutes=1)

MSG_EMAIL = 'That email address is not valid.'
MSG_SHORT = f'Use at least {MIN_PASSWORD} characters for the password.'
MSG_LONG = f'Use at most {MAX_PASSWORD} characters for the password.'
MSG_CLASSES = 'Mix at least two of: lower-case letters, upper-case letters, digits, symbols.'
MSG_IS_EMAIL = 'The password must not be your email address.'
MSG_REGISTER = 'Check your details or sign in if you already have an account.'
MSG_CREDENTIALS = 'Email or password is not correct.'
MSG_OAUTH = 'Signing in with that provider did not work. Please try again.'
MSG_OAUTH_EMAIL = 'That provider did not confirm an email address for your account.'
MSG_OAUTH_EXISTS = 'An account with this email already exists. Sign in with your password.'

_EMAIL = re.compile(
    r'^[^@\s<>()\[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
    r'(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
)


class AuthFailure(AuthError):
    """An AuthError with a stable ``code`` the web layer maps to a translated message (and ``minutes`` to wait)."""

    def __init__(self, code: str, user_message: str, *, minutes: int = 0) -> None:
        super().__init__(user_message)
        self.code = code
        self.minutes = minutes


async def register(
    *,
    db: Database,
    email: str,
    password: str,
    display_name: str,
    signup_credits: int,
    client_ip: str | None = None,
    locale: str = 'en',
) -> User:
    """Create an account with a password; the sign-up credits are granted (and booked) in the same transaction.

    With ``client_ip``, a refused registration of a taken email counts against that IP's sign-in throttle;
    ``locale`` is the language the visitor chose before registering.
    """
    ip_key = f'ip:{client_ip}'[:400] if client_ip else None
    if ip_key:
        await _check_throttle(db, [(ip_key, MAX_IP_FAILURES)])
    address = validate_email(email)
    check_password(password, address)
    name = ' '.join(display_name.split())[:120] or address.split('@', 1)[0][:120]
    password_hash = await _off_loop(HASHER.hash, password)  # before the lookup: a taken email costs the same
    try:
        async with db.transaction() as session:
            taken = (await session.exec(select(User.id).where(User.email == address))).first()
            if taken is not None:
                raise AuthFailure('taken', MSG_REGISTER)
            user = User(email=address, password_hash=password_hash, display_name=name, locale=locale)
            session.add(user)
            await session.flush()
            assert user.id is not None
            balance = 0
            if signup_credits > 0:
                balance = await credits.credit(session=session, user_id=user.id, amount=signup_credits, reason='signup')
    except IntegrityError as e:  # the same address registered concurrently
        raise AuthFailure('taken', MSG_REGISTER) from e
    except AuthFailure:
        if ip_key:
            await _record_failure(db, (ip_key,))
        raise
    user.credits = balance
    return user


async def authenticate(*, db: Database, email: str, password: str, client_ip: str | None) -> User:
    """The user with these credentials; the same AuthFailure for an unknown email and a wrong password."""
    address = normalise_email(email)[:320]
    keys = (f'email:{address}', f'ip:{client_ip or "unknown"}'[:400])
    await _check_throttle(db, [(keys[0], MAX_EMAIL_FAILURES), (keys[1], MAX_IP_FAILURES)])
    async with db.session() as session:
        user = (await session.exec(select(User).where(User.email == address, User.deleted_at.is_(None)))).first()  # type: ignore[union-attr]
    stored = user.password_hash if user is not None and user.password_hash else await _dummy_hash()
    ok = len(password) <= MAX_PASSWORD and await _off_loop(_verify, stored, password)
    if not ok or user is None or not user.password_hash:
        await _record_failure(db, keys)
        raise AuthFailure('credentials', MSG_CREDENTIALS)
    new_hash = await _off_loop(HASHER.hash, password) if HASHER.check_needs_rehash(user.password_hash) else None
    async with db.transaction() as session:
        await session.exec(delete(LoginAttempt).where(LoginAttempt.key == keys[0]))  # type: ignore[arg-type]
        if new_hash is not None:
            await session.exec(update(User).where(User.id == user.id).values(password_hash=new_hash))  # type: ignore[arg-type]
            user.password_hash = new_hash
    return user


async def create_session(*, db: Database, user_id: int) -> str:
    """A new sign-in session; the returned token goes into the signed session cookie."""
    token = secrets.token_urlsafe(32)
    async with db.transaction() as session:
        session.add(AuthSession(id=_digest(token), user_id=user_id))
    return token


async def user_for_session(*, db: Database, token: str | None) -> User | None:
    """The (not deleted) user of a live session, else None; refreshes ``last_seen_at`` at most once a minute."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    sid = _digest(token)
    async with db.session() as session:
        row = (
            await session.exec(
                select(AuthSession, User)
                .join(User, User.id == AuthSession.user_id)  # type: ignore[arg-type]
                .where(AuthSession.id == sid)
            )
        ).first()
    if row is None:
        return None
    auth_session, user = row
    now = utcnow()
    if user.deleted_at is not None or now - auth_session.last_seen_at > SESSION_IDLE:
        await end_session(db=db, token=token)
        return None
    if now - auth_session.last_seen_at > LAST_SEEN_EVERY:
        async with db.transaction() as session:
            await session.exec(update(AuthSession).where(AuthSession.id == sid).values(last_seen_at=now))  # type: ignore[arg-type]
    return user


async def end_session(*, db: Database, token: str | None) -> None:
    """Forget one session (logout); unknown tokens are fine."""
    if not token or not isinstance(token, str):
        return
    async with db.transaction() as session:
        await session.exec(delete(AuthSession).where(AuthSession.id == _digest(token)))  # type: ignore[arg-type]


async def end_all_sessions(*, db: Database, user_id: int) -> None:
    """Forget every session of a user ('sign out everywhere')."""
    async with db.transaction() as session:
        await session.exec(delete(AuthSession).where(AuthSession.user_id == user_id))  # type: ignore[arg-type]


async def sign_in_with_identity(
    *,
    db: Database,
    provider: str,
    subject: str,
    email: str,
    email_verified: bool,
    display_name: str,
    signup_credits: int,
    locale: str = 'en',
) -> User:
    """The user linked to this OAuth/OIDC identity, or a new account for it (only with a verified email).

    An existing password account with the same email is *not* linked automatically: Routix does not verify emails
    at registration, so someone could pre-register a victim's address and wait for the victim to sign in with
    Google. That case fails with code 'oauth_exists' (sign in with the password instead).
    """
    subject = subject.strip()[:255]
    if not subject:
        raise AuthFailure('oauth', MSG_OAUTH)
    async with db.session() as session:
        linked = (
            await session.exec(
                select(User)
                .join(OAuthIdentity, OAuthIdentity.user_id == User.id)  # type: ignore[arg-type]
                .where(OAuthIdentity.provider == provider, OAuthIdentity.subject == subject)
            )
        ).first()
    if linked is not None:
        if linked.deleted_at is not None:
            raise AuthFailure('oauth', MSG_OAUTH)
        return linked
    if not email_verified:
        raise AuthFailure('oauth_email', MSG_OAUTH_EMAIL)
    try:
        address = validate_email(email)
    except AuthFailure as e:
        raise AuthFailure('oauth_email', MSG_OAUTH_EMAIL) from e
    name = ' '.join(display_name.split())[:120] or address.split('@', 1)[0][:120]
    try:
        async with db.transaction() as session:
            if (await session.exec(select(User.id).where(User.email == address))).first() is not None:
                raise AuthFailure('oauth_exists', MSG_OAUTH_EXISTS)
            user = User(email=address, password_hash=None, display_name=name, locale=locale)
            session.add(user)
            await session.flush()
            assert user.id is not None
            session.add(OAuthIdentity(user_id=user.id, provider=provider, subject=subject, email=address))
            balance = 0
            if signup_credits > 0:
                balance = await credits.credit(session=session, user_id=user.id, amount=signup_credits, reason='signup')
    except IntegrityError as e:  # the same identity or email arrived twice at once
        raise AuthFailure('oauth', MSG_OAUTH) from e
    user.credits = balance
    return user


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased."""
    return email.strip().lower()


def validate_email(email: str) -> str:
    """The normalised address, or AuthFailure('email')."""
    address = normalise_email(email)
    if len(address) > 320 or not _EMAIL.match(address):
        raise AuthFailure('email', MSG_EMAIL)
    return address


def check_password(password: str, email: str) -> None:
    """Raise AuthFailure when the password breaks the policy (length, variety, not the email)."""
    if len(password) < MIN_PASSWORD:
        raise AuthFailure('password_short', MSG_SHORT)
    if len(password) > MAX_PASSWORD:
        raise AuthFailure('password_long', MSG_LONG)
    classes = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    )
    if sum(classes) < 2:
        raise AuthFailure('password_classes', MSG_CLASSES)
    lowered = password.strip().lower()
    if lowered in {email, email.split('@', 1)[0]}:
        raise AuthFailure('password_email', MSG_IS_EMAIL)


# ---- helpers ---------------------------------------------------------------------------------------------------

_DUMMY_HASH: dict[str, str] = {}  # filled on first use, not at import


async def _dummy_hash() -> str:
    """A hash to verify against for unknown emails, so that both paths cost one argon2 verification."""
    if 'hash' not in _DUMMY_HASH:
        _DUMMY_HASH['hash'] = await _off_loop(HASHER.hash, secrets.token_urlsafe(24))
    return _DUMMY_HASH['hash']


def _verify(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


async def _off_loop(fn: Callable[..., R], *args: Any) -> R:
    result = await run.io_bound(fn, *args)
    if result is None:
        raise asyncio.CancelledError  # run.* returns None on shutdown
    return result


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _check_throttle(db: Database, limits: list[tuple[str, int]]) -> None:
    now = utcnow()
    since = now - THROTTLE_WINDOW
    wait = timedelta(0)
    async with db.session() as session:
        for key, limit in limits:
            count = (
                await session.exec(
                    select(func.count())
                    .select_from(LoginAttempt)
                    .where(LoginAttempt.key == key, LoginAttempt.created_at >= since)
                )
            ).one()
            if count < limit:
                continue
            # the attempt whose expiry brings the count back below the limit
            times = (
                await session.exec(
                    select(LoginAttempt.created_at)
                    .where(LoginAttempt.key == key, LoginAttempt.created_at >= since)
                    .order_by(LoginAttempt.created_at)
                    .offset(count - limit)
                    .limit(1)
                )
            ).all()  # type: ignore[arg-type]
            wait = max(wait, _expiry(times[0]) - now)
    if wait > timedelta(0):
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise AuthFailure('throttled', f'Too many attempts. Try again in {minutes} minutes.', minutes=minutes)


def _expiry(created_at: datetime) -> datetime:
    return created_at + THROTTLE_WINDOW


async def _record_failure(db: Database, keys: tuple[str, ...]) -> None:
    now = utcnow()
    async with db.transaction() as session:
        # keep the table small: what is older than the window no longer counts
        await session.exec(delete(LoginAttempt).where(LoginAttempt.created_at < now - THROTTLE_WINDOW))  # type: ignore[arg-type]
        for key in keys:
            session.add(LoginAttempt(key=key, created_at=now))
