"""/account: plan and live balance, thumbnails per day, the credit ledger, profile, preferences, sign-out everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import Request
from nicegui import ui

from components.credit_badge import CreditBadge
from components.ledger_table import LedgerLabels, LedgerRow, LedgerTable
from routix.core.errors import InvalidRequest
from routix.i18n import LANGUAGE_NAMES, LANGUAGES, pick_language, t
from routix.models import CreditEntry, User

from . import account_care
from .shell import current_theme, frame, signed_in_user

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the /account page."""

    @ui.page('/account', title='Routix · Account')
    async def account_page(request: Request) -> None:
        user = await signed_in_user(services, request)
        assert user.id is not None
        lang = pick_language(user.locale)
        days = await services.accounts.generations_per_day(user.id)
        entries, pages = await services.accounts.ledger_page(user.id)
        with frame(services=services, user=user, active='account'):
            ui.label(t('account.title', lang)).classes('text-h5')
            if request.query_params.get('error') == 'csrf':
                ui.label(t('error.auth.csrf', lang)).classes('routix-error').mark('account-error')
            with ui.grid().classes('w-full gap-4 grid-cols-1 md:grid-cols-2'):
                _plan_card(services, user, lang)
                _chart_card(days, lang)
            _ledger_card(services, user, lang, entries, pages)
            with ui.grid().classes('w-full gap-4 grid-cols-1 md:grid-cols-2'):
                _profile_card(services, user, lang)
                _preferences_card(services, user, lang)
            _security_card(services, user, lang)
            account_care.care_cards(services, request, user, lang)  # password, email, my data, delete


def _plan_card(services: Services, user: User, lang: str) -> None:
    with ui.card().classes('w-full gap-2'):
        ui.label(t('account.plan', lang)).classes('text-subtitle2 opacity-80')
        ui.label(t(f'tier.{user.tier}', lang)).classes('text-h6').mark('tier')
        ui.label(t('account.balance', lang)).classes('text-subtitle2 opacity-80 q-mt-sm')
        balance = CreditBadge(balance=user.credits, label=t('header.credits', lang), marker='account-balance').classes(
            'routix-big-number', remove='routix-credits'
        )

    assert user.id is not None
    services.accounts.credits_for(user.id).subscribe(balance.set_balance)


def _chart_card(days: list[tuple[Any, int]], lang: str) -> None:
    with ui.card().classes('w-full gap-2'):
        ui.label(t('account.chart', lang)).classes('text-subtitle2 opacity-80')
        ui.echart(
            {
                'grid': {'left': 32, 'right': 12, 'top': 12, 'bottom': 24},
                'tooltip': {'trigger': 'axis'},
                'xAxis': {
                    'type': 'category',
                    'data': [day.strftime('%m-%d') for day, _ in days],
                    'inverse': lang == 'fa',
                },
                'yAxis': {'type': 'value', 'minInterval': 1, 'position': 'right' if lang == 'fa' else 'left'},
                'series': [
                    {
                        'type': 'bar',
                        'name': t('account.chart.series', lang),
                        'data': [n for _, n in days],
                        'itemStyle': {'color': '#ff3d57', 'borderRadius': [3, 3, 0, 0]},
                    }
                ],
            }
        ).classes('w-full h-56').mark('generations-chart')


def _ledger_card(services: Services, user: User, lang: str, entries: list[CreditEntry], pages: int) -> None:
    assert user.id is not None
    user_id = user.id

    async def load_page(page: int) -> tuple[list[LedgerRow], int]:
        rows, total_pages = await services.accounts.ledger_page(user_id, page)
        return [_ledger_row(e, lang) for e in rows], total_pages

    labels = LedgerLabels(
        when=t('account.ledger.when', lang),
        reason=t('account.ledger.reason', lang),
        change=t('account.ledger.change', lang),
        balance=t('account.ledger.balance', lang),
        empty=t('account.ledger.empty', lang),
    )
    with ui.card().classes('w-full gap-2'):
        ui.label(t('account.ledger', lang)).classes('text-subtitle2 opacity-80')
        LedgerTable(rows=[_ledger_row(e, lang) for e in entries], pages=pages, labels=labels, load_page=load_page)


def _ledger_row(entry: CreditEntry, lang: str) -> LedgerRow:
    assert entry.id is not None
    reason = t(f'ledger.reason.{entry.reason}', lang)
    if entry.generation_id:
        reason = f'{reason} #{entry.generation_id}'
    return LedgerRow(
        id=entry.id,
        when=entry.created_at.strftime('%Y-%m-%d %H:%M'),
        reason=reason,
        change=f'{entry.delta:+d}',
        balance=entry.balance_after,
    )


