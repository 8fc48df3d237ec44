"""The credit balance chip in the header (and anywhere a live balance is shown)."""

from __future__ import annotations

from nicegui import ui


class CreditBadge(ui.label):
    """A balance with its icon and label; the page calls ``set_balance`` when the balance changes.

    One element: the text is the number, the icon and the word after it are drawn by the stylesheet
    (``.routix-credit-badge`` in routix.css) from the ``data-icon`` and ``data-label`` attributes.
    """

    def __init__(self, *, balance: int, label: str, marker: str = 'credit-balance') -> None:
        super().__init__(str(balance))
        self.classes('routix-credit-badge routix-credits').mark(marker)
        self.props.update({'data-icon': 'toll', 'data-label': label})

    def set_balance(self, balance: int) -> None:
        """Show a new balance."""
        self.set_text(str(balance))
