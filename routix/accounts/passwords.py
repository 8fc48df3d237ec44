"""Passwords: the policy a new one must meet, and argon2id hashing and verification off the event loop.

Hashes use argon2id at OWASP's minimum cost (m=19 MiB, t=2, p=1). Hashing and verifying run through the injected
``Runtime``'s thread pool (argon2 releases the GIL), so a sign-in never blocks the other creators' pages.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from routix.core.errors import AuthError
from routix.core.runtime import Runtime

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_PASSWORD = 10
MAX_PASSWORD = 256


def check_password(password: str, email: str) -> None:
    """Raise AuthError (auth.password_*) when the password breaks the policy (length, variety, not the email)."""
    if len(password) < MIN_PASSWORD:
        raise AuthError('auth.password_short')
    if len(password) > MAX_PASSWORD:
        raise AuthError('auth.password_long')
    classes = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    )
    if sum(classes) < 2:
        raise AuthError('auth.password_classes')
    lowered = password.strip().lower()
    if lowered in {email, email.split('@', 1)[0]}:
        raise AuthError('auth.password_email')


async def hash_password(*, runtime: Runtime, password: str) -> str:
    """The argon2id hash of ``password`` (computed in a worker thread)."""
    return await runtime.io(HASHER.hash, password)


async def verify_password(*, runtime: Runtime, stored: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash; a malformed hash is a mismatch, never an error."""
    return await runtime.io(_verify, stored, password)


def needs_rehash(stored: str) -> bool:
    """Whether the stored hash was made with weaker parameters than today's (upgrade it on the next sign-in)."""
    return HASHER.check_needs_rehash(stored)


_DUMMY_HASH: dict[str, str] = {}  # filled on first use, not at import


async def dummy_hash(*, runtime: Runtime) -> str:
    """A hash to verify against for unknown emails, so that both paths cost one argon2 verification."""
    if 'hash' not in _DUMMY_HASH:
        _DUMMY_HASH['hash'] = await hash_password(runtime=runtime, password=secrets.token_urlsafe(24))
    return _DUMMY_HASH['hash']


def _verify(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
