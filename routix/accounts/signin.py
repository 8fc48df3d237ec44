"""Password sign-in: throttled per email and IP (the attempt is reserved before the hash check), one argon2
verification whether or not the email exists."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import select

from routix.accounts import throttle
from routix.accounts.credentials import MAX_EMAIL, normalise_email
from routix.accounts.passwords import MAX_PASSWORD, dummy_hash, hash_password, needs_rehash, verify_password
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.core.runtime import Runtime
from routix.models import User


async def authenticate(*, db: Database, runtime: Runtime, email: str, password: str, client_ip: str | None) -> User:
    """The user with these credentials; one AuthError('auth.credentials') for an unknown email and a wrong password.

    A success clears the email's failures and upgrades a hash made with weaker parameters than today's.
    """
    address = normalise_email(email)[:MAX_EMAIL]
    keys = (throttle.email_key(address), throttle.ip_key(client_ip))
    limits = [(keys[0], throttle.MAX_EMAIL_FAILURES), (keys[1], throttle.MAX_IP_FAILURES)]
    reserved = await throttle.reserve(db=db, limits=limits)  # counted as a failure unless it succeeds
    async with db.session() as session:
        user = (await session.exec(select(User).where(User.email == address, User.deleted_at.is_(None)))).first()  # type: ignore[union-attr]
    stored = user.password_hash if user is not None and user.password_hash else await dummy_hash(runtime=runtime)
    ok = len(password) <= MAX_PASSWORD and await verify_password(runtime=runtime, stored=stored, password=password)
    if not ok or user is None or not user.password_hash:
        raise AuthError('auth.credentials')
    if user.disabled_at is not None:  # told only to whoever knows the password
        raise AuthError('auth.disabled')
    new_hash = await hash_password(runtime=runtime, password=password) if needs_rehash(user.password_hash) else None
    async with db.transaction() as session:
        await throttle.forget(session=session, key=keys[0])
        await throttle.release(session=session, ids=reserved)
        if new_hash is not None:
            await session.exec(update(User).where(User.id == user.id).values(password_hash=new_hash))  # type: ignore[arg-type]
            user.password_hash = new_hash
    return user
