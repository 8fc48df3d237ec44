"""Sign-in with an OAuth/OIDC provider: which providers are configured, what a provider's answer says about the
person (subject, email, whether the provider verified it), and the account that identity belongs to.

The HTTP side (Authlib clients, redirects, token exchange) stays in the web layer; this module only interprets
what came back and finds, links or creates the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from routix.accounts import credits
from routix.accounts.credentials import display_name_for, validate_email
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.models import OAuthIdentity, User

MAX_SUBJECT = 255


@dataclass(kw_only=True, slots=True)
class ProviderIdentity:
    """Who a provider says signed in: its stable subject id, and an email only worth trusting when verified."""

    provider: str
    subject: str
    email: str
    email_verified: bool
    display_name: str


def configured_providers(settings: Settings) -> list[tuple[str, str]]:
    """(key, button label) of every sign-in provider configured in the settings."""
    providers = []
    if settings.google_client_id:
        providers.append(('google', 'Google'))
    if settings.github_client_id:
        providers.append(('github', 'GitHub'))
    if settings.oidc_discovery_url and settings.oidc_client_id:
        providers.append(('oidc', settings.oidc_name or 'SSO'))
    return providers


def identity_from_github(profile: dict[str, Any], emails: list[dict[str, Any]]) -> ProviderIdentity:
    """The identity in GitHub's ``/user`` and ``/user/emails`` answers (only a primary, verified email counts)."""
    primary = next((e for e in emails if e.get('primary') and e.get('verified')), None)
    return ProviderIdentity(
        provider='github',
        subject=str(profile['id']),
        email=primary['email'] if primary else '',
        email_verified=primary is not None,
        display_name=str(profile.get('name') or profile.get('login') or ''),
    )


def identity_from_claims(provider: str, claims: dict[str, Any]) -> ProviderIdentity:
    """The identity in OpenID Connect claims (already checked against the provider's keys by the caller)."""
    return ProviderIdentity(
        provider=provider,
        subject=str(claims['sub']),
        email=str(claims.get('email') or ''),
        email_verified=claims.get('email_verified') in (True, 'true', 'True'),
        display_name=str(claims.get('name') or ''),
    )


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
    Google. That case fails with code 'auth.oauth_exists' (sign in with the password instead).
    """
    subject = subject.strip()[:MAX_SUBJECT]
    if not subject:
        raise AuthError('auth.oauth')
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
            raise AuthError('auth.oauth')
        if linked.disabled_at is not None:  # refused here: a session would only be turned away by the auth gate
            raise AuthError('auth.disabled')
        return linked
    if not email_verified:
        raise AuthError('auth.oauth_email')
    try:
        address = validate_email(email)
    except AuthError as e:
        raise AuthError('auth.oauth_email') from e
    name = display_name_for(display_name, address)
    try:
        async with db.transaction() as session:
            if (await session.exec(select(User.id).where(User.email == address))).first() is not None:
                raise AuthError('auth.oauth_exists')
            user = User(email=address, password_hash=None, display_name=name, locale=locale)
            session.add(user)
            await session.flush()
            assert user.id is not None
            session.add(OAuthIdentity(user_id=user.id, provider=provider, subject=subject, email=address))
            balance = 0
            if signup_credits > 0:
                balance = await credits.credit(session=session, user_id=user.id, amount=signup_credits, reason='signup')
    except IntegrityError as e:  # the same identity or email arrived twice at once
        raise AuthError('auth.oauth') from e
    user.credits = balance
    return user
