"""Logging set-up: one format, and API keys scrubbed from every record."""

from __future__ import annotations

import logging

from routix.core.config import Settings


class SecretFilter(logging.Filter):
    """Replaces configured secrets in log messages with '***'."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the formatted message in place."""
        if self.secrets:
            message = record.getMessage()
            for secret in self.secrets:
                message = message.replace(secret, '***')
            record.msg, record.args = message, None
        return True


def configure_logging(settings: Settings) -> None:
    """Configure the root logger once."""
    root = logging.getLogger()
    if not any(isinstance(f, SecretFilter) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s: %(message)s'))
        handler.addFilter(
            SecretFilter(
                [
                    settings.openai_api_key.get_secret_value(),
                    settings.gemini_api_key.get_secret_value(),
                    settings.stability_api_key.get_secret_value(),
                    settings.s3_secret_access_key.get_secret_value(),
                ]
            )
        )
        root.addHandler(handler)
    root.setLevel(logging.INFO)
