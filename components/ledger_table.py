"""The credit ledger as a paginated table; it asks its ``load_page`` callback for rows and never reads the DB."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nicegui import ui


@dataclass(kw_only=True, slots=True)
class LedgerRow:
    """One ledger entry, already formatted for display."""

    id: int
    when: str
    reason: str
    change: str
    balance: int


@dataclass(kw_only=True, slots=True)
class LedgerLabels:
    """Column headings and the empty-state text, in the page's language."""

    when: str
    reason: str
    change: str
    balance: str
    empty: str


LoadPage = Callable[[int], Awaitable[tuple[list[LedgerRow], int]]]


class LedgerTable(ui.column):
    """Newest entries first; the pagination appears only when there is more than one page."""

    def __init__(self, *, rows: list[LedgerRow], pages: int, labels: LedgerLabels, load_page: LoadPage) -> None:
        super().__init__()
        self.classes('w-full gap-2')
        self._load_page = load_page
        columns = [
            # numbers and dates keep their own direction inside a right-to-left page ('+20', not '20+')
            {'name': 'when', 'label': labels.when, 'field': 'when', 'align': 'left', 'classes': 'routix-ltr'},
            {'name': 'reason', 'label': labels.reason, 'field': 'reason', 'align': 'left'},
            {'name': 'change', 'label': labels.change, 'field': 'change', 'align': 'right', 'classes': 'routix-ltr'},
            {'name': 'balance', 'label': labels.balance, 'field': 'balance', 'align': 'right', 'classes': 'routix-ltr'},
        ]
        with self:
            self.empty = ui.label(labels.empty).classes('text-grey-7').mark('ledger-empty')
            self.table = (
                ui.table(columns=columns, rows=[], row_key='id', pagination=0)
                .props('flat dense hide-bottom')
                .classes('w-full')
                .mark('ledger')
            )
            self.pagination = (
                ui.pagination(1, max(1, pages), direction_links=True, on_change=self._change)
                .props('dense')
                .mark('ledger-pages')
            )
        self._show(rows, pages)

    async def _change(self) -> None:
        rows, pages = await self._load_page(self.pagination.value or 1)
        self._show(rows, pages)

    def _show(self, rows: list[LedgerRow], pages: int) -> None:
        self.table.rows = [
            {'id': r.id, 'when': r.when, 'reason': r.reason, 'change': r.change, 'balance': r.balance} for r in rows
        ]
        self.table.update()
        self.table.set_visibility(bool(rows))
        self.empty.set_visibility(not rows)
        self.pagination.max = max(1, pages)
        self.pagination.set_visibility(pages > 1)