def _profile_card(services: Services, user: User, lang: str) -> None:
    assert user.id is not None
    user_id = user.id

    async def save_name() -> None:
        try:
            name_input.value = await services.accounts.set_display_name(user_id, name_input.value or '')
        except InvalidRequest as e:
            ui.notify(e.message(lang), type='negative')
            return
        ui.notify(t('account.saved', lang), type='positive')

    with ui.card().classes('w-full gap-2'):
        ui.label(t('account.profile', lang)).classes('text-subtitle2 opacity-80')
        ui.input(t('account.email', lang), value=user.email).props('readonly outlined dense').classes('w-full')
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            name_input = (
                ui.input(t('account.display_name', lang), value=user.display_name)
                .props('maxlength=120 outlined dense')
                .classes('grow')
                .mark('display-name')
            )
            ui.button(t('account.save', lang), on_click=save_name).props('unelevated').mark('save-name')


def _preferences_card(services: Services, user: User, lang: str) -> None:
    assert user.id is not None
    user_id = user.id
    themes = {
        'auto': t('account.theme.auto', lang),
        'light': t('account.theme.light', lang),
        'dark': t('account.theme.dark', lang),
    }
    current = 'auto' if user.dark_mode is None else 'dark' if user.dark_mode else 'light'

    async def change_language(code: str) -> None:
        if code in LANGUAGES and code != lang:
            await services.accounts.set_locale(user_id, code)
            ui.navigate.to('/account')  # the page is rendered in the account's language

    async def change_theme(choice: str) -> None:
        value = None if choice == 'auto' else choice == 'dark'
        await services.accounts.set_dark_mode(user_id, value)
        user.dark_mode = value
        theme = current_theme()
        if theme is not None:
            theme.value = value

    async def save_colours() -> None:
        try:
            saved = await services.accounts.set_brand_colors(user_id, [c.value for c in colour_inputs])
        except InvalidRequest as e:
            colour_error.set_text(e.message(lang))
            colour_error.set_visibility(True)
            return
        colour_error.set_visibility(False)
        for field, value in zip(colour_inputs, saved + [''] * 3, strict=False):
            field.value = value
        ui.notify(t('account.saved', lang), type='positive')

    with ui.card().classes('w-full gap-2'):
        ui.label(t('account.preferences', lang)).classes('text-subtitle2 opacity-80')
        ui.select(
            dict(LANGUAGE_NAMES),
            value=lang,
            label=t('account.language', lang),
            on_change=lambda e: change_language(e.value),
        ).props('outlined dense').classes('w-full').mark('language-select')
        ui.select(
            themes, value=current, label=t('account.theme', lang), on_change=lambda e: change_theme(e.value)
        ).props('outlined dense').classes('w-full').mark('theme-select')
        ui.label(t('account.brand', lang)).classes('text-subtitle2 q-mt-sm')
        ui.label(t('account.brand.hint', lang)).classes('text-caption opacity-80')
        colours = [*user.brand_colors, '', '', ''][:3]
        colour_inputs = [
            ui.color_input(t('account.brand.color', lang, n=i + 1), value=colour, preview=True)
            .props('outlined dense maxlength=7')
            .classes('w-full')
            .mark(f'brand-color-{i + 1}')
            for i, colour in enumerate(colours)
        ]
        colour_error = ui.label().classes('routix-error').mark('brand-error')
        colour_error.set_visibility(False)
        ui.button(t('account.save', lang), on_click=save_colours).props('unelevated').mark('save-colours')


def _security_card(services: Services, user: User, lang: str) -> None:
    assert user.id is not None
    user_id = user.id

    async def sign_out_everywhere() -> None:
        dialog.close()
        await services.accounts.end_all_sessions(user_id)
        ui.navigate.to('/login')

    with ui.dialog() as dialog, ui.card():
        ui.label(t('account.signout_all.confirm', lang))
        with ui.row().classes('justify-end w-full'):
            ui.button(t('common.cancel', lang), on_click=dialog.close).props('flat')
            ui.button(t('account.signout_all', lang), on_click=sign_out_everywhere).props(
                'unelevated color=negative'
            ).mark('confirm-signout-all')
    with ui.card().classes('w-full gap-2'):
        ui.label(t('account.security', lang)).classes('text-subtitle2 opacity-80')
        ui.label(t('account.signout_all.hint', lang)).classes('text-caption')
        ui.button(t('account.signout_all', lang), icon='logout', on_click=dialog.open).props(
            'outline color=negative'
        ).classes('self-start').mark('signout-all')
