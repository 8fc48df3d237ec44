"""/login and /register: cards with real HTML forms that POST to the /auth routes (so the cookie rotates)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import Request
from nicegui import ui

from routix.accounts.oauth import configured_providers
from routix.core.errors import CODES
from routix.i18n import pick_language, t

from .auth_routes import FLASH_EMAIL_KEY, FLASH_NAME_KEY, LANG_KEY, csrf_token, safe_next
from .shell import hidden_input, language_links, page_setup

if TYPE_CHECKING:
    from routix.core.services import Services


def register(services: Services) -> None:
    """Add the /login and /register pages."""

    @ui.page('/login', title='Routix · Sign in')
    def login_page(request: Request) -> None:
        _auth_page(services, request, register=False)

    @ui.page('/register', title='Routix · Create account')
    def register_page(request: Request) -> None:
        _auth_page(services, request, register=True)


def _auth_page(services: Services, request: Request, *, register: bool) -> None:
    lang = pick_language(request.session.get(LANG_KEY))
    target = safe_next(request.query_params.get('next'))
    email = str(request.session.pop(FLASH_EMAIL_KEY, '') or '')[:320]
    name = str(request.session.pop(FLASH_NAME_KEY, '') or '')[:120]
    page_setup(lang, dark=None)
    here = request.url.path + (f'?{request.url.query}' if request.url.query else '')
    with ui.column().classes('routix-auth-page w-full items-center justify-center q-pa-md gap-4'):
        ui.link('Routix', '/login').classes('routix-auth-logo')
        ui.label(t('login.subtitle', lang)).classes('text-grey-7 text-center')
        with ui.card().classes('routix-auth-card q-pa-lg gap-3'):
            ui.label(t('register.title' if register else 'login.title', lang)).classes('text-h6')
            message = _error_message(request, lang)
            if message:
                ui.label(message).classes('routix-error').mark('auth-error')
            action = '/auth/register' if register else '/auth/login'
            with (
                ui.element('form')
                .props(f'action={action} method=post')
                .classes('routix-form')
                .mark('register-form' if register else 'login-form')
            ):
                hidden_input('csrf', csrf_token(request))
                hidden_input('next', target)
                if register:
                    ui.input(t('auth.display_name', lang), value=name).props(
                        'name=display_name autocomplete=name maxlength=120 outlined'
                    ).mark('display_name')
                ui.input(t('auth.email', lang), value=email).props(
                    'name=email type=email autocomplete=email maxlength=320 required outlined'
                ).mark('email')
                ui.input(t('auth.password', lang), password=True, password_toggle_button=True).props(
                    f'name=password autocomplete={"new-password" if register else "current-password"} '
                    'maxlength=256 required outlined'
                ).mark('password')
                if register:
                    ui.label(t('register.password_hint', lang)).classes('text-caption text-grey-7')
                    if services.settings.signup_credits > 0:
                        ui.label(t('register.signup_credits', lang, credits=services.settings.signup_credits)).classes(
                            'text-caption'
                        )
                ui.button(t('register.submit' if register else 'login.submit', lang)).props(
                    'type=submit unelevated color=primary'
                ).classes('w-full').mark('submit')
            providers = configured_providers(services.settings)
            if providers:
                ui.label(t('auth.or', lang)).classes('self-center text-grey-7')
                for key, label in providers:
                    button = (
                        ui.button(t('auth.continue_with', lang, provider=label))
                        .props('outline no-caps')
                        .classes('w-full')
                        .mark(f'oauth-{key}')
                    )
                    button.props['href'] = f'/auth/oauth/{key}?next={_quoted(target)}'
            if not register:
                ui.link(t('forgot.link', lang), '/forgot').classes('self-center').mark('forgot-link')
            other = '/login' if register else '/register'
            suffix = f'?next={_quoted(target)}' if target != '/' else ''
            ui.link(t('register.have_account' if register else 'login.no_account', lang), other + suffix).classes(
                'self-center'
            ).mark('switch-form')
        language_links(lang, here)


def _error_message(request: Request, lang: str) -> str:
    """The text of the ``error`` reason in the query string (an AuthError's code ``auth.<reason>``); unknown: none."""
    code = f'auth.{request.query_params.get("error", "")}'
    if code not in CODES:
        return ''
    try:
        minutes = min(max(int(request.query_params.get('minutes', '15')), 1), 15)
    except ValueError:
        minutes = 15
    return t(f'error.{code}', lang, minutes=minutes)


def _quoted(path: str) -> str:
    return quote(path, safe='')
