"""What a creator does to their own account from the account page: change the password or the email address
(each after re-entering the current password) and delete the account with everything it made.

Deleting removes the account and everything it made (sessions, identities, links, messages, conversations, uploads,
generations, the credit ledger and every stored image) through ``erase_user``, as the admin console does; the address is
free for a new account afterwards.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import delete, func, update
from sqlmodel import col, select

from routix.accounts.credentials import validate_email
from routix.accounts.erase import erase_user
from routix.accounts.passwords import MAX_PASSWORD, check_password, hash_password, verify_password
from routix.core.db import Database
from routix.core.errors import AuthError, InvalidRequest
from routix.core.runtime import Runtime
from routix.models import AuthSession, PasswordResetToken, User
from routix.storage import ImageStore


async def change_password(*, db: Database, runtime: Runtime, user_id: int, current: str, new: str) -> User:
    """Replace the password after checking the current one (AuthError 'auth.current_password' / 'auth.password_*')."""
    user = await _confirmed(db=db, runtime=runtime, user_id=user_id, password=current)
    check_password(new, user.email)
    new_hash = await hash_password(runtime=runtime, password=new)
    async with db.transaction() as session:
        await session.exec(update(User).where(col(User.id) == user_id).values(password_hash=new_hash))  # type: ignore[call-overload]
    user.password_hash = new_hash
    return user


async def change_email(*, db: Database, runtime: Runtime, user_id: int, password: str, new_email: str) -> User:
    """Move the account to another address (unverified until its link is followed); 'auth.taken' when in use."""
    address = validate_email(new_email)
    user = await _confirmed(db=db, runtime=runtime, user_id=user_id, password=password)
    if address == user.email:
        return user
    async with db.transaction() as session:
        taken = (await session.exec(select(func.count()).select_from(User).where(User.email == address))).one()
        if taken:
            raise AuthError('auth.taken')
        await session.exec(
            update(User).where(col(User.id) == user_id).values(email=address, email_verified_at=None)  # type: ignore[call-overload]
        )
        await session.exec(delete(PasswordResetToken).where(col(PasswordResetToken.user_id) == user_id))  # type: ignore[call-overload]
    user.email, user.email_verified_at = address, None
    return user


async def delete_account(
    *, db: Database, runtime: Runtime, store: ImageStore, user_id: int, password: str, video_root: Path | None = None
) -> int:
    """Delete the account and all it made after checking the password; returns how many stored images went.

    The deletion itself is ``erase_user`` (routix/accounts/erase.py, the admin console's too), so one place knows every
    table that points at an account. Refused with 'auth.busy' while one of its thumbnails is queued or being made
    (the job would write to it): erase_user's own refusal, told in the creator's words."""
    await _confirmed(db=db, runtime=runtime, user_id=user_id, password=password)
    try:
        return await erase_user(db=db, store=store, user_id=user_id, video_root=video_root)
    except InvalidRequest as e:
        if e.code == 'admin.account_busy':
            raise AuthError('auth.busy') from e
        raise


async def readmit_session(*, db: Database, token: str, user_id: int) -> None:
    """Let this browser's session (ended with all the others) live on: the row is written back under its digest."""
    async with db.transaction() as session:
        session.add(AuthSession(id=hashlib.sha256(token.encode()).hexdigest(), user_id=user_id))


async def _confirmed(*, db: Database, runtime: Runtime, user_id: int, password: str) -> User:
    async with db.session() as session:
        user = (await session.exec(select(User).where(User.id == user_id, col(User.deleted_at).is_(None)))).first()
    if user is None:
        raise AuthError('auth.credentials')
    if not user.password_hash:
        raise AuthError('auth.no_password')
    ok = len(password) <= MAX_PASSWORD and await verify_password(
        runtime=runtime, stored=user.password_hash, password=password
    )
    if not ok:
        raise AuthError('auth.current_password')
    return user
