"""The `routix` command, run as a real process the way a creator runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image


def _routix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', 'routix.cli', *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def test_render_json_reports_analysis_template_and_a_youtube_ready_file(workdir: Path) -> None:
    out = workdir / 'thumb.jpg'
    result = _routix(
        'render', 'Minecraft speedrun "NEW WORLD RECORD" neon purple', '--out', str(out), '--json', cwd=workdir
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report['analysis']['category'] == 'gaming'
    assert report['analysis']['headline'] == 'NEW WORLD RECORD'
    assert report['analysis']['direction'] == 'ltr'
    assert set(report['analysis']) == {'category', 'style', 'mood', 'palette', 'headline', 'language', 'direction'}
    assert report['template']['slug'].startswith('gaming-') and 0 < report['template']['score'] <= 1
    assert (report['width'], report['height']) == (1280, 720)
    assert report['bytes'] == out.stat().st_size <= 2 * 1024 * 1024
    with Image.open(out) as image:
        assert (image.format, image.size) == ('JPEG', (1280, 720))


def test_render_persian_prompt_with_a_reference_image_and_a_pinned_template(workdir: Path) -> None:
    reference = workdir / 'me.png'
    Image.new('RGB', (600, 800), (200, 30, 30)).save(reference)
    out = workdir / 'fa.jpg'
    result = _routix(
        'render',
        'آموزش آشپزی «کیک شکلاتی خانگی»',
        '--image',
        str(reference),
        '--template',
        'cooking-sunny-stripes',
        '--out',
        str(out),
        '--json',
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report['analysis']['headline'] == 'کیک شکلاتی خانگی'
    assert report['analysis']['direction'] == 'rtl' and report['analysis']['language'] == 'fa'
    assert report['template']['slug'] == 'cooking-sunny-stripes'
    assert out.exists()


@pytest.mark.parametrize(
    ('args', 'message'),
    [
        (['   '], 'Describe the thumbnail'),
        (['x' * 2001], 'too long'),
        (['a cat video', '--template', 'no-such-template'], 'no template called'),
        (['a cat video', '--tier', 'premium'], 'STABILITY_API_KEY'),
        (['a cat video', '--tier', 'pro'], 'OPENAI_API_KEY'),
        (['a cat video', '--image', 'missing.png'], 'No such file'),
    ],
)
def test_bad_input_exits_2_with_a_clear_message_and_writes_nothing(
    workdir: Path, args: list[str], message: str
) -> None:
    out = workdir / 'never.jpg'
    result = _routix('render', *args, '--out', str(out), cwd=workdir)
    assert result.returncode == 2
    assert message in result.stderr and 'Traceback' not in result.stderr
    assert not out.exists()


def test_a_file_that_is_not_an_image_is_refused(workdir: Path) -> None:
    fake = workdir / 'photo.png'
    fake.write_bytes(b'this is not a png at all')
    bomb = workdir / 'bomb.png'
    buffer = io.BytesIO()
    Image.new('1', (20000, 20000)).save(buffer, format='PNG')
    bomb.write_bytes(buffer.getvalue())
    for image in (fake, bomb):
        result = _routix('render', 'a cat video', '--image', str(image), '--out', str(workdir / 'x.jpg'), cwd=workdir)
        assert result.returncode == 2 and 'Traceback' not in result.stderr, result.stderr
    assert not (workdir / 'x.jpg').exists()


def test_templates_lists_every_category(workdir: Path) -> None:
    result = _routix('templates', '--json', cwd=workdir)
    assert result.returncode == 0
    templates = json.loads(result.stdout)
    assert len(templates) >= 24
    assert {t['category'] for t in templates} >= {
        'gaming',
        'tech',
        'education',
        'vlog',
        'cooking',
        'fitness',
        'finance',
        'travel',
        'music',
        'news',
        'beauty',
        'sports',
    }


def test_providers_check_reports_unconfigured_providers(workdir: Path) -> None:
    result = _routix('providers', 'check', cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert 'stability' in result.stdout and 'not configured' in result.stdout


def test_premium_render_and_providers_check_use_the_configured_provider(workdir: Path) -> None:
    from tests.fakes import STABILITY_KEY, StabilityFake

    with StabilityFake() as fake:
        env = {**os.environ, 'STABILITY_API_KEY': STABILITY_KEY, 'STABILITY_BASE_URL': fake.url}
        out = workdir / 'premium.jpg'
        result = subprocess.run(
            [
                sys.executable,
                '-m',
                'routix.cli',
                'render',
                'mountain travel vlog "SUMMIT"',
                '--tier',
                'premium',
                '--out',
                str(out),
                '--json',
            ],
            capture_output=True,
            text=True,
            cwd=workdir,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)['bytes'] == out.stat().st_size
        assert [r.path for r in fake.requests if r.method == 'POST'] == ['/v2beta/stable-image/generate/core']
        check = subprocess.run(
            [sys.executable, '-m', 'routix.cli', 'providers', 'check'],
            capture_output=True,
            text=True,
            cwd=workdir,
            env=env,
            timeout=120,
            check=False,
        )
    assert check.returncode == 0, check.stdout + check.stderr
    line = next(line for line in check.stdout.splitlines() if line.startswith('stability'))
    assert ' ok ' in f'{line} ' and STABILITY_KEY not in check.stdout
