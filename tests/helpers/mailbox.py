"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and reading the links out of a mail."""

from __future__ import annotations

import asyncio
import email
import email.policy
import queue
import re
import socket
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

LINK = re.compile(r'https?://\S+')


class Mailbox:
    """Receives mail on 127.0.0.1:<port>; ``await next_mail()`` returns the next message (or fails after 10 s)."""

    def __init__(self) -> None:
        self._mail: queue.Queue[EmailMessage] = queue.Queue()
        with socket.socket() as probe:  # aiosmtpd's controller needs a concrete port to check it started
            probe.bind(('127.0.0.1', 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(self, hostname='127.0.0.1', port=self.port)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        """aiosmtpd's hook: one accepted message."""
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self._mail.put(message)
        return '250 Message accepted for delivery'

    def start(self) -> None:
        """Listen."""
        self._controller.start()

    def stop(self) -> None:
        """Stop listening."""
        self._controller.stop()

    async def next_mail(self, timeout: float = 10) -> EmailMessage:
        """The next message that arrives (a mail sent in the background arrives a moment after the answer)."""
        return await asyncio.to_thread(self._mail.get, True, timeout)

    def empty(self) -> bool:
        """Whether nothing arrived that was not read yet."""
        return self._mail.empty()


def body_of(message: EmailMessage) -> str:
    """The plain-text body."""
    return str(message.get_content())


def link_in(message: EmailMessage) -> str:
    """The path and query of the one link in the mail (to open it against the test app)."""
    (link,) = LINK.findall(body_of(message))
    parts = urlsplit(link)
    return f'{parts.path}?{parts.query}'
