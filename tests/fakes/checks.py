"""Checks every provider test makes: the picture it got, and that the API key leaked nowhere."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from routix.core.errors import ProviderError


def png_size(data: bytes) -> tuple[int, int]:
    """The size of a PNG (asserting it is one)."""
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == 'PNG'
        return image.size


def assert_no_key(error: ProviderError, caplog: pytest.LogCaptureFixture, key: str) -> None:
    """The key is in none of the error's texts nor in the captured log."""
    for text in (str(error), repr(error), error.user_message, getattr(error, 'detail', ''), caplog.text):
        assert key not in text
