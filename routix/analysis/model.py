"""What a prompt asks for, and the protocol every analyser implements."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from routix.vocabulary import CATEGORIES, MOODS, STYLES


@dataclass(kw_only=True, slots=True)
class Analysis:
    """The structured reading of a creator's request."""

    category: str
    style: str
    mood: str
    palette: list[str] = field(default_factory=list)  # '#rrggbb', most important first, 2..5 colours
    named_colors: list[str] = field(default_factory=list)  # colours the prompt names; only these change a template
    headline: str
    subtitle: str = ''
    subject: str = ''  # a name from analysis.subjects_data ('pizza'), '' when the prompt names none
    language: str = 'en'  # en | fa | mixed
    direction: str = 'ltr'  # ltr | rtl (of the headline)
    confidence: float = 0.5  # 0..1
    vague: bool = False  # nothing to go on (no topic, no headline): the chat asks what the video is about
    source: str = 'offline'  # which analyser produced it

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild from ``to_dict`` output, ignoring unknown keys."""
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})

    def is_valid(self) -> bool:
        """True when every field is inside its vocabulary (used to vet model output)."""
        return (
            self.category in CATEGORIES
            and self.style in STYLES
            and self.mood in MOODS
            and bool(self.headline.strip())
            and self.direction in ('ltr', 'rtl')
            and all(_is_hex(c) for c in [*self.palette, *self.named_colors])
            and 0.0 <= self.confidence <= 1.0
        )


class Analyzer(Protocol):
    """Turns a prompt (and optional reference images) into an Analysis."""

    name: str

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """Analyse one request; never returns an invalid Analysis."""
        ...

    async def aclose(self) -> None:
        """Release the HTTP client, if the analyser has one (called once, at shutdown)."""
        ...


def _is_hex(value: str) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 7
        and value[0] == '#'
        and all(c in '0123456789abcdefABCDEF' for c in value[1:])
    )
