"""The frame of every signed-in page: one header (navigation, live credits, language, theme, sign-out) and the
content column. Sign-in pages use ``page_setup`` for the same stylesheet, direction and font.

    @ui.page('/history')
    async def history_page(request: Request) -> None:
        user = await signed_in_user(services, request)
        with frame(services=services, user=user, active='history'):
            ...
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import Request
from nicegui import app, ui

from components.composer import MESSAGE_ID
from components.credit_badge import CreditBadge
from components.tips import tip
from routix.i18n import LANGUAGE_NAMES, LANGUAGES, direction, pick_language, t
from routix.models import User

from .auth_routes import csrf_token
from .middleware import SignedOut

if TYPE_CHECKING:
    from routix.core.services import Services

ROOT = Path(__file__).resolve().parent.parent
CSS_FILE = ROOT / 'assets' / 'css' / 'routix.css'
A11Y_CSS_FILE = ROOT / 'assets' / 'css' / 'a11y.css'
FONT_DIR = ROOT / '.fonts' / 'npm' / 'node_modules' / 'vazirmatn' / 'fonts' / 'webfonts'
FONT_URL = '/fonts/vazirmatn'
TAILWIND_CSS = ROOT / '.css' / 'routix-tailwind.css'
"""Tailwind compiled by scripts/build_css.sh (``make setup``); without it NiceGUI runs Tailwind in the browser"""
TAILWIND_URL = '/_routix/tailwind.css'


def compiled_tailwind() -> bool:
    """True when the compiled Tailwind CSS is there (``ui.run(tailwind=not compiled_tailwind())``)."""
    return TAILWIND_CSS.is_file()


NAV: tuple[tuple[str, str], ...] = (
    ('studio', '/'),
    ('templates', '/templates'),
    ('history', '/history'),
    ('account', '/account'),
    ('billing', '/billing'),
)
ADMIN_NAV: tuple[str, str] = ('admin', '/admin')


def nav_for(user: User) -> tuple[tuple[str, str], ...]:
    """The header's links for ``user``: everyone's, and the console for admins (others never see it; /admin 404s)."""
    return (*NAV, ADMIN_NAV) if user.role == 'admin' else NAV


def register(services: Services) -> None:
    """The shared stylesheets for all pages (the compiled Tailwind when built), and Vazirmatn when the font package
    was installed (never committed)."""
    if compiled_tailwind():  # one cached file instead of a compiler re-scanning the page on every update
        app.add_static_file(local_file=TAILWIND_CSS, url_path=TAILWIND_URL)
        version = int(TAILWIND_CSS.stat().st_mtime)
        ui.add_head_html(f'<link rel="stylesheet" href="{TAILWIND_URL}?v={version}">', shared=True)
    ui.add_css(CSS_FILE, shared=True)
    ui.add_css(A11Y_CSS_FILE, shared=True)
    if (FONT_DIR / 'Vazirmatn[wght].woff2').is_file():
        app.add_static_files(FONT_URL, FONT_DIR)
        ui.add_css(
            "@font-face { font-family: 'Vazirmatn'; font-weight: 100 900; font-display: swap; "
            f"src: url('{FONT_URL}/Vazirmatn%5Bwght%5D.woff2') format('woff2'); }}",
            shared=True,
        )


def base_url(services: Services, request: Request) -> str:
    """Where links point (mails, payment returns): ROUTIX_BASE_URL, else the address this request came to."""
    return services.settings.base_url or str(request.base_url)


async def signed_in_user(services: Services, request: Request) -> User:
    """The signed-in user of this page request (the middleware guarantees a session; redirects if the row vanished)."""
    user = getattr(request.state, 'user', None)
    if isinstance(user, User):
        return user
    user_id = getattr(request.state, 'user_id', None)
    if user_id is not None:
        user = await services.accounts.get_user(user_id)
    if user is None:
        raise SignedOut  # answered with 303 /login by the handler installed in pages.middleware
    return user


@contextmanager
def frame(*, services: Services, user: User, active: str, row: bool = False) -> Iterator[ui.element]:
    """Build the header for ``user`` and yield inside the main content container (``active``: studio, templates,
    history or account; ``row``: a row instead of a column, for pages whose top level is side by side).

    Every element here is held in memory once per open tab, so the header is flat: plain links, attributes
    instead of tooltip elements, and the phone menu built on its first click. The first Tab stop is a skip link:
    to the message box in the studio, to the content elsewhere."""
    lang = pick_language(user.locale)
    request = ui.context.client.request
    dark = page_setup(lang, dark=user.dark_mode)
    with ui.header(elevated=False).classes('routix-header items-center gap-2 px-3 py-2 no-wrap'):
        studio = active == 'studio'
        skip = ui.link(t('a11y.skip_composer' if studio else 'a11y.skip_main', lang), f'#{MESSAGE_ID}')
        skip.classes('routix-skip').mark('skip-link')
        links = nav_for(user)
        _nav_menu(lang, links)
        ui.link('Routix', '/').classes('routix-logo').mark('logo')
        for key, path in links:
            ui.link(t(f'nav.{key}', lang), path).classes(
                'routix-nav gt-sm' + (' routix-nav-active' if key == active else '')
            ).mark(f'nav-{key}')
        badge = CreditBadge(balance=user.credits, label=t('header.credits', lang)).classes('ms-auto')
        _language_toggle(lang, _here(request))
        _theme_button(services, user, dark, lang)
        with ui.element('form').props('action=/auth/logout method=post').classes('q-ma-none').mark('logout-form'):
            # the submit button carries the CSRF token itself (a submitter's name=value is part of the form data)
            logout = ui.button(icon='logout').props('type=submit name=csrf flat round dense color=white')
            logout.props['value'] = csrf_token(request)
            tip(logout, t('header.logout', lang)).mark('logout csrf')

    assert user.id is not None
    services.accounts.credits_for(user.id).subscribe(badge.set_balance)  # dropped with the page
    content = ui.row(wrap=False) if row else ui.column()
    content.props['tabindex'] = '-1'  # the skip link's target outside the studio: focusable, not a Tab stop
    if not studio:
        skip.props['href'] = f'#{content.html_id}'
    with content.classes('routix-main w-full q-pa-md gap-4').props(f'dir={direction(lang)}').mark('content'):
        yield content


def page_setup(lang: str, *, dark: bool | None) -> ui.dark_mode:
    """Direction, language, font and theme of the current page; returns its dark-mode switch."""
    # a line in <head> rather than ui.query elements that would stay in memory for as long as the tab is open;
    # both values come from fixed sets (pick_language, direction), never from user input
    ui.add_head_html(
        f'<script>document.documentElement.lang = "{lang}"; document.documentElement.dir = "{direction(lang)}";'
        '</script>'
    )
    return ui.dark_mode(dark)


def current_theme() -> ui.dark_mode | None:
    """The dark-mode switch ``page_setup`` put on the current page."""
    return next((e for e in ui.context.client.elements.values() if isinstance(e, ui.dark_mode)), None)


def hidden_input(name: str, value: str) -> ui.element:
    """A hidden form field (the value is rendered as a property, HTML-escaped by NiceGUI)."""
    element = ui.element('input').mark(name)
    element.props.update({'type': 'hidden', 'name': name, 'value': value})
    return element


def language_links(lang: str, here: str) -> None:
    """Buttons to switch the interface language (small form POSTs with the CSRF token, so they work signed out)."""
    with ui.row().classes('gap-3 justify-center').mark('languages'):
        for code in LANGUAGES:
            if code != lang:
                language_form(code, here, props='flat no-caps color=primary')


def language_form(code: str, here: str, *, props: str) -> ui.button:
    """A form whose one button switches to ``code`` and comes back to ``here``; the button carries the CSRF token
    (a submitter's name=value is part of the form data), marked ``lang-<code>``."""
    form = ui.element('form').classes('q-ma-none')
    form.props.update({'action': _language_url(code, here), 'method': 'post'})
    with form:
        button = ui.button(LANGUAGE_NAMES[code]).props(f'type=submit name=csrf {props}')
        button.props.update({'value': csrf_token(ui.context.client.request), 'lang': code})
    return button.mark(f'lang-{code}')


def _nav_menu(lang: str, links: tuple[tuple[str, str], ...]) -> None:
    """The navigation at phone width: a menu button whose menu is built when it is first opened."""

    def build() -> None:
        if button.default_slot.children:
            return  # built already: the menu now opens and closes itself on every click
        with button, ui.menu() as menu:
            for key, path in links:
                ui.menu_item(t(f'nav.{key}', lang), on_click=lambda p=path: ui.navigate.to(p)).mark(f'menu-{key}')
        menu.open()

    button = ui.button(icon='menu', on_click=build).props('flat round dense color=white').classes('lt-md')
    tip(button, t('nav.menu', lang)).mark('nav-menu')


def _language_toggle(lang: str, here: str) -> None:
    """One button to the next language (a form POST that saves the choice and re-renders the page)."""
    code = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    button = language_form(code, here, props='flat no-caps dense color=white icon=translate')
    # the name includes the visible word (the other language's name), as speech input expects
    label = f'{t("header.language", lang)}: {LANGUAGE_NAMES[code]}'
    tip(button.classes('routix-language'), label).mark('language', f'lang-{code}')


def _theme_button(services: Services, user: User, dark: ui.dark_mode, lang: str) -> None:
    async def toggle() -> None:
        dark.value = not dark.value  # auto (None) counts as light
        button.props(f'icon={_theme_icon(dark.value)}')
        assert user.id is not None
        await services.accounts.set_dark_mode(user.id, dark.value)
        user.dark_mode = dark.value

    button = ui.button(icon=_theme_icon(dark.value), on_click=toggle).props('flat round dense color=white')
    tip(button, t('header.theme', lang)).mark('theme')


def _theme_icon(dark: bool | None) -> str:
    return 'light_mode' if dark else 'dark_mode'


def _here(request: Request) -> str:
    return request.url.path + (f'?{request.url.query}' if request.url.query else '')


def _language_url(code: str, here: str) -> str:
    return f'/auth/lang/{code}?next={quote(here, safe="")}'
