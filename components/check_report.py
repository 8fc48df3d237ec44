"""The explained thumbnail check as the creator reads it: a verdict, then each part with ✓/✗, its value and why.

It renders ``CheckReport.to_dict(lang)`` (``{"ok", "parts": {name: {"ok", "value", "message", "label"}}}``), so
it needs no service and no knowledge of the rules.
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from routix.i18n import t


def check_report(report: dict[str, Any], *, lang: str) -> ui.column:
    """Render one report into the current container."""
    ok = bool(report.get('ok'))
    with ui.column().classes('w-full gap-2').mark('check-report') as box:
        with ui.row().classes('items-center gap-2 no-wrap'):
            ui.icon('verified' if ok else 'report', color='positive' if ok else 'negative', size='sm')
            ui.label(t('check.verdict.ok' if ok else 'check.verdict.fail', lang)).classes('font-bold').mark(
                'check-verdict'
            )
        for name, part in (report.get('parts') or {}).items():
            passed = bool(part.get('ok'))
            with ui.row().classes('w-full items-start gap-2 no-wrap').mark('check-part', f'check-{name}'):
                ui.label('✓' if passed else '✗').classes(
                    'font-black ' + ('text-positive' if passed else 'text-negative')
                ).props(f'aria-label="{"ok" if passed else "fail"}"')
                with ui.column().classes('gap-0 min-w-0'):
                    with ui.row().classes('items-baseline gap-2'):
                        ui.label(str(part.get('label') or name)).classes('font-medium')
                        value = value_text(part.get('value'))
                        if value:
                            ui.label(t('feed.measured', lang, value=value)).classes('text-xs opacity-70').props(
                                'dir=ltr'
                            )
                    ui.label(str(part.get('message') or '')).classes('text-sm opacity-90').props('dir=auto')
    return box


def value_text(value: Any) -> str:
    """A measured value as one short line: numbers rounded, mappings as ``key value`` pairs, lists joined."""
    if value is None or value == '':
        return ''
    if isinstance(value, bool):
        return '✓' if value else '✗'
    if isinstance(value, float):
        return f'{value:.3g}'
    if isinstance(value, dict):
        return ', '.join(f'{k} {value_text(v)}' for k, v in value.items() if value_text(v))
    if isinstance(value, list | tuple):
        return ' × '.join(value_text(v) for v in value) if len(value) == 2 else ', '.join(value_text(v) for v in value)
    return str(value)
