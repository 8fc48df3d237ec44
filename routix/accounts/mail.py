"""Mail that carries one-time links (password reset, email verification), sent over SMTP with aiosmtplib.

``SmtpMailer`` is the product's mailer; without ``SMTP_HOST`` there is none (``build_mailer`` returns None) and the
pages say so instead of pretending to send. The texts come from routix/i18n/recovery.py in the account's language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Protocol

import aiosmtplib

from routix.core.config import Settings
from routix.i18n import t

log = logging.getLogger(__name__)


@dataclass(kw_only=True, slots=True, frozen=True)
class LinkMail:
    """One mail with a link: to whom, in which language, what for ('reset' or 'verify') and the link."""

    to: str
    lang: str
    purpose: str
    link: str
    minutes: int


class Mailer(Protocol):
    """Sends a LinkMail; raises on failure (the caller logs it: the person asking never learns more)."""

    async def send(self, mail: LinkMail) -> None:
        """Deliver the mail to the SMTP server."""
        ...


class SmtpMailer:
    """Sends through the SMTP server of the settings (TLS: none, STARTTLS or implicit TLS)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sender = settings.smtp_from or formataddr(('Routix', f'routix@{settings.smtp_host}'))

    async def send(self, mail: LinkMail) -> None:
        """Compose the mail in the recipient's language and hand it to the server."""
        s = self.settings
        await aiosmtplib.send(
            compose(mail, sender=self.sender),
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username or None,
            password=s.smtp_password.get_secret_value() or None,
            use_tls=s.smtp_tls == 'tls',
            start_tls=True if s.smtp_tls == 'starttls' else False,
            timeout=s.smtp_timeout,
        )


def build_mailer(settings: Settings) -> Mailer | None:
    """The SMTP mailer when SMTP_HOST is set, else None (no mail: links come from ``routix users reset-link``)."""
    return SmtpMailer(settings) if settings.smtp_host else None


def compose(mail: LinkMail, *, sender: str) -> EmailMessage:
    """The plain-text message (no HTML: nothing to sanitise, nothing that tracks)."""
    message = EmailMessage()
    message['From'] = sender
    message['To'] = mail.to
    message['Subject'] = t(f'mail.{mail.purpose}.subject', mail.lang)
    message['Message-ID'] = make_msgid(domain=sender.rsplit('@', 1)[-1].strip('> ') or None)
    message['Content-Language'] = mail.lang
    body = t(f'mail.{mail.purpose}.body', mail.lang, link=mail.link, minutes=mail.minutes)
    message.set_content(body, charset='utf-8')
    return message
