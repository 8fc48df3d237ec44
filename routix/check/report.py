"""The check's answer: one part per rule, each with ok, the measured value and a sentence in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from routix.i18n import t

PARTS: tuple[str, ...] = ('spec', 'legibility', 'contrast', 'timestamp_zone', 'focus', 'clutter', 'title_overlap')
"""the parts of every report, in the order they are shown; ``check.part.<name>`` is each one's label"""


@dataclass(kw_only=True, frozen=True, slots=True)
class CheckPart:
    """One rule's verdict: ``code`` (an i18n key under ``check.``) and ``params`` make its sentence."""

    ok: bool
    value: Any
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """The plain sentence that explains the verdict, in ``lang``."""
        return t(f'check.{self.code}', lang, **self.params)


@dataclass(kw_only=True, frozen=True, slots=True)
class CheckReport:
    """Every part of the check; ``ok`` only when all of them pass."""

    parts: dict[str, CheckPart]

    @property
    def ok(self) -> bool:
        """True when every part passes."""
        return all(part.ok for part in self.parts.values())

    def to_dict(self, lang: str = 'en') -> dict[str, Any]:
        """``{"ok", "parts": {name: {"ok", "value", "message", "label"}}}`` with the texts in ``lang``."""
        return {
            'ok': self.ok,
            'parts': {
                name: {
                    'ok': part.ok,
                    'value': part.value,
                    'message': part.message(lang),
                    'label': t(f'check.part.{name}', lang),
                }
                for name, part in self.parts.items()
            },
        }

    def text(self, lang: str = 'en') -> str:
        """The report as lines of plain text: a verdict first, then one line per part."""
        lines = [t('check.verdict.ok' if self.ok else 'check.verdict.fail', lang)]
        for name, part in self.parts.items():
            mark = '✓' if part.ok else '✗'
            lines.append(f'{mark} {t(f"check.part.{name}", lang)}: {part.message(lang)}')
        return '\n'.join(lines)
