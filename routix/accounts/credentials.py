"""What an account may be created with: a valid email address and a display name.

Every accounts step refuses with an ``AuthError`` whose code is ``auth.<reason>`` (texts in routix/i18n/errors.py);
the web layer puts the reason in the query string and shows ``error.auth.<reason>``."""

from __future__ import annotations

import re

from routix.core.errors import AuthError

MAX_EMAIL = 320
MAX_DISPLAY_NAME = 120

_EMAIL = re.compile(
    r'^[^@\s<>()\[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
    r'(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
)


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased."""
    return email.strip().lower()


def validate_email(email: str) -> str:
    """The normalised address, or AuthError('auth.email')."""
    address = normalise_email(email)
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise AuthError('auth.email')
    return address


def display_name_for(display_name: str, address: str) -> str:
    """The name to store: whitespace collapsed, else the local part of the (valid) address; at most 120 characters."""
    return ' '.join(display_name.split())[:MAX_DISPLAY_NAME] or address.split('@', 1)[0][:MAX_DISPLAY_NAME]
