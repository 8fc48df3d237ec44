"""The credit balance chip in the header (and anywhere a live balance is shown)."""

from __future__ import annotations

from nicegui import ui


class CreditBadge(ui.row):
    """A balance with its label; the page calls ``set_balance`` when the balance changes."""

    def __init__(self, *, balance: int, label: str, marker: str = 'credit-balance') -> None:
        super().__init__(wrap=False)
        self.classes('routix-credits items-center gap-1')
        with self:
            ui.icon('toll', size='1em')
            self.value = ui.label(str(balance)).mark(marker)
            ui.label(label).classes('gt-xs')

    def set_balance(self, balance: int) -> None:
        """Show a new balance."""
        self.value.set_text(str(balance))
