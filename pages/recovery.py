"""/forgot, /reset and /verify: the one-time links by mail, as plain HTML forms that POST to /auth/forgot,
/auth/reset and /auth/verify (CSRF-checked; the outcome comes back in the query string, never the typed address).

``/forgot`` answers the same whether or not the address has an account. ``/reset`` and ``/verify`` show a form
first and spend the link only on its POST, so a mail scanner that fetches the link does not use it up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from routix.core.errors import CODES, AuthError
from routix.i18n import pick_language, t

from . import account_care
from .auth_routes import AUTH_KEY, LANG_KEY, client_ip, csrf_token, csrf_valid
from .shell import base_url, hidden_input, language_links, page_setup

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the pages and their POST routes."""
    recovery = services.recovery
    account_care.register(services)  # GET /export/account.zip

    @ui.page('/forgot', title='Routix · Forgot password')
    def forgot_page(request: Request) -> None:
        with _card(request, 'forgot.title') as lang:
            if not recovery.can_mail:
                ui.label(t('forgot.no_mail', lang)).mark('no-mail')
            elif request.query_params.get('sent'):
                ui.label(t('forgot.sent', lang)).mark('forgot-sent')
            else:
                _error_shown(request, lang)
                ui.label(t('forgot.hint', lang)).classes('text-caption')
                with _form(request, '/auth/forgot', 'forgot-form'):
                    ui.input(t('auth.email', lang)).props(
                        'name=email type=email autocomplete=email maxlength=320 required outlined'
                    ).mark('email')
                    _submit(t('forgot.submit', lang))
            ui.link(t('forgot.back', lang), '/login').classes('self-center').mark('back-to-login')

    @ui.page('/reset', title='Routix · New password')
    async def reset_page(request: Request) -> None:
        token = request.query_params.get('token', '')
        with _card(request, 'reset.title') as lang:
            if request.query_params.get('done'):
                ui.label(t('reset.done', lang)).mark('reset-done')
                ui.link(t('login.submit', lang), '/login').classes('self-center').mark('back-to-login')
                return
            if not _error_shown(request, lang) and token:
                try:
                    await recovery.check_link(token=token, purpose='reset', client_ip=client_ip(request))
                except AuthError as e:
                    ui.label(e.message(lang)).classes('routix-error').mark('auth-error')
                    token = ''
            if not token:
                ui.link(t('reset.again', lang), '/forgot').classes('self-center').mark('ask-again')
                return
            with _form(request, '/auth/reset', 'reset-form'):
                hidden_input('token', token)
                ui.input(t('care.new_password', lang), password=True, password_toggle_button=True).props(
                    'name=password autocomplete=new-password maxlength=256 required outlined'
                ).mark('password')
                ui.label(t('register.password_hint', lang)).classes('text-caption opacity-80')
                _submit(t('reset.submit', lang))

    @ui.page('/verify', title='Routix · Confirm email')
    async def verify_page(request: Request) -> None:
        token = request.query_params.get('token', '')
        with _card(request, 'verify.title') as lang:
            if request.query_params.get('done'):
                ui.label(t('verify.done', lang)).mark('verify-done')
                ui.link('Routix', '/').classes('self-center')
                return
            if _error_shown(request, lang) or not token:
                return
            try:
                await recovery.check_link(token=token, purpose='verify', client_ip=client_ip(request))
            except AuthError as e:
                ui.label(e.message(lang)).classes('routix-error').mark('auth-error')
                return
            ui.label(t('verify.hint', lang)).classes('text-caption')
            with _form(request, '/auth/verify', 'verify-form'):
                hidden_input('token', token)
                _submit(t('verify.submit', lang))

    @app.post('/auth/forgot', include_in_schema=False)
    async def forgot(request: Request) -> RedirectResponse:
        form = await _fields(request)
        if not csrf_valid(request, form.get('csrf')):
            return _to('/forgot', error='csrf')
        try:
            await recovery.request_reset(
                email=form.get('email', ''), client_ip=client_ip(request), base_url=base_url(services, request)
            )
        except AuthError as e:
            return _to('/forgot', error=_reason(e), minutes=e.params.get('minutes', 0))
        return _to('/forgot', sent=1)

    @app.post('/auth/reset', include_in_schema=False)
    async def reset(request: Request) -> RedirectResponse:
        form = await _fields(request)
        token = form.get('token', '')[:200]
        if not csrf_valid(request, form.get('csrf')):
            return _to('/reset', token=token, error='csrf')
        try:
            await recovery.reset_password(token=token, password=form.get('password', ''), client_ip=client_ip(request))
        except AuthError as e:
            keep = token if e.code.startswith('auth.password') else ''  # a weak password leaves the link usable
            return _to('/reset', token=keep, error=_reason(e), minutes=e.params.get('minutes', 0))
        request.session.pop(AUTH_KEY, None)  # this browser's session ended with all the others
        return _to('/reset', done=1)

    @app.post('/auth/verify', include_in_schema=False)
    async def verify(request: Request) -> RedirectResponse:
        form = await _fields(request)
        token = form.get('token', '')[:200]
        if not csrf_valid(request, form.get('csrf')):
            return _to('/verify', token=token, error='csrf')
        try:
            await recovery.verify_email(token=token, client_ip=client_ip(request))
        except AuthError as e:
            return _to('/verify', error=_reason(e), minutes=e.params.get('minutes', 0))
        return _to('/verify', done=1)


class _card:
    """The sign-in pages' centred card with a title; yields the page language."""

    def __init__(self, request: Request, title: str) -> None:
        self.request = request
        self.title = title
        self._column: Any = None

    def __enter__(self) -> str:
        request = self.request
        lang = pick_language(request.session.get(LANG_KEY))
        page_setup(lang, dark=None)
        self._column = ui.column().classes('routix-auth-page w-full items-center justify-center q-pa-md gap-4')
        self._column.__enter__()
        ui.link('Routix', '/login').classes('routix-auth-logo')
        self._card = ui.card().classes('routix-auth-card q-pa-lg gap-3')
        self._card.__enter__()
        ui.label(t(self.title, lang)).classes('text-h6')
        self.lang = lang
        return lang

    def __exit__(self, *exc: object) -> None:
        self._card.__exit__(*exc)
        here = self.request.url.path  # the language switch comes back without the token in the URL's history
        language_links(self.lang, here)
        self._column.__exit__(*exc)


def _form(request: Request, action: str, marker: str) -> ui.element:
    form = ui.element('form').props(f'action={action} method=post').classes('routix-form').mark(marker)
    with form:
        hidden_input('csrf', csrf_token(request))
    return form


def _submit(label: str) -> None:
    ui.button(label).props('type=submit unelevated color=primary').classes('w-full').mark('submit')


def _error_shown(request: Request, lang: str) -> bool:
    """Show the ``error`` reason of the query string (an AuthError's code ``auth.<reason>``); whether there was one."""
    code = f'auth.{request.query_params.get("error", "")}'
    if code not in CODES:
        return False
    try:
        minutes = min(max(int(request.query_params.get('minutes', '15')), 1), 15)
    except ValueError:
        minutes = 15
    ui.label(t(f'error.{code}', lang, minutes=minutes)).classes('routix-error').mark('auth-error')
    return True


def _reason(error: AuthError) -> str:
    return error.code.removeprefix('auth.')


def _to(page: str, **query: object) -> RedirectResponse:
    kept = {key: value for key, value in query.items() if value}
    return RedirectResponse(f'{page}?{urlencode(kept)}' if kept else page, status_code=303)


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form(max_files=0, max_fields=10)
    return {key: value for key, value in form.items() if isinstance(value, str)}
