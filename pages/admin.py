"""/admin: the admin console (accounts, credits, plans, live operations). Everyone but a live admin gets a 404.

A small ASGI gate answers /admin with the same 404 as a path that does not exist unless the session is an admin's
(signed in or not: the console's existence is not revealed), before NiceGUI builds anything; the page checks again
and the AdminService checks on every call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response
from nicegui import Client, app, ui
from starlette.types import ASGIApp, Receive, Scope, Send

from routix.admin.service import AccountRow
from routix.core.errors import RoutixError
from routix.i18n import pick_language, t

from .auth_routes import AUTH_KEY
from .shell import frame, signed_in_user

if TYPE_CHECKING:
    from routix.core.services import Services

PATH = '/admin'
REFRESH_SECONDS = 5.0


def register(services: Services) -> None:
    """Add the gate and the /admin page."""
    app.add_middleware(AdminGate, services=services)

    @ui.page(PATH, title='Routix · Admin')
    async def admin_page(request: Request) -> Response | None:
        user = await signed_in_user(services, request)
        if not await services.admin.is_admin(user.id):
            return not_found()
        assert user.id is not None
        Console(services, actor_id=user.id, lang=pick_language(user.locale), user=user)
        return None


def not_found() -> Response:
    """The answer for everyone who is not an admin."""
    return PlainTextResponse('Not Found', status_code=404, headers={'X-Content-Type-Options': 'nosniff'})


class AdminGate:
    """Pure ASGI middleware: /admin and below answer 404 unless the session belongs to a live admin."""

    def __init__(self, app: ASGIApp, *, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get('path', '')
        if scope['type'] == 'http' and (path == PATH or path.startswith(PATH + '/')):
            await self.services.ready.wait()
            token = scope.get('session', {}).get(AUTH_KEY)
            user = await self.services.accounts.user_for_session(token) if token else None
            if user is None or not await self.services.admin.is_admin(user.id):
                await not_found()(scope, receive, send)
                return
        await self.app(scope, receive, send)


class Console:
    """The console of one admin's tab."""

    def __init__(self, services: Services, *, actor_id: int, lang: str, user: object) -> None:
        self.services = services
        self.admin = services.admin
        self.actor_id = actor_id
        self.lang = lang
        self.page = 1
        self.plans = [plan.name for plan in services.plans.plans]
        with frame(services=services, user=user, active='admin'):  # type: ignore[arg-type]
            ui.label(t('admin.title', lang)).classes('text-h5')
            self.operations = ui.column().classes('w-full gap-2').mark('admin-operations')
            self._providers_card()
            with ui.card().classes('w-full gap-2'):
                ui.label(t('admin.accounts', lang)).classes('text-subtitle2 opacity-80')
                self.query = ui.input(t('admin.search', lang)).props('outlined dense clearable').classes('w-full')
                self.query.mark('admin-search').on('keydown.enter', self.show_accounts)
                ui.button(t('admin.search_button', lang), on_click=self.show_accounts).mark('admin-search-button')
                self.accounts = ui.column().classes('w-full gap-1').mark('admin-accounts')
        ui.timer(REFRESH_SECONDS, self.show_operations)  # live numbers; the accounts list refreshes on actions only
        ui.timer(0, self.show_accounts, once=True)
        ui.timer(0, self.show_operations, once=True)

    async def show_operations(self) -> None:
        """Read and show the live load."""
        tabs = sum(1 for client in Client.instances.values() if client.has_socket_connection)
        ops = await self.admin.operations(actor_id=self.actor_id, connected_tabs=tabs)
        lang = self.lang
        self.operations.clear()
        with self.operations, ui.card().classes('w-full gap-2'):
            ui.label(t('admin.operations', lang)).classes('text-subtitle2 opacity-80')
            with ui.row().classes('gap-6'):
                for key, value in (
                    ('tabs', ops.connected_tabs),
                    ('queued', ops.queued),
                    ('running', ops.running),
                    ('per_minute', ops.jobs_per_minute),
                    ('fallbacks', ops.fallbacks),
                    ('storage', f'{ops.stored_bytes / 1024 / 1024:.1f} MB'),
                    ('accounts_count', ops.accounts),
                ):
                    ui.label(f'{t(f"admin.ops.{key}", lang)}: {value}').mark(f'ops-{key}')
            if ops.failures:
                ui.label(t('admin.failures', lang)).classes('text-subtitle2')
                for failure in ops.failures:
                    ui.label(f'{failure.provider} · {failure.reason}: {failure.count}').mark('ops-failure')
            else:
                ui.label(t('admin.no_failures', lang)).mark('ops-no-failures')

    def _providers_card(self) -> None:
        lang = self.lang
        with ui.card().classes('w-full gap-2'):
            ui.label(t('admin.providers', lang)).classes('text-subtitle2 opacity-80')
            results = ui.column().classes('gap-1')

            async def check() -> None:
                button.disable()
                try:
                    statuses = await self.admin.provider_health(actor_id=self.actor_id)
                finally:
                    button.enable()
                results.clear()
                with results:
                    for s in statuses:
                        state = 'off' if not s.configured else 'ok' if s.ok else 'failed'
                        ui.label(f'{s.name}: {t(f"admin.provider.{state}", lang)} {s.detail}').mark('provider-status')

            button = ui.button(t('admin.check_providers', lang), on_click=check).mark('check-providers')

    async def show_accounts(self) -> None:
        """List the accounts matching the search, each with its actions."""
        rows, pages = await self.admin.search(actor_id=self.actor_id, query=self.query.value or '', page=self.page)
        lang = self.lang
        self.accounts.clear()
        with self.accounts:
            if not rows:
                ui.label(t('admin.no_accounts', lang)).mark('admin-no-accounts')
            for row in rows:
                self._account(row)
            if pages > 1:
                ui.pagination(1, pages, value=self.page, on_change=self._turn).mark('admin-pages')

    async def _turn(self, event: object) -> None:
        self.page = int(getattr(event, 'value', 1) or 1)
        await self.show_accounts()

    def _account(self, row: AccountRow) -> None:
        lang = self.lang
        seen = row.last_seen_at.strftime('%Y-%m-%d %H:%M') if row.last_seen_at else t('admin.never', lang)
        with ui.row().classes('w-full items-center gap-3 q-py-xs').mark(f'account account-{row.email}'):
            ui.label(row.email).classes('text-weight-medium').mark('account-email')
            ui.label(t(f'tier.{row.tier}', lang)).mark('account-tier')
            ui.label(f'{t("admin.credits", lang)}: {row.credits}').mark('account-credits')
            ui.label(f'{t("admin.last_seen", lang)}: {seen}').classes('opacity-80')
            if row.role == 'admin':
                ui.badge(t('admin.role_admin', lang)).mark('account-admin')
            if row.disabled:
                ui.badge(t('admin.disabled', lang), color='negative').mark('account-disabled')
            plan = ui.select(
                self.plans, value=row.plan if row.plan in self.plans else None, label=t('admin.plan', lang)
            )
            plan.props('dense outlined').classes('w-32').mark('account-plan')
            plan.on_value_change(lambda e, r=row: self._act(self.admin.change_plan, r, plan=str(e.value)))
            ui.button(t('admin.grant', lang), on_click=lambda r=row: self._grant_dialog(r)).props('flat dense').mark(
                'account-grant'
            )
            toggle = 'admin.enable' if row.disabled else 'admin.disable'
            ui.button(
                t(toggle, lang),
                on_click=lambda r=row: self._act(self.admin.set_disabled, r, disabled=not r.disabled),
            ).props('flat dense').mark('account-toggle')
            ui.button(t('admin.delete', lang), on_click=lambda r=row: self._delete_dialog(r)).props(
                'flat dense color=negative'
            ).mark('account-delete')

    async def _act(self, action: object, row: AccountRow, **values: object) -> None:
        try:
            await action(actor_id=self.actor_id, user_id=row.id, **values)  # type: ignore[operator]
        except RoutixError as e:
            ui.notify(e.message(self.lang), type='negative')
            return
        ui.notify(t('admin.done', self.lang), type='positive')
        await self.show_accounts()

    def _grant_dialog(self, row: AccountRow) -> None:
        lang = self.lang
        with ui.dialog() as dialog, ui.card().classes('gap-2').mark('grant-dialog'):
            ui.label(t('admin.grant_to', lang, email=row.email))
            amount = ui.number(t('admin.amount', lang), value=10, precision=0).mark('grant-amount')
            reason = ui.input(t('admin.reason', lang)).props('maxlength=200').mark('grant-reason')

            async def grant() -> None:
                await self._act(self.admin.grant, row, amount=int(amount.value or 0), reason=reason.value or '')
                dialog.close()

            ui.button(t('admin.grant', lang), on_click=grant).mark('grant-confirm')
        dialog.open()

    def _delete_dialog(self, row: AccountRow) -> None:
        lang = self.lang
        with ui.dialog() as dialog, ui.card().classes('gap-2').mark('delete-dialog'):
            ui.label(t('admin.delete_confirm', lang, email=row.email))

            async def delete() -> None:
                await self._act(self.admin.delete, row)
                dialog.close()

            ui.button(t('admin.delete', lang), on_click=delete).props('color=negative').mark('delete-confirm')
        dialog.open()
