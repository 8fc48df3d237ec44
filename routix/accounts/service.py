"""The accounts service: everything the web layer does with accounts, behind one object built in build_services.

Pages and routes never open a database session for accounts work; they call this. The functions it delegates to
(``signup``, ``signin``, ``sessions``, ``oauth``, ``profile``) stay usable on their own, for the CLI and tests.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from nicegui import Event

from routix.accounts import oauth, profile, sessions, signin, signup
from routix.accounts.credits import BalanceEvents
from routix.accounts.oauth import ProviderIdentity
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.runtime import Runtime
from routix.models import CreditEntry, User


class AccountService:
    """Sign-up, sign-in (password or provider), server-side sessions, and the creator's profile and preferences.

    Open tabs ask ``tab_still_signed_in`` before every action. That is cheap: each creator has a session epoch in
    memory, bumped whenever one of their sessions ends (sign-out, sign out everywhere, and so any password change
    or disabling that ends sessions); only a tab whose epoch is stale looks its session row up again.
    """

    def __init__(self, *, db: Database, runtime: Runtime, settings: Settings, balances: BalanceEvents) -> None:
        self.db = db
        self.runtime = runtime
        self.settings = settings
        self.balances = balances
        self._epochs: defaultdict[int, int] = defaultdict(int)

    # ---- signing up and in -----------------------------------------------------------------------------------------

    async def register(
        self, *, email: str, password: str, display_name: str, client_ip: str | None, locale: str
    ) -> User:
        """A new password account with the configured sign-up credits (AuthError 'auth.<reason>' when refused)."""
        return await signup.register(
            db=self.db,
            runtime=self.runtime,
            email=email,
            password=password,
            display_name=display_name,
            signup_credits=self.settings.signup_credits,
            client_ip=client_ip,
            locale=locale,
        )

    async def authenticate(self, *, email: str, password: str, client_ip: str | None) -> User:
        """The user with these credentials (throttled; AuthError 'auth.credentials' or 'auth.throttled' otherwise)."""
        return await signin.authenticate(
            db=self.db, runtime=self.runtime, email=email, password=password, client_ip=client_ip
        )

    async def sign_in_with_identity(self, identity: ProviderIdentity, *, locale: str) -> User:
        """The account of a provider identity, created (with sign-up credits) on its first visit."""
        return await oauth.sign_in_with_identity(
            db=self.db,
            provider=identity.provider,
            subject=identity.subject,
            email=identity.email,
            email_verified=identity.email_verified,
            display_name=identity.display_name,
            signup_credits=self.settings.signup_credits,
            locale=locale,
        )

    # ---- sessions --------------------------------------------------------------------------------------------------

    async def start_session(self, *, user_id: int, replacing: str | None) -> str:
        """A fresh session token for a sign-in; the browser's previous session (``replacing``) ends."""
        return await sessions.rotate_session(db=self.db, previous=replacing, user_id=user_id)

    async def user_for_session(self, token: str | None) -> User | None:
        """The user of a live session token, else None."""
        return await sessions.user_for_session(db=self.db, token=token)

    async def end_session(self, token: str | None) -> None:
        """Sign out this session (unknown tokens are fine); the creator's open tabs check theirs again."""
        user_id = await sessions.end_session(db=self.db, token=token)
        if user_id is not None:
            self._epochs[user_id] += 1

    async def end_all_sessions(self, user_id: int) -> None:
        """Sign this creator out everywhere; every open tab of theirs stops acting."""
        await sessions.end_all_sessions(db=self.db, user_id=user_id)
        self._epochs[user_id] += 1

    def session_epoch(self, user_id: int) -> int:
        """This creator's session epoch now (a tab keeps the one it was built with)."""
        return self._epochs.get(user_id, 0)

    async def tab_still_signed_in(self, *, user_id: int, token: str | None, epoch: int) -> int | None:
        """The current epoch if the tab built at ``epoch`` with session ``token`` may still act, else None.

        No database read while nothing ended for this creator; after that, the tab's own session row decides."""
        current = self._epochs.get(user_id, 0)
        if epoch == current:
            return current
        user = await sessions.user_for_session(db=self.db, token=token)
        return current if user is not None and user.id == user_id else None

    # ---- the profile -----------------------------------------------------------------------------------------------

    async def get_user(self, user_id: int) -> User | None:
        """The user row, unless the account was deleted."""
        async with self.db.session() as session:
            return await profile.get_user(session=session, user_id=user_id)

    def credits_for(self, user_id: int) -> Event[int]:
        """Fires with the new balance whenever this creator's credits change."""
        return self.balances.credits_for(user_id)

    async def generations_per_day(self, user_id: int) -> list[tuple[date, int]]:
        """(UTC day, generations) for the last 30 days, oldest first."""
        async with self.db.session() as session:
            return await profile.generations_per_day(session=session, user_id=user_id)

    async def ledger_page(self, user_id: int, page: int = 1) -> tuple[list[CreditEntry], int]:
        """One page of the credit ledger, newest first, and the number of pages."""
        async with self.db.session() as session:
            return await profile.ledger_page(session=session, user_id=user_id, page=page)

    async def set_display_name(self, user_id: int, display_name: str) -> str:
        """Save the display name (InvalidRequest when too long); returns what was saved."""
        async with self.db.transaction() as session:
            return await profile.set_display_name(session=session, user_id=user_id, display_name=display_name)

    async def set_locale(self, user_id: int, locale: str) -> None:
        """Save the interface language (a code from routix.i18n.LANGUAGES)."""
        async with self.db.transaction() as session:
            await profile.set_locale(session=session, user_id=user_id, locale=locale)

    async def set_dark_mode(self, user_id: int, dark_mode: bool | None) -> None:
        """Save dark (True), light (False) or follow the system (None)."""
        async with self.db.transaction() as session:
            await profile.set_dark_mode(session=session, user_id=user_id, dark_mode=dark_mode)

    async def set_brand_colors(self, user_id: int, colors: list[str | None]) -> list[str]:
        """Validate and save up to three brand colours (InvalidRequest otherwise); returns what was saved."""
        async with self.db.transaction() as session:
            return await profile.set_brand_colors(session=session, user_id=user_id, colors=colors)
