"""The layout holds: subsystems in packages, small modules, imports that run one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob('*.py') if 'versions' not in p.parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports, absolute (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f'{node.module}.{alias.name}' for alias in node.names)
    return found


def _is_data(path: Path) -> bool:
    return path.stem.endswith('_data') or 'i18n' in path.parts


@pytest.mark.parametrize('path', _modules('routix', 'pages', 'components'), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text().splitlines())
    assert _is_data(path) or lines <= MAX_LINES, f'{lines} lines: split it by responsibility'


def test_the_top_level_of_routix_shows_few_modules() -> None:
    top = [p.name for p in (ROOT / 'routix').glob('*.py') if p.name != '__init__.py']
    assert len(top) <= 12, top
    packages = {p.name for p in (ROOT / 'routix').iterdir() if (p / '__init__.py').exists()}
    assert {'core', 'accounts', 'chat', 'generation', 'analysis', 'edits', 'design', 'render', 'storage'} <= packages


@pytest.mark.parametrize('path', _modules('routix'), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_domain_knows_no_page(path: Path) -> None:
    imports = _imports(path)
    seam = path == ROOT / 'routix' / 'core' / 'runtime.py'  # the one place that wraps NiceGUI's pools
    assert seam or not imports & {'nicegui.ui', 'nicegui.app', 'nicegui.run'}, 'use the injected Runtime and events'
    assert not any(name.split('.')[0] in {'pages', 'components'} for name in imports)


@pytest.mark.parametrize('path', _modules('components'), ids=lambda p: str(p.relative_to(ROOT)))
def test_components_never_touch_services_or_the_database(path: Path) -> None:
    for name in _imports(path):
        assert not name.startswith(('routix.core', 'routix.storage', 'sqlmodel', 'sqlalchemy', 'pages')), name
        assert not name.endswith(('.service', '.services', '.queries')), name


@pytest.mark.parametrize('path', _modules('pages'), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_call_services_never_the_database(path: Path) -> None:
    for name in _imports(path):
        assert not name.startswith(('routix.core.db', 'sqlmodel', 'sqlalchemy', 'routix.chat.queries')), name


def test_the_render_package_has_a_small_public_face() -> None:
    from routix import render

    assert render.__all__ and all(hasattr(render, name) for name in render.__all__)
    outside = _modules('routix', 'pages', 'components')
    for path in outside:
        if 'render' in path.relative_to(ROOT).parts:
            continue
        private = [n for n in _imports(path) if n.startswith('routix.render._')]
        assert not private, f'{path.relative_to(ROOT)} reaches into {private}'
