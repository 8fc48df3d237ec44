"""The template browser: the grid, filters, search, previews, and starting a chat with a template."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nicegui import ElementFilter, ui
from nicegui.testing import User

from routix.design.catalog import TemplateCatalog
from routix.design.previews import preview_bytes, preview_path, preview_url
from routix.design.templates import TemplateSpec
from tests.helpers.pages import marked, visible

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')


def cards(user: User) -> list[ui.element]:
    """The template cards currently on the page."""
    with user:
        return list(ElementFilter(marker='template-card', only_visible=True, local_scope=False))


def choose(user: User, marker: str, value: str) -> None:
    """Pick ``value`` in the select marked ``marker`` (what clicking an option does)."""
    (select,) = user.find(marker=marker).elements
    assert isinstance(select, ui.select) and value in select.options
    with user:
        select.set_value(value)


async def test_the_grid_shows_every_template_with_a_lazy_preview(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/templates')
    await user.should_see(marker='template-card')
    shown = cards(user)
    assert len(shown) >= 24
    assert len(shown) == len(TemplateCatalog.load().specs)
    await user.should_see(f'{len(shown)} templates')
    previews = user.find(marker='template-preview').elements
    assert all(isinstance(p, ui.image) and p.source.startswith('/template-preview/') for p in previews)
    assert all(p.props.get('loading') == 'lazy' for p in previews)


async def test_the_category_filter_narrows_the_grid(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/templates')
    await user.should_see(marker='template-card')
    everything = len(cards(user))
    choose(user, 'filter-category', 'gaming')
    gaming = cards(user)
    assert 0 < len(gaming) < everything
    slugs = [spec.slug for spec in TemplateCatalog.load().specs if spec.category == 'gaming']
    assert {card for slug in slugs for card in visible(user, f'template-card template-{slug}')} == set(gaming)
    choose(user, 'filter-style', 'neon')
    assert 0 < len(cards(user)) <= len(gaming)


async def test_search_finds_by_name_persian_name_tag_and_slug(user: User, sign_up: SignUp) -> None:
    spec = TemplateCatalog.load().by_slug['gaming-neon-burst']
    await sign_up(user)
    await user.open('/templates')
    await user.should_see(marker='template-card')
    search = user.find(marker='template-search')
    for needle in (spec.name, spec.name.upper(), spec.name_fa, spec.slug):
        search.clear().type(needle)
        found = cards(user)
        assert found, needle
        assert set(visible(user, 'template-card template-gaming-neon-burst')) & set(found), needle
    search.clear().type('neon burst')
    assert visible(user, 'template-card template-gaming-neon-burst')


async def test_no_match_shows_the_empty_state_and_clearing_brings_the_grid_back(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/templates')
    await user.should_see(marker='template-card')
    everything = len(cards(user))
    user.find(marker='template-search').type('no-such-template-anywhere')
    await user.should_see('No template matches these filters.')
    assert cards(user) == []
    user.find(marker='clear-filters').click()
    await user.should_not_see('No template matches these filters.')
    assert len(cards(user)) == everything


async def test_use_this_template_starts_a_chat_with_it_pinned(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/templates')
    await user.should_see(marker='use-cooking-sunny-stripes')
    user.find(marker='use-cooking-sunny-stripes').click()
    await user.should_see(marker='pinned-template')
    await user.should_see('Template: Sunny Stripes')
    # a gaming prompt would never pick a cooking template on its own: the pin wins
    user.find(marker='composer').type('Gaming video "EPIC WIN" neon purple')
    user.find(marker='send').click()
    await user.should_see(marker='proposal')
    (proposal,) = user.find(marker='proposal').elements
    matches = marked(proposal, 'match')
    assert marked(proposal, 'match match-cooking-sunny-stripes') == matches[:1]
    assert len(matches) == 3


async def test_an_unknown_template_in_the_link_is_refused_politely(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/?template=not-a-template')
    await user.should_see('There is no template called “not-a-template”.')
    await user.should_not_see(marker='pinned-template')


async def test_previews_are_rendered_once_cached_and_only_for_known_slugs(
    user: User, sign_up: SignUp, _isolated_env: Path
) -> None:
    await sign_up(user)
    response = await user.http_client.get('/template-preview/gaming-neon-burst.webp')
    assert response.status_code == 200
    assert response.headers['content-type'] == 'image/webp'
    assert response.content[:4] == b'RIFF' and response.content[8:12] == b'WEBP'
    (cached,) = (_isolated_env / 'previews').glob('gaming-neon-burst-*.webp')
    assert cached.read_bytes() == response.content
    again = await user.http_client.get('/template-preview/gaming-neon-burst.webp')
    assert again.content == response.content
    for bad in ('no-such-slug', '..%2F..%2Fetc%2Fpasswd', 'GAMING-NEON-BURST'):
        assert (await user.http_client.get(f'/template-preview/{bad}.webp')).status_code == 404


@pytest.mark.usefixtures('nicegui_runtime')
async def test_concurrent_requests_share_one_render_and_a_changed_spec_gets_a_new_file(tmp_path: Path) -> None:
    spec = TemplateCatalog.load().by_slug['tech-neon-circuit']
    first, second, third = await asyncio.gather(*(preview_bytes(spec, tmp_path) for _ in range(3)))
    assert first == second == third
    assert [p.name for p in (tmp_path / 'previews').iterdir()] == [preview_path(spec, tmp_path).name]
    changed = TemplateSpec.from_dict({**spec.to_dict(), 'palette': ['#000000', '#ffffff']})
    assert preview_path(changed, tmp_path) != preview_path(spec, tmp_path)
    assert preview_url(changed) != preview_url(spec)
