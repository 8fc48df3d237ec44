"""The account page's care cards: change password, change email (with verification), download my data, delete my
account; and GET /export/account.zip, the signed-in creator's own data (anyone else: 404, by the auth gate).

Every change asks for the current password again. The cards call the recovery facade, never the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from nicegui import app, ui

from routix.accounts.recovery import RecoveryService
from routix.core.errors import AuthError, NotFound
from routix.i18n import t
from routix.models import User

from .auth_routes import AUTH_KEY
from .media import HEADERS, not_found
from .shell import base_url

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the export route."""
    recovery = services.recovery

    @app.get('/export/account.zip', include_in_schema=False)
    async def account_zip(request: Request) -> Response:
        user_id = getattr(request.state, 'user_id', None)
        if user_id is None:
            return not_found()
        headers = dict(HEADERS) | {'Content-Disposition': 'attachment; filename="routix-my-data.zip"'}
        headers['Cache-Control'] = 'no-store'
        return StreamingResponse(recovery.export_zip(user_id=user_id), media_type='application/zip', headers=headers)


def care_cards(services: Services, request: Request, user: User, lang: str) -> None:
    """The cards below the security card of /account."""
    recovery = services.recovery
    link_base = base_url(services, request)
    session_token = request.session.get(AUTH_KEY)
    assert user.id is not None
    user_id = user.id
    with ui.grid().classes('w-full gap-4 grid-cols-1 md:grid-cols-2'):
        _password_card(recovery, user_id, session_token, lang, has_password=bool(user.password_hash))
        _email_card(services, recovery, user, link_base, lang)
    with ui.grid().classes('w-full gap-4 grid-cols-1 md:grid-cols-2'):
        _data_card(lang)
        _delete_card(recovery, user_id, lang, has_password=bool(user.password_hash))


def _password_card(
    recovery: RecoveryService, user_id: int, session_token: object, lang: str, *, has_password: bool
) -> None:
    async def change() -> None:
        try:
            await recovery.change_password(
                user_id=user_id,
                current=current.value or '',
                new=new.value or '',
                keep_session=session_token if isinstance(session_token, str) else None,
            )
        except AuthError as e:
            _show(error, e.message(lang))
            return
        error.set_visibility(False)
        current.value = new.value = ''
        ui.notify(t('care.password_changed', lang), type='positive')

    with ui.card().classes('w-full gap-2'):
        ui.label(t('care.password', lang)).classes('text-subtitle2 opacity-80')
        if not has_password:
            ui.label(t('care.no_password', lang)).classes('text-caption')
            return
        current = _secret(t('care.current_password', lang), 'current-password', 'current-password')
        new = _secret(t('care.new_password', lang), 'new-password', 'new-password')
        ui.label(t('register.password_hint', lang)).classes('text-caption opacity-80')
        error = _error('password-error')
        ui.button(t('care.change_password', lang), on_click=change).props('unelevated').mark('change-password')


def _email_card(services: Services, recovery: RecoveryService, user: User, link_base: str, lang: str) -> None:
    assert user.id is not None
    user_id = user.id

    async def change() -> None:
        try:
            saved = await recovery.change_email(
                user_id=user_id, password=password.value or '', new_email=address.value or '', base_url=link_base
            )
        except AuthError as e:
            _show(error, e.message(lang))
            return
        error.set_visibility(False)
        password.value = ''
        address.value = saved
        status.set_text(t('care.unverified', lang))
        ui.notify(t('care.email_changed', lang), type='positive')

    async def send_link() -> None:
        try:
            sent_to = await recovery.send_verification(user_id=user_id, base_url=link_base)
        except (AuthError, NotFound) as e:
            _show(error, e.message(lang))
            return
        error.set_visibility(False)
        ui.notify(t('care.verification_sent', lang, email=sent_to), type='positive')

    with ui.card().classes('w-full gap-2'):
        ui.label(t('care.email', lang)).classes('text-subtitle2 opacity-80')
        verified = user.email_verified_at is not None
        status = ui.label(t('care.verified' if verified else 'care.unverified', lang)).classes('text-caption')
        status.mark('email-status')
        if not verified and services.settings.require_email_verification:
            ui.label(t('care.verification_required', lang)).classes('routix-error').mark('verification-required')
        address = (
            ui.input(t('care.new_email', lang), value=user.email)
            .props('type=email autocomplete=email maxlength=320 outlined dense')
            .classes('w-full')
            .mark('new-email')
        )
        password = _secret(t('care.current_password', lang), 'current-password', 'email-password')
        error = _error('email-error')
        with ui.row().classes('gap-2'):
            ui.button(t('care.change_email', lang), on_click=change).props('unelevated').mark('change-email')
            if not verified:
                if recovery.can_mail:
                    ui.button(t('care.send_verification', lang), on_click=send_link).props('outline').mark(
                        'send-verification'
                    )
                else:
                    ui.label(t('care.no_mail', lang)).classes('text-caption')


def _data_card(lang: str) -> None:
    with ui.card().classes('w-full gap-2'):
        ui.label(t('care.data', lang)).classes('text-subtitle2 opacity-80')
        ui.label(t('care.export.hint', lang)).classes('text-caption')
        button = ui.button(t('care.export', lang), icon='download').props('outline').classes('self-start')
        button.props['href'] = '/export/account.zip'
        button.mark('export-data')


def _delete_card(recovery: RecoveryService, user_id: int, lang: str, *, has_password: bool) -> None:
    async def delete() -> None:
        try:
            await recovery.delete_account(user_id=user_id, password=password.value or '')
        except AuthError as e:
            _show(error, e.message(lang))
            return
        dialog.close()
        ui.navigate.to('/login')

    with ui.dialog() as dialog, ui.card().classes('gap-2'):
        ui.label(t('care.delete.confirm', lang))
        password = _secret(t('care.current_password', lang), 'current-password', 'delete-password')
        error = _error('delete-error')
        with ui.row().classes('justify-end w-full'):
            ui.button(t('common.cancel', lang), on_click=dialog.close).props('flat')
            ui.button(t('care.delete.submit', lang), on_click=delete).props('unelevated color=negative').mark(
                'confirm-delete'
            )
    with ui.card().classes('w-full gap-2'):
        ui.label(t('care.delete', lang)).classes('text-subtitle2 opacity-80')
        ui.label(t('care.delete.hint', lang)).classes('text-caption')
        if not has_password:
            ui.label(t('care.no_password', lang)).classes('text-caption')
            return
        ui.button(t('care.delete', lang), icon='delete_forever', on_click=dialog.open).props(
            'outline color=negative'
        ).classes('self-start').mark('delete-account')


def _secret(label: str, autocomplete: str, marker: str) -> ui.input:
    return (
        ui.input(label, password=True, password_toggle_button=True)
        .props(f'autocomplete={autocomplete} maxlength=256 outlined dense')
        .classes('w-full')
        .mark(marker)
    )


def _error(marker: str) -> ui.label:
    label = ui.label().classes('routix-error').mark(marker)
    label.set_visibility(False)
    return label


def _show(label: ui.label, text: str) -> None:
    label.set_text(text)
    label.set_visibility(True)
